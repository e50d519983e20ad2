from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from ..groups import APPRAISAL, MANAGER
from .helpdesk_deduction_rule import SEVERITIES


class HelpdeskLiabilityFinding(models.Model):
    """Who is liable for an appeal and how many points it costs them (R000-43, R000-57).

    The appraisal officer picks a row of the deduction table, the severity, the liable
    departments with their shares and the points (inside the row's range); the finding
    shows what the table gives, including the increase for a repeat of the same type of
    event, before it is confirmed into the ledger.
    """

    _name = "helpdesk.liability.finding"
    _description = "Liability Finding"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    preset_id = fields.Many2one(related="company_id.complaint_preset_id")
    rule_id = fields.Many2one(
        "helpdesk.deduction.rule",
        string="Finding",
        required=True,
        domain="[('preset_id', '=', preset_id), ('generator', '=', False)]",
        tracking=True,
    )
    no_liability = fields.Boolean(related="rule_id.no_liability")
    case_by_case = fields.Boolean(related="rule_id.case_by_case")
    severity = fields.Selection(SEVERITIES, tracking=True)
    investigator_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    investigation = fields.Html(string="Investigation Report")
    attachment_ids = fields.Many2many(
        "ir.attachment", "helpdesk_liability_finding_attachment_rel", string="Evidence"
    )
    justification = fields.Text(
        help="Why these points: mandatory for a range or a case-by-case ruling (C-07, "
        "R000-74)."
    )
    repeat_number = fields.Integer(
        default=1,
        help="This is the n-th complaint about the same type of event (R000-73); "
        "proposed from earlier findings, staff confirm it.",
    )
    line_ids = fields.One2many(
        "helpdesk.liability.finding.line",
        "finding_id",
        string="Liable Units",
        copy=True,
    )
    total_points = fields.Float(compute="_compute_total_points", digits=(16, 2))
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Awaiting Approval"),
            ("confirmed", "Confirmed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_at = fields.Datetime(readonly=True)
    deduction_ids = fields.One2many(
        "helpdesk.deduction.line", "finding_id", string="Deductions"
    )

    @api.depends("ticket_id.number", "rule_id.code")
    def _compute_name(self):
        for finding in self:
            finding.name = (
                f"{finding.ticket_id.number or ''} / {finding.rule_id.code or ''}"
            )

    @api.depends("line_ids.points", "line_ids.share", "repeat_number", "rule_id")
    def _compute_total_points(self):
        for finding in self:
            multiplier = finding._multiplier()
            finding.total_points = sum(
                line.points * line.share / 100 * multiplier for line in finding.line_ids
            )

    def _multiplier(self):
        self.ensure_one()
        if not self.rule_id:
            return 1.0
        return self.rule_id._multiplier(self.repeat_number)

    # ------------------------------------------------------------------
    # Proposals
    # ------------------------------------------------------------------

    @api.onchange("rule_id", "severity")
    def _onchange_rule(self):
        """Propose the table's parties with their points and the repeat number."""
        if not self.rule_id:
            return
        self.repeat_number = self._proposed_repeat_number()
        lines = [(5, 0, 0)]
        for table_line in self.rule_id.line_ids.filtered(
            lambda line: not line.severity or line.severity == self.severity
        ):
            lines.append(
                (
                    0,
                    0,
                    {
                        "rule_line_id": table_line.id,
                        "party": table_line.party,
                        "department_id": self.rule_id._party_department(
                            self.ticket_id, table_line.party
                        ).id
                        if table_line.party
                        in (
                            "responsible_department",
                            "response_office",
                            "hr_department",
                            "chief_engineer_office",
                        )
                        else False,
                        "points": table_line.points_min,
                        "share": 100.0,
                    },
                )
            )
        self.line_ids = lines

    def _proposed_repeat_number(self):
        """R000-73: 1 + earlier confirmed findings of the same rule on appeals of the
        same category and the same customer, phone or address within the preset's
        window."""
        self.ensure_one()
        ticket = self.ticket_id.sudo()
        same_customer = [
            Domain(f"ticket_id.{name}", "=", value)
            for name, value in (
                ("partner_id", ticket.partner_id.id),
                ("complainant_phone", ticket.complainant_phone),
                ("complainant_address", ticket.complainant_address),
            )
            if value
        ]
        if not same_customer:
            return 1
        window = ticket.company_id.complaint_preset_id.same_type_window_days
        domain = Domain.AND(
            [
                Domain("id", "!=", self._origin.id or 0),
                Domain("state", "=", "confirmed"),
                Domain("rule_id", "=", self.rule_id.id),
                Domain("ticket_id.category_id", "=", ticket.category_id.id),
                Domain(
                    "ticket_id.received_at",
                    ">=",
                    ticket.received_at - timedelta(days=window),
                ),
                Domain("ticket_id.received_at", "<", ticket.received_at),
                Domain.OR(same_customer),
            ]
        )
        return self.sudo().search_count(domain) + 1

    # ------------------------------------------------------------------
    # Checks and confirmation
    # ------------------------------------------------------------------

    def _check_appraisal_officer(self):
        if not (self.env.su or self.env.user.has_group(APPRAISAL)):
            raise AccessError(
                self.env._("Only HR's appraisal officers record liability findings.")
            )

    def _check_lines(self):
        for finding in self:
            rule = finding.rule_id
            if rule.no_liability:
                continue
            if rule.line_ids.filtered("severity") and not finding.severity:
                raise UserError(
                    self.env._(
                        "Rule %(code)s depends on the severity: choose it.",
                        code=rule.code,
                    )
                )
            if not finding.line_ids:
                raise UserError(
                    self.env._(
                        "Name the liable departments of finding %(name)s.",
                        name=finding.name,
                    )
                )
            ranged = False
            for line in finding.line_ids:
                if not line.department_id:
                    raise UserError(
                        self.env._("Choose the department of each liable party.")
                    )
                if rule.case_by_case:
                    continue
                table_line = rule._line_for(line.party, finding.severity)
                if not table_line:
                    raise ValidationError(
                        self.env._(
                            "Rule %(code)s charges nothing to this party at this "
                            "severity.",
                            code=rule.code,
                        )
                    )
                if not table_line.points_min <= line.points <= table_line.points_max:
                    raise ValidationError(
                        self.env._(
                            "Rule %(code)s allows %(low)s to %(high)s points here; "
                            "%(points)s is outside (C-07).",
                            code=rule.code,
                            low=table_line.points_min,
                            high=table_line.points_max,
                            points=line.points,
                        )
                    )
                if not float(line.points).is_integer():
                    raise ValidationError(
                        self.env._("Points within a range go in whole points (C-07).")
                    )
                ranged = ranged or table_line.points_max > table_line.points_min
            for party in set(finding.line_ids.mapped("party")):
                share = sum(
                    finding.line_ids.filtered(
                        lambda line, party=party: line.party == party
                    ).mapped("share")
                )
                if abs(share - 100) > 0.01:
                    raise ValidationError(
                        self.env._(
                            "The shares of each liable party must add up to 100%%; "
                            "they add up to %(share)s%%.",
                            share=share,
                        )
                    )
            if (ranged or rule.case_by_case) and not (
                finding.justification or ""
            ).strip():
                raise UserError(
                    self.env._(
                        "Write why these points were chosen: a range or a case-by-case "
                        "ruling needs it (C-07, R000-74)."
                    )
                )
            if finding.repeat_number < 1:
                raise ValidationError(self.env._("The repeat number starts at 1."))

    def action_confirm(self):
        self._check_appraisal_officer()
        for finding in self:
            if finding.state != "draft":
                raise UserError(self.env._("Only a draft finding can be confirmed."))
            finding._check_lines()
            if finding.rule_id.case_by_case and not finding.approved_by_id:
                finding.state = "to_approve"
                finding._notify_approvers()
                continue
            finding._apply()

    def action_approve(self):
        """R000-74, R000-75: a case-by-case ruling needs a complaint manager's
        approval."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only complaint managers approve case-by-case rulings.")
            )
        for finding in self:
            if finding.state != "to_approve":
                raise UserError(self.env._("This finding is not awaiting approval."))
            if finding.create_uid == self.env.user:
                raise AccessError(
                    self.env._("A ruling is approved by someone other than its author.")
                )
            finding.approved_by_id = self.env.user
            finding._apply()

    def action_cancel(self):
        self._check_appraisal_officer()
        for finding in self:
            if finding.state == "confirmed":
                raise UserError(
                    self.env._(
                        "Cancel the deductions of a confirmed finding, with their "
                        "reason."
                    )
                )
            finding.state = "cancelled"

    def _notify_approvers(self):
        group = self.env.ref(MANAGER)
        for user in group.all_user_ids.filtered(
            lambda user: self.company_id in user.company_ids and user != self.env.user
        )[:1]:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Approve the case-by-case ruling %(name)s", name=self.name
                ),
                user_id=user.id,
            )

    def _apply(self):
        """Write the finding's deductions, proposed until the contest window ends."""
        self.ensure_one()
        now = fields.Datetime.now()
        company = self.company_id
        deadline = company._complaint_contest_deadline(now)
        # The lines stand when the window ends, in that month (C-09): refused before
        # anything is written while that month is locked.
        self.env["helpdesk.appraisal.period"]._for_moment(
            company, deadline
        )._check_open_to_confirm(
            self.env._(
                "Confirming finding %(name)s, whose deductions stand on %(deadline)s "
                "unless contested,",
                name=self.name,
                deadline=company._complaint_format_datetime(deadline),
            )
        )
        self.env["helpdesk.deduction.line"].create(
            [
                self.rule_id._ledger_values(
                    line.department_id,
                    line.points,
                    ticket=self.ticket_id,
                    party=line.party,
                    employee=line.employee_id,
                    repeat=self.repeat_number,
                    share=line.share,
                    reason=self.justification,
                    finding=self,
                    contest_deadline=deadline,
                )
                for line in self.line_ids
            ]
        )
        self.write({"state": "confirmed", "confirmed_at": now})
        # R001-29: the departments are told; their window to contest starts now.
        self.ticket_id._record_event("liability_notice", when=now, note=self.name)
        notice = self.with_context(**company._complaint_text_context())
        for department in self.line_ids.department_id:
            user = department._complaint_step_owner()
            if user:
                notice.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=company._complaint_local_date(deadline),
                    summary=notice.env._(
                        "Liability found: contest in writing by %(deadline)s if you "
                        "disagree",
                        deadline=company._complaint_format_datetime(deadline),
                    ),
                    user_id=user.id,
                )

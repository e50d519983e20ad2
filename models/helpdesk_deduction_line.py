from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round

from ..groups import APPRAISAL
from .helpdesk_deduction_rule import PARTIES


class HelpdeskDeductionLine(models.Model):
    """One deduction in the ledger (C-08): who loses how many points, for which appeal and rule.

    Lines start as proposed and are confirmed once the department's window to contest has
    passed (R001-29); they belong to the month they are confirmed in (C-09). They are never
    deleted: a wrong line is cancelled with its reason, and a line of a locked month is
    corrected by a new line in an open month.
    """

    _name = "helpdesk.deduction.line"
    _description = "Deduction"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", index=True, ondelete="restrict"
    )
    rule_id = fields.Many2one(
        "helpdesk.deduction.rule",
        string="Rule",
        required=True,
        index=True,
        ondelete="restrict",
    )
    rule_code = fields.Char(related="rule_id.code", store=True)
    table = fields.Selection(related="rule_id.table", store=True)
    party = fields.Selection(PARTIES, required=True)
    department_id = fields.Many2one(
        "hr.department", string="Department", required=True, index=True
    )
    section_id = fields.Many2one("hr.department", string="Section", index=True)
    employee_id = fields.Many2one("hr.employee", string="Person", index=True)
    source = fields.Selection(
        [
            ("finding", "Liability Finding"),
            ("process", "Handling Process"),
            ("satisfaction", "Satisfaction"),
            ("platform", "Platform"),
        ],
        required=True,
        default="finding",
        index=True,
    )
    source_key = fields.Char(
        index="btree_not_null",
        help="The fact a generated line stands for: regenerating finds and updates it instead of adding another.",
    )
    finding_id = fields.Many2one(
        "helpdesk.liability.finding", string="Finding", index=True, ondelete="restrict"
    )
    quantity = fields.Float(
        digits=(16, 2), help="Days overdue, ordinal of the verdict, fields missing ..."
    )
    base_points = fields.Float(digits=(16, 2), required=True)
    multiplier = fields.Float(digits=(16, 2), default=1.0, required=True)
    share = fields.Float(
        string="Share (%)", digits=(16, 2), default=100.0, required=True
    )
    points = fields.Float(
        compute="_compute_points", store=True, digits=(16, 2), help="Points deducted."
    )
    reason = fields.Text()
    state = fields.Selection(
        [
            ("draft", "Proposed"),
            ("contested", "Contested"),
            ("confirmed", "Confirmed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    contest_deadline = fields.Datetime(
        help="The department may contest in writing until then (R001-29)."
    )
    period_id = fields.Many2one(
        "helpdesk.appraisal.period", string="Month", index=True, readonly=True
    )
    confirmed_at = fields.Datetime(readonly=True)
    cancel_reason = fields.Text(readonly=True)
    correction_of_id = fields.Many2one(
        "helpdesk.deduction.line", string="Corrects", readonly=True
    )

    correction_ids = fields.One2many(
        "helpdesk.deduction.line", "correction_of_id", string="Corrections"
    )

    @api.depends("base_points", "multiplier", "share")
    def _compute_points(self):
        for line in self:
            line.points = float_round(
                line.base_points * line.multiplier * line.share / 100.0, 2
            )

    # ------------------------------------------------------------------
    # Integrity: locked months, no deletion, who confirms what
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("period_id"):
                self.env["helpdesk.appraisal.period"].browse(
                    vals["period_id"]
                )._check_open()
        lines = super().create(vals_list)
        lines._check_response_office_target()
        return lines

    def write(self, vals):
        self.period_id._check_open()
        if vals.get("period_id"):
            self.env["helpdesk.appraisal.period"].browse(
                vals["period_id"]
            )._check_open()
        return super().write(vals)

    def unlink(self):
        raise UserError(
            self.env._(
                "Deductions are appraisal evidence: cancel them with a reason instead."
            )
        )

    def _check_response_office_target(self):
        """R000-56: HR appraises the response office; nobody confirms against their own unit."""
        user = self.env.user
        if self.env.su:
            return
        for line in self:
            office = line.company_id.complaint_office_department_id
            if (
                office
                and line.department_id == office
                and not user.has_group(APPRAISAL)
            ):
                raise AccessError(
                    self.env._(
                        "Only HR's appraisal officers deduct points from the response office (R000-56)."
                    )
                )

    def _check_not_own_unit(self):
        user = self.env.user
        if self.env.su:
            return
        own = user.employee_ids.department_id
        for line in self:
            if line.department_id in own:
                raise AccessError(
                    self.env._(
                        "You cannot confirm a deduction against your own unit %(department)s (R000-56).",
                        department=line.department_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------

    def _confirm(self, when=None):
        """Confirm into the month of ``when`` (C-09)."""
        when = when or fields.Datetime.now()
        for company in self.company_id:
            lines = self.filtered(
                lambda line: (
                    line.company_id == company and line.state in ("draft", "contested")
                )
            )
            period = self.env["helpdesk.appraisal.period"]._for_date(
                company, fields.Datetime.context_timestamp(self, when).date()
            )
            period._check_open()
            lines.sudo().write(
                {"state": "confirmed", "period_id": period.id, "confirmed_at": when}
            )

    def action_confirm(self):
        """An appraisal officer confirms before the window ends (e.g. no contest expected)."""
        if not self.env.user.has_group(APPRAISAL):
            raise AccessError(self.env._("Only appraisal officers confirm deductions."))
        self._check_not_own_unit()
        open_lines = self.filtered(lambda line: line.state == "draft")
        open_lines._confirm()

    def _cancel(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Cancelling a deduction needs the reason."))
        for line in self:
            if line.state == "confirmed" and line.period_id.state == "locked":
                # C-09: the locked month stays as it is; the correction goes to an open month.
                line.sudo().copy(
                    {
                        "base_points": -line.base_points,
                        "state": "draft",
                        "source_key": False,
                        "correction_of_id": line.id,
                        "period_id": False,
                        "reason": reason,
                    }
                )._confirm()
            else:
                line.sudo().write({"state": "cancelled", "cancel_reason": reason})

    @api.model
    def _cron_sync_process_lines(self):
        """Facts that become faults with time alone (a month ends, a committed date passes)."""
        recent = fields.Datetime.now() - relativedelta(months=4)
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    "|",
                    ("unsatisfied_at", ">=", recent),
                    "&",
                    ("committed_date", "!=", False),
                    ("state", "!=", "closed"),
                ]
            )
        )
        self._sync_process_lines(tickets)

    @api.model
    def _cron_confirm_uncontested(self):
        """R001-29: without a written statement in time, liability is confirmed."""
        self.search(
            [("state", "=", "draft"), ("contest_deadline", "<=", fields.Datetime.now())]
        )._confirm()

    # ------------------------------------------------------------------
    # Process deductions generated from recorded facts
    # ------------------------------------------------------------------

    @api.model
    def _sync_process_lines(self, tickets):
        """Bring the generated lines of ``tickets`` in line with their facts.

        Idempotent: each fact has a key; a line exists once per key, is updated when its fact
        changes, and is cancelled (or corrected, in a locked month) when the fact is gone.
        """
        tickets = tickets.sudo().filtered("company_id.complaint_preset_id")
        if not tickets:
            return
        rules = (
            self.env["helpdesk.deduction.rule"]
            .sudo()
            .search(
                [
                    ("preset_id", "in", tickets.company_id.complaint_preset_id.ids),
                    ("generator", "!=", False),
                ]
            )
        )
        proposals = {}
        for rule in rules:
            scoped = tickets.filtered(
                lambda ticket, rule=rule: (
                    ticket.company_id.complaint_preset_id == rule.preset_id
                )
            )
            for proposal in rule._propose(scoped):
                proposals[(proposal["company_id"], proposal["source_key"])] = proposal
        Line = self.sudo()
        existing = Line.search(
            [
                ("ticket_id", "in", tickets.ids),
                ("source_key", "!=", False),
                ("state", "!=", "cancelled"),
                ("correction_ids", "=", False),
            ]
        )
        by_key = {(line.company_id.id, line.source_key): line for line in existing}
        compared = ("base_points", "multiplier", "quantity", "department_id", "party")
        to_create = []
        for key, proposal in proposals.items():
            line = by_key.get(key)
            if line is None:
                to_create.append(proposal)
                continue
            changes = {
                name: proposal[name]
                for name in compared
                if (line[name].id if name == "department_id" else line[name])
                != proposal[name]
            }
            if not changes:
                continue
            if line.state == "confirmed" and line.period_id.state == "locked":
                line._cancel(self.env._("Corrected: the fact behind it changed."))
                to_create.append(proposal)
            else:
                line.write(changes)
        if to_create:
            Line.create(to_create)
        for key, line in by_key.items():
            if key not in proposals:
                line._cancel(
                    self.env._("The fact behind this deduction no longer holds.")
                )

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import OFFICE
from .helpdesk_penalty_rule import CASE_KINDS, SCOPES

CHANNEL_OF_KIND = {"unsatisfied_12345": "hotline_12345", "live_stream": "live_stream"}


class HelpdeskServiceCase(models.Model):
    """One fact the service rules count against a person, section or department: a
    service-attitude complaint the CSC verified (R001-28), a 12345 unsatisfied ticket, a
    live-stream liability complaint, or an internal inspection exposure (R001-05).

    An appeal counts once, whatever categories it falls in (R001-11). A case from an
    appeal is proposed with its money lines and service-conduct points, open to the
    department's written contest for the preset's working days (R001-29 to R001-31),
    then confirmed into the month (C-09); counters are grouped queries over confirmed
    cases (R001-19)."""

    _name = "helpdesk.service.case"
    _description = "Service Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.ledger.entry.mixin"]
    _order = "create_date desc, id desc"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", index=True, ondelete="restrict"
    )
    inspection_id = fields.Many2one(
        "helpdesk.service.inspection",
        index=True,
        ondelete="restrict",
    )
    kind = fields.Selection(CASE_KINDS, required=True, index=True, tracking=True)
    also_unsatisfied_12345 = fields.Boolean(
        string="Also a 12345 Unsatisfied Ticket",
        help="The appeal is both a service-attitude complaint and a 12345 unsatisfied "
        "ticket: it still counts once, as a service-attitude complaint (R001-11).",
    )
    is_over_level = fields.Boolean(
        string="Over-Level Complaint",
        help="The customer complained above the company (R004-18).",
    )
    is_company_liability = fields.Boolean(
        string="Company-Liability Complaint", help="R004-18."
    )
    is_major = fields.Boolean(
        string="Major Service Complaint",
        help="Set by the CSC: vetoes the department's appraisal for the month when the "
        "preset's toggle is on (R004-15).",
    )
    is_linked_money = fields.Boolean(compute="_compute_is_linked_money")
    employee_id = fields.Many2one(
        "hr.employee",
        string="Person",
        index=True,
        tracking=True,
        help="The person liable; empty when nobody can be identified (R001-13).",
    )
    section_id = fields.Many2one(
        "hr.department",
        index=True,
        tracking=True,
        help="Empty when no section can be identified either (R001-14).",
    )
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True
    )
    job_id = fields.Many2one("hr.job", string="Post")
    level = fields.Selection(
        SCOPES,
        compute="_compute_level",
        store=True,
        help="Whom the case is charged to: the person, else the section head, else the "
        "department's leaders (R001-11, R001-13, R001-14).",
    )
    facts = fields.Text(
        string="Verified Facts", help="What the CSC found when it verified the case."
    )
    verified_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    fact_date = fields.Date(
        compute="_compute_fact_date",
        store=True,
        help="When it happened: the appeal's receipt or the inspection's date.",
    )
    contest_deadline = fields.Datetime(readonly=True)
    period_date = fields.Date(
        related="period_id.date_start", string="Month Start", store=True
    )
    year = fields.Integer(readonly=True, index=True)
    money_line_ids = fields.One2many(
        "helpdesk.money.line", "case_id", string="Money Lines"
    )
    deduction_line_id = fields.Many2one(
        "helpdesk.deduction.line",
        string="Service-Conduct Points",
        readonly=True,
        help="The department's appraisal points for the case (R001-08).",
    )
    exposure_entry_ids = fields.One2many(
        "helpdesk.exposure.entry", "case_id", string="Exposure Board"
    )

    _one_case_per_appeal = models.UniqueIndex(
        "(ticket_id) WHERE state != 'cancelled' AND ticket_id IS NOT NULL",
        "An appeal counts once: it already has a service case.",
    )

    @api.depends("ticket_id.number", "inspection_id.name", "kind")
    def _compute_display_name(self):
        # The kind in the reader's language, so no stored name.
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for case in self:
            source = case.ticket_id.number or case.inspection_id.name or ""
            case.display_name = f"{source} {kinds.get(case.kind, '')}".strip()

    @api.depends("is_over_level", "is_company_liability")
    def _compute_is_linked_money(self):
        for case in self:
            case.is_linked_money = case.is_over_level or case.is_company_liability

    @api.depends("employee_id", "section_id")
    def _compute_level(self):
        for case in self:
            case.level = (
                "person"
                if case.employee_id
                else "section"
                if case.section_id
                else "department"
            )

    @api.depends("ticket_id.received_at", "inspection_id.date")
    def _compute_fact_date(self):
        for case in self:
            if case.inspection_id:
                case.fact_date = case.inspection_id.date
            elif case.ticket_id.received_at:
                tz = case.company_id._get_complaint_calendar()._sla_tz()
                case.fact_date = (
                    pytz.utc.localize(case.ticket_id.received_at).astimezone(tz).date()
                )
            else:
                case.fact_date = False

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        employee = self.employee_id.sudo()
        if employee.department_id:
            department, section = employee.department_id._people_units()
            self.department_id, self.section_id = department, section
            self.job_id = employee.job_id

    @api.onchange("ticket_id")
    def _onchange_ticket_id(self):
        ticket = self.ticket_id
        if not ticket:
            return
        self.department_id = self.department_id or ticket.department_id
        self.section_id = self.section_id or ticket.section_id
        if not self.kind:
            code = ticket.channel_id.code
            self.kind = (
                "attitude"
                if ticket.category_id.is_service_attitude
                else "unsatisfied_12345"
                if code == "hotline_12345"
                else "live_stream"
                if code == "live_stream"
                else False
            )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    @api.constrains("kind", "ticket_id", "inspection_id", "also_unsatisfied_12345")
    def _check_source(self):
        for case in self:
            if case.kind == "exposure":
                if not case.inspection_id:
                    raise ValidationError(
                        self.env._("An inspection exposure comes from an inspection.")
                    )
                continue
            if not case.ticket_id:
                raise ValidationError(
                    self.env._("A complaint case belongs to an appeal.")
                )
            channel = case.ticket_id.channel_id.code
            needed = CHANNEL_OF_KIND.get(case.kind)
            if needed and channel != needed:
                raise ValidationError(
                    self.env._(
                        "Appeal %(number)s did not come through the channel this "
                        "kind of case needs.",
                        number=case.ticket_id.number,
                    )
                )
            if case.also_unsatisfied_12345 and channel != "hotline_12345":
                raise ValidationError(
                    self.env._("Only a 12345 appeal is a 12345 unsatisfied ticket.")
                )

    @api.constrains("employee_id", "section_id", "department_id")
    def _check_units(self):
        for case in self:
            department, _section = case.department_id._people_units()
            if department != case.department_id:
                raise ValidationError(
                    self.env._(
                        "%(department)s is a section: choose its department and name "
                        "the section.",
                        department=case.department_id.name,
                    )
                )
            if case.section_id and case.section_id._people_units() != (
                case.department_id,
                case.section_id,
            ):
                raise ValidationError(
                    self.env._(
                        "%(section)s is not a section of %(department)s.",
                        section=case.section_id.name,
                        department=case.department_id.name,
                    )
                )
            home = case.employee_id.sudo().department_id
            if case.employee_id and (
                not home
                or home._people_units()[0] != case.department_id
                or (case.section_id and home._people_units()[1] != case.section_id)
            ):
                raise ValidationError(
                    self.env._(
                        "%(person)s does not work in the case's department or section.",
                        person=case.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("ticket_id"):
                self._check_creator()
                self._check_counted_once(vals["ticket_id"])
            employee = self.env["hr.employee"].browse(vals.get("employee_id")).sudo()
            if employee:
                department, section = employee.department_id._people_units()
                vals.setdefault("department_id", department.id)
                vals.setdefault("section_id", section.id)
                vals.setdefault("job_id", employee.job_id.id)
        cases = super().create(vals_list)
        cases.filtered("ticket_id")._propose()
        return cases

    def write(self, vals):
        if set(vals) - {"facts"} and not self.env.su:
            raise UserError(
                self.env._(
                    "A service case changes only through its contest, confirmation or "
                    "withdrawal; withdraw it and record it again."
                )
            )
        if "facts" in vals and self.filtered(lambda case: case.state != "draft"):
            raise UserError(self.env._("The verified facts of a decided case stay."))
        return super().write(vals)

    def _check_creator(self):
        if not (self.env.su or self.env.user.has_group(OFFICE)):
            raise AccessError(
                self.env._(
                    "The customer service center verifies and confirms service "
                    "complaints (R001-28)."
                )
            )

    def _check_counted_once(self, ticket_id):
        if self.sudo().search_count(
            [("ticket_id", "=", ticket_id), ("state", "!=", "cancelled")], limit=1
        ):
            ticket = self.env["helpdesk.ticket"].browse(ticket_id).sudo()
            raise ValidationError(
                self.env._(
                    "Appeal %(number)s already counts as a service case; an appeal "
                    "counts once (R001-11).",
                    number=ticket.number,
                )
            )

    def _propose(self):
        """Open the contest window: the case's money lines and points, proposed
        (R001-29)."""
        now = fields.Datetime.now()
        Money = self.env["helpdesk.money.line"].sudo()
        Rule = self.env["helpdesk.penalty.rule"]
        for case in self:
            company = case.company_id
            deadline = company._complaint_contest_deadline(now)
            case.sudo().contest_deadline = deadline
            common = {
                "company_id": company.id,
                "case_id": case.id,
                "contest_deadline": deadline,
                "state": "draft",
            }
            Money.create([{**vals, **common} for vals in Rule._case_line_values(case)])
            case._propose_conduct_points(deadline)
            case.ticket_id._record_event(
                "liability_notice", when=now, note=case.display_name
            )
            owner = case.department_id._complaint_step_owner()
            if owner:
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Service case confirmed by the CSC: contest in writing before "
                        "the deadline if you disagree"
                    ),
                    date_deadline=fields.Datetime.context_timestamp(
                        case, deadline
                    ).date(),
                    user_id=owner.id,
                )

    def _propose_conduct_points(self, deadline):
        """R001-08: a service-conduct complaint also costs the department appraisal
        points, a line of the preset's deduction rule, contested with the case."""
        self.ensure_one()
        rule = self.company_id.complaint_preset_id.service_conduct_rule_id
        if not rule or self.kind not in ("attitude", "live_stream"):
            return
        party = "responsible_department"
        points = rule._table_points(party)
        if points is None:
            return
        self.sudo().deduction_line_id = (
            self.env["helpdesk.deduction.line"]
            .sudo()
            .create(
                rule._ledger_values(
                    self.department_id,
                    points,
                    ticket=self.ticket_id,
                    party=party,
                    section=self.section_id,
                    employee=self.employee_id,
                    reason=self.facts,
                    contest_deadline=deadline,
                )
            )
        )

    def _set_contested(self):
        self.sudo().write({"state": "contested"})
        self.money_line_ids.filtered(lambda line: line.state == "draft").sudo().write(
            {"state": "contested"}
        )

    def _confirm(self, when=None):
        """Liability stands: the case counts in the month of confirmation (C-09), its
        lines are confirmed, it is exposed (R001-07) and thresholds are recomputed."""
        when = when or fields.Datetime.now()
        day = fields.Datetime.context_timestamp(self, when).date()
        Period = self.env["helpdesk.appraisal.period"]
        for company in self.company_id:
            cases = self.filtered(
                lambda case, company=company: (
                    case.company_id == company and case.state in ("draft", "contested")
                )
            )
            if not cases:
                continue
            period = Period._for_date(company, day)
            period._check_open()
            cases.sudo().write(
                {
                    "state": "confirmed",
                    "period_id": period.id,
                    "confirmed_at": when,
                    "year": period.date_start.year,
                }
            )
            cases.money_line_ids._confirm(when)
            cases.deduction_line_id.filtered(
                lambda line: line.state in ("draft", "contested")
            )._confirm(when)
            cases._publish_exposure()
            self.env["helpdesk.penalty.rule"]._sync_thresholds(
                company, {period.date_start.year}
            )

    def _cancel(self, reason):
        """Not appraised after all: no penalty, points or exposure follow (R001-30)."""
        if not (reason or "").strip():
            raise UserError(self.env._("Cancelling a service case needs the reason."))
        self.period_id._check_open()
        for case in self.filtered(lambda case: case.state != "cancelled"):
            confirmed = case.state == "confirmed"
            case.sudo().write({"state": "cancelled", "cancel_reason": reason})
            case.money_line_ids._cancel(reason)
            case.deduction_line_id.filtered(
                lambda line: line.state != "cancelled"
            )._cancel(reason)
            case.exposure_entry_ids.sudo().write({"active": False})
            if confirmed:
                self.env["helpdesk.penalty.rule"]._sync_thresholds(
                    case.company_id, {case.year}
                )

    def action_open_cancel(self):
        self._check_cancel_access()
        return self.env["helpdesk.people.cancel"]._open(self)

    def _check_cancel_access(self):
        if not (self.env.su or self.env.user.has_group(OFFICE)):
            raise AccessError(
                self.env._("Only the customer service center withdraws service cases.")
            )

    def _publish_exposure(self):
        """R001-07: one entry per appeal or matter, once liability is confirmed."""
        Entry = self.env["helpdesk.exposure.entry"].sudo()
        Entry.create(
            [
                Entry._values_for_case(case)
                for case in self
                if not case.with_context(active_test=False).exposure_entry_ids
            ]
        )

    @api.model
    def _cron_confirm_uncontested(self):
        """R001-29: without a written statement in time, liability is confirmed."""
        self._past_contest_window()._confirm()

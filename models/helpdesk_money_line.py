from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import APPRAISAL
from .helpdesk_penalty_rule import PERIODS, RATING_RANK, RATINGS, SCOPES


class HelpdeskMoneyLine(models.Model):
    """One money or rating consequence for a person or unit: a penalty (negative
    amount), an award (positive), a bonus factor, a rating cap, a recommendation (C-11).

    Lines live like the deduction ledger: a case's lines are proposed during its contest
    window and confirmed with it into the month of confirmation (C-09); lines that stand
    for confirmed facts (thresholds, approved awards) are confirmed at once. Each
    carries the key of its fact, is never deleted but cancelled with a reason, and a
    line of a locked month is corrected by a new line in an open month."""

    _name = "helpdesk.money.line"
    _description = "Money Line"
    _inherit = ["mail.thread", "helpdesk.ledger.entry.mixin"]
    _order = "create_date desc, id desc"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    rule_id = fields.Many2one("helpdesk.penalty.rule", index=True, ondelete="restrict")
    rule_code = fields.Char(related="rule_id.code", store=True)
    source = fields.Selection(
        [
            ("case", "Service Case"),
            ("linked", "Linked Share"),
            ("threshold", "Threshold Reached"),
            ("veto", "Major Complaint Veto"),
            ("exam", "Service Exam"),
            ("star", "Service Star"),
            ("grievance", "Grievance Award"),
            ("manual", "Entered by HR"),
        ],
        required=True,
        default="manual",
        index=True,
    )
    direction = fields.Selection(
        [("penalty", "Penalty"), ("award", "Award"), ("effect", "Effect Only")],
        compute="_compute_direction",
        store=True,
        readonly=False,
        help="A correction keeps the direction of the line it corrects, so payroll "
        "nets it against the right column.",
    )
    case_id = fields.Many2one(
        "helpdesk.service.case", string="Service Case", index=True, ondelete="restrict"
    )
    ticket_id = fields.Many2one(
        related="case_id.ticket_id", string="Appeal", store=True, index=True
    )
    exam_id = fields.Many2one(
        "helpdesk.service.exam", string="Exam Result", index=True, ondelete="restrict"
    )
    star_nomination_id = fields.Many2one(
        "helpdesk.star.nomination",
        index=True,
        ondelete="restrict",
    )
    grievance_award_id = fields.Many2one(
        "helpdesk.grievance.award",
        index=True,
        ondelete="restrict",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        index=True,
        help="Empty for what concerns the unit itself, or when nobody holds the post "
        "the rule charges.",
    )
    department_id = fields.Many2one("hr.department", required=True, index=True)
    section_id = fields.Many2one("hr.department", index=True)
    scope = fields.Selection(SCOPES, default="person", required=True)
    amount = fields.Integer(
        string="Amount (yuan)",
        tracking=True,
        help="Negative: taken from pay; positive: an award (C-11).",
    )
    bonus_factor = fields.Float(
        digits=(16, 2), help="The annual bonus is paid at this factor; 0: no effect."
    )
    rating_cap = fields.Selection(RATINGS, help="The highest rating for the period.")
    cap_period = fields.Selection(PERIODS, default="year")
    dismissal_recommended = fields.Boolean(
        help="Outsourced staff: the vendor is asked to dismiss them (R001-12).",
    )
    vendor_id = fields.Many2one(
        "res.partner",
        string="Staffing Vendor",
        compute="_compute_vendor_id",
        store=True,
    )
    collective_cancel_recommended = fields.Boolean(
        string="Cancel Advanced Collective",
        help="Recommends cancelling the department's eligibility for the advanced "
        "collective award (R001-17, R004-15).",
    )
    veto = fields.Boolean(
        help="A confirmed major service complaint vetoes the unit's appraisal for the "
        "month (R004-15)."
    )
    reason = fields.Text()
    period_id = fields.Many2one(readonly=False, tracking=True)
    period_date = fields.Date(
        related="period_id.date_start", string="Month Start", store=True
    )
    year = fields.Integer(
        index=True,
        help="The year the line's fact belongs to: bonus factors and rating caps hold "
        "for it.",
    )
    source_key = fields.Char(
        index="btree_not_null",
        help="The fact the line stands for: rule, unit, period and recipient. "
        "Recomputing finds the line instead of adding another.",
    )
    correction_of_id = fields.Many2one(
        "helpdesk.money.line", string="Corrects", readonly=True, index=True
    )
    correction_ids = fields.One2many(
        "helpdesk.money.line", "correction_of_id", string="Corrections"
    )

    @api.depends("amount")
    def _compute_direction(self):
        for line in self:
            line.direction = (
                "award"
                if line.amount > 0
                else "penalty"
                if line.amount < 0
                else "effect"
            )

    @api.depends("employee_id", "dismissal_recommended")
    def _compute_vendor_id(self):
        for line in self:
            line.vendor_id = (
                line.dismissal_recommended
                and line.employee_id.sudo().staffing_vendor_id
            )

    @api.depends("rule_code", "reason", "employee_id", "department_id")
    def _compute_display_name(self):
        for line in self:
            who = line.employee_id.name or line.department_id.name or ""
            line.display_name = " / ".join(
                part for part in (line.rule_code, who) if part
            )

    # ------------------------------------------------------------------
    # Integrity: locked months, no deletion
    # ------------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and self.filtered(lambda line: line.source != "manual"):
            raise UserError(
                self.env._(
                    "Lines that stand for a case, a threshold or an award change with "
                    "their facts only; enter a correction as a new line."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Money lines are payroll evidence: cancel them with a reason instead."
            )
        )

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------

    def _confirm(self, when=None):
        """Confirm into the month of ``when`` (C-09)."""
        when = when or fields.Datetime.now()
        day = fields.Datetime.context_timestamp(self, when).date()
        for company in self.company_id:
            lines = self.filtered(
                lambda line, company=company: (
                    line.company_id == company and line.state in ("draft", "contested")
                )
            )
            if not lines:
                continue
            period = self.env["helpdesk.appraisal.period"]._for_date(company, day)
            period._check_open()
            for year, year_lines in lines.grouped(
                lambda line, period=period: line.year or period.date_start.year
            ).items():
                year_lines.sudo().write(
                    {
                        "state": "confirmed",
                        "period_id": period.id,
                        "confirmed_at": when,
                        "year": year,
                    }
                )

    @api.model
    def _create_confirmed(self, company, vals_list):
        """Lines for facts already confirmed: into their own month while it is open,
        else into the current month (C-09)."""
        Period = self.env["helpdesk.appraisal.period"]
        current = Period._for_date(company, fields.Date.context_today(self))
        now = fields.Datetime.now()
        for vals in vals_list:
            period = Period.browse(vals.get("period_id"))
            if not period or period.state == "locked":
                period = current
            vals.update(
                {
                    "company_id": company.id,
                    "period_id": period.id,
                    "state": "confirmed",
                    "confirmed_at": now,
                }
            )
            vals.setdefault("year", period.date_start.year)
        return self.sudo().create(vals_list)

    def _cancel(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Cancelling a money line needs the reason."))
        for line in self:
            if line.state == "cancelled":
                continue
            if line.state == "confirmed" and line.period_id.state == "locked":
                # C-09: the locked month stays; the correction goes to an open month.
                self._create_confirmed(
                    line.company_id,
                    [
                        {
                            "rule_id": line.rule_id.id,
                            "source": line.source,
                            "case_id": line.case_id.id,
                            "exam_id": line.exam_id.id,
                            "star_nomination_id": line.star_nomination_id.id,
                            "grievance_award_id": line.grievance_award_id.id,
                            "employee_id": line.employee_id.id,
                            "department_id": line.department_id.id,
                            "section_id": line.section_id.id,
                            "scope": line.scope,
                            "amount": -line.amount,
                            "direction": line.direction,
                            "year": line.year,
                            "correction_of_id": line.id,
                            "reason": reason,
                        }
                    ],
                )
            else:
                line.sudo().write({"state": "cancelled", "cancel_reason": reason})

    def action_confirm(self):
        """HR confirms lines it entered itself."""
        self._check_appraisal_officer()
        self.filtered(lambda line: line.state == "draft")._confirm()

    def action_open_cancel(self):
        self._check_cancel_access()
        return self.env["helpdesk.people.cancel"]._open(self)

    def _check_cancel_access(self):
        self._check_appraisal_officer()

    def _check_appraisal_officer(self):
        if not (self.env.su or self.env.user.has_group(APPRAISAL)):
            raise AccessError(
                self.env._("Only HR's appraisal officers change money lines.")
            )

    # ------------------------------------------------------------------
    # A person's year: bonus factor and rating cap (R001-18)
    # ------------------------------------------------------------------

    @api.model
    def _bonus_factors(self, employees, year):
        """{employee: factor} of ``year``: the lowest factor once, never a product of
        factors (R001-18), unless the company's preset multiplies them."""
        groups = self.sudo()._read_group(
            [
                ("employee_id", "in", employees.ids),
                ("year", "=", year),
                ("state", "=", "confirmed"),
                ("bonus_factor", ">", 0),
                ("correction_ids", "=", False),
            ],
            ["employee_id", "company_id", "bonus_factor"],
            ["__count"],
        )
        factors = defaultdict(list)
        mode = {}
        for employee, company, factor, count in groups:
            factors[employee] += [factor] * count
            mode[employee] = company.complaint_preset_id.bonus_factor_mode
        result = {}
        for employee in employees:
            values = factors.get(employee)
            if not values:
                result[employee] = 1.0
            elif mode[employee] == "multiply":
                product = 1.0
                for value in values:
                    product *= value
                result[employee] = round(product, 4)
            else:
                result[employee] = min(values)
        return result

    @api.model
    def _rating_caps(self, employees, year, period=None):
        """{employee: the lowest cap} of a year, or of one month when ``period`` is
        given (R001-09 caps a month); caps never compound (R001-18)."""
        domain = [
            ("employee_id", "in", employees.ids),
            ("state", "=", "confirmed"),
            ("rating_cap", "!=", False),
            ("correction_ids", "=", False),
        ]
        if period:
            domain += [("cap_period", "=", "month"), ("period_id", "=", period.id)]
        else:
            domain += [("cap_period", "=", "year"), ("year", "=", year)]
        caps = {}
        for employee, cap in self.sudo()._read_group(
            domain, ["employee_id", "rating_cap"]
        ):
            if employee not in caps or RATING_RANK[cap] < RATING_RANK[caps[employee]]:
                caps[employee] = cap
        return caps

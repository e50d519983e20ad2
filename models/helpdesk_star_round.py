import math
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import APPRAISAL, DEPARTMENT_MANAGER

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


class HelpdeskStarRound(models.Model):
    """One department's service-star selection for a quarter or a year (R001-20 to
    R001-24): who is eligible (computed from the recorded cases, inspections and
    disputes), how many it may nominate (its quota, a separate pool for section-level
    managers), its nominations, and the group's audit and approval on OCA
    base_tier_validation. A false nomination found at audit disqualifies the whole
    round."""

    _name = "helpdesk.star.round"
    _description = "Service Star Round"
    # The mixin first: its overrides of the tier buttons run before
    # base_tier_validation.
    _inherit = [
        "helpdesk.people.approval.mixin",
        "tier.validation",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "year desc, quarter desc, department_id"
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "withdrawn"  # no such state: a disqualification keeps its reviews
    _tier_validation_manual_config = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one("hr.department", required=True, index=True)
    period_type = fields.Selection(
        [("quarter", "Quarterly"), ("year", "Annual")],
        string="Star",
        required=True,
        default="quarter",
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    quarter = fields.Selection(QUARTERS)
    date_start = fields.Date(compute="_compute_dates", store=True)
    date_end = fields.Date(compute="_compute_dates", store=True)
    state = fields.Selection(
        [
            ("draft", "Nominating"),
            ("submitted", "Under Audit"),
            ("approved", "Approved"),
            ("disqualified", "Disqualified"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    nomination_ids = fields.One2many(
        "helpdesk.star.nomination", "round_id", string="Nominations"
    )
    separate_manager_pool = fields.Boolean(
        compute="_compute_quota",
        help="Section-level managers have their own pool when there are enough of them "
        "(R001-22).",
    )
    headcount_staff = fields.Integer(string="Service Posts", compute="_compute_quota")
    headcount_managers = fields.Integer(
        string="Section-Level Managers", compute="_compute_quota"
    )
    quota_staff = fields.Integer(string="Quota", compute="_compute_quota")
    quota_managers = fields.Integer(string="Manager Quota", compute="_compute_quota")
    eligible_employee_ids = fields.Many2many(
        "hr.employee",
        string="Eligible",
        compute="_compute_eligible_employee_ids",
        compute_sudo=True,
    )
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    submitted_at = fields.Datetime(readonly=True)
    disqualified_reason = fields.Text(readonly=True)

    _one_round_per_period = models.UniqueIndex(
        "(company_id, department_id, period_type, year, COALESCE(quarter, '0'))",
        "A department has one round per quarter and one per year.",
    )

    @api.depends("department_id.name", "period_type", "year", "quarter")
    def _compute_name(self):
        for round_ in self:
            period = (
                f"{round_.year} Q{round_.quarter}"
                if round_.period_type == "quarter"
                else str(round_.year)
            )
            round_.name = f"{round_.department_id.name or ''} {period}".strip()

    @api.depends("period_type", "year", "quarter")
    def _compute_dates(self):
        for round_ in self:
            if (
                not round_.year
                or round_.period_type == "quarter"
                and not round_.quarter
            ):
                round_.date_start = round_.date_end = False
                continue
            if round_.period_type == "quarter":
                start = date(round_.year, 3 * int(round_.quarter) - 2, 1)
                end = start + relativedelta(months=3, days=-1)
            else:
                start, end = date(round_.year, 1, 1), date(round_.year, 12, 31)
            round_.date_start, round_.date_end = start, end

    def _pools(self):
        """(staff, managers, separate): the people counted, at the time of the round
        (the department's active staff; hr keeps no history of posts)."""
        self.ensure_one()
        preset = self.company_id.complaint_preset_id
        people = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("department_id", "child_of", self.department_id.id),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )
        managers = people.filtered("is_section_level_manager")
        service = people.filtered("job_id.is_service_post")
        separate = bool(preset.star_manager_pool_min) and (
            len(managers) >= preset.star_manager_pool_min
        )
        staff = service - managers if separate else service | managers
        return staff, managers if separate else managers.browse(), separate

    def _quota(self, headcount):
        """R001-23: the preset's share of the headcount, rounded as configured."""
        preset = self.company_id.complaint_preset_id
        exact = headcount * preset.star_quota_percent / 100
        if preset.star_quota_rounding == "half_up":
            return int(math.floor(exact + 0.5))
        quota = int(math.floor(round(exact, 6)))
        if preset.star_quota_rounding == "at_least_one" and headcount:
            return max(1, quota)
        return quota

    @api.depends("department_id", "company_id")
    def _compute_quota(self):
        for round_ in self:
            if not round_.department_id:
                round_.update(
                    {
                        "separate_manager_pool": False,
                        "headcount_staff": 0,
                        "headcount_managers": 0,
                        "quota_staff": 0,
                        "quota_managers": 0,
                    }
                )
                continue
            staff, managers, separate = round_._pools()
            round_.separate_manager_pool = separate
            round_.headcount_staff = len(staff)
            round_.headcount_managers = len(managers)
            round_.quota_staff = round_._quota(len(staff))
            round_.quota_managers = round_._quota(len(managers))

    @api.depends("department_id", "date_start", "date_end")
    def _compute_eligible_employee_ids(self):
        for round_ in self:
            if not (round_.department_id and round_.date_start):
                round_.eligible_employee_ids = False
                continue
            staff, managers, _separate = round_._pools()
            reasons = round_._ineligibility(staff | managers)
            round_.eligible_employee_ids = (staff | managers).filtered(
                lambda employee, reasons=reasons: not reasons[employee]
            )

    # ------------------------------------------------------------------
    # Eligibility (R001-20, R001-21)
    # ------------------------------------------------------------------

    def _months(self):
        self.ensure_one()
        months, month = [], self.date_start
        while month <= self.date_end:
            months.append(month)
            month += relativedelta(months=1)
        return months

    def _ineligibility(self, employees):
        """{employee: [reasons]}; no reason: eligible. A month counts against a person
        when it has a confirmed service case (liability complaint or exposure), an
        inspection finding or a service dispute; a star needs the preset's number of
        consecutive clean months in the period."""
        self.ensure_one()
        preset = self.company_id.complaint_preset_id
        needed = (
            preset.star_quarter_months
            if self.period_type == "quarter"
            else preset.star_year_months
        )
        window = [("date", ">=", self.date_start), ("date", "<=", self.date_end)]
        bad = {employee: set() for employee in employees}
        sources = [
            (
                "helpdesk.service.case",
                [
                    ("state", "=", "confirmed"),
                    ("fact_date", ">=", self.date_start),
                    ("fact_date", "<=", self.date_end),
                ],
                "fact_date",
            ),
            (
                "helpdesk.service.inspection",
                [("state", "=", "confirmed"), ("result", "=", "finding"), *window],
                "date",
            ),
            ("helpdesk.service.dispute", window, "date"),
        ]
        for model, domain, date_field in sources:
            for employee, month in (
                self.env[model]
                .sudo()
                ._read_group(
                    [("employee_id", "in", employees.ids), *domain],
                    ["employee_id", f"{date_field}:month"],
                )
            ):
                bad[employee].add(month)
        reasons = {}
        months = self._months()
        for employee in employees:
            longest = run = 0
            for month in months:
                run = 0 if month in bad[employee] else run + 1
                longest = max(longest, run)
            reasons[employee] = []
            if not (
                employee.job_id.is_service_post or employee.is_section_level_manager
            ):
                reasons[employee].append(self.env._("not in a service post"))
            if longest < needed:
                reasons[employee].append(
                    self.env._(
                        "%(months)s consecutive months without a confirmed complaint, "
                        "inspection finding or dispute are needed",
                        months=needed,
                    )
                )
        return reasons

    # ------------------------------------------------------------------
    # Who acts
    # ------------------------------------------------------------------

    def _is_department_nominator(self):
        """The department's manager (or a department manager working in it)."""
        self.ensure_one()
        user = self.env.user
        department = self.department_id.sudo()
        if self.env.su or user == department.manager_id.user_id:
            return True
        homes = user.employee_ids.department_id
        return user.has_group(DEPARTMENT_MANAGER) and any(
            home._people_units()[0] == department for home in homes
        )

    def _check_department_nominator(self):
        for round_ in self:
            if not round_._is_department_nominator():
                raise AccessError(
                    self.env._(
                        "Only %(department)s nominates its own service stars "
                        "(R001-24).",
                        department=round_.department_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rounds = super().create(vals_list)
        for round_ in rounds:
            if round_.department_id._people_units()[0] != round_.department_id:
                raise UserError(
                    self.env._("Star rounds are held by departments, not sections.")
                )
            if round_.period_type == "quarter" and not round_.quarter:
                raise UserError(self.env._("Choose the quarter."))
            if not self.env.user.has_group(APPRAISAL):
                round_._check_department_nominator()
        return rounds

    def write(self, vals):
        steps = {"state", "submitted_by_id", "submitted_at", "disqualified_reason"}
        if steps & set(vals) and not self.env.su:
            raise UserError(
                self.env._(
                    "A round moves only with its buttons: submit, approve, reject."
                )
            )
        if {"department_id", "period_type", "year", "quarter"} & set(vals):
            for round_ in self:
                if round_.state != "draft" or round_.nomination_ids:
                    raise UserError(
                        self.env._(
                            "The department and period of a round with nominations "
                            "stay as they are."
                        )
                    )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def action_submit(self):
        """R001-24 (1): the department checks its candidates and reports them."""
        self._check_department_nominator()
        today = fields.Date.context_today(self)
        for round_ in self:
            if round_.state != "draft":
                raise UserError(self.env._("This round was already submitted."))
            if round_.date_end >= today:
                raise UserError(
                    self.env._(
                        "Round %(name)s is submitted once its period is over.",
                        name=round_.name,
                    )
                )
            if not round_.nomination_ids:
                raise UserError(self.env._("Nominate at least one person."))
            round_.nomination_ids._check_eligible_within_quota()
            round_.sudo().write(
                {
                    "state": "submitted",
                    "submitted_by_id": self.env.uid,
                    "submitted_at": fields.Datetime.now(),
                }
            )
            round_.sudo().request_validation()
            round_.invalidate_recordset(["need_validation", "validation_status"])

    def _on_approved(self):
        """R001-24 (2): the group approved; the stars become award lines (C-09)."""
        Money = self.env["helpdesk.money.line"]
        for round_ in self:
            round_.sudo().state = "approved"
            nominations = round_.nomination_ids
            nominations.sudo().write({"state": "approved"})
            Money._create_confirmed(
                round_.company_id,
                [nomination._award_line_values() for nomination in nominations],
            )

    def reject_tier(self):
        """Any rejection at audit costs the department this selection (R001-24)."""
        result = super().reject_tier()
        self._disqualify(
            self.env.context.get("disqualify_reason")
            or self.env._("Rejected at the group's audit.")
        )
        return result

    def _disqualify(self, reason):
        for round_ in self:
            # Rejected under validation: base_tier_validation would refuse the write.
            round_.sudo().with_context(skip_validation_check=True).write(
                {"state": "disqualified", "disqualified_reason": reason}
            )
            round_.nomination_ids.sudo().write({"state": "rejected"})
            round_.message_post(
                body=self.env._(
                    "The department loses its eligibility for this selection: "
                    "%(reason)s",
                    reason=reason,
                )
            )

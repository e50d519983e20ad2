from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class HelpdeskStarNomination(models.Model):
    """A department's nomination of one of its people for a service star (R001-20 to
    R001-24): eligible, within the pool's quota, with the award of the person's tier."""

    _name = "helpdesk.star.nomination"
    _description = "Service Star Nomination"
    _order = "round_id, star_pool, employee_id"

    round_id = fields.Many2one(
        "helpdesk.star.round",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="round_id.company_id", store=True)
    department_id = fields.Many2one(
        related="round_id.department_id", string="Department", store=True, index=True
    )
    period_type = fields.Selection(related="round_id.period_type", store=True)
    year = fields.Integer(related="round_id.year", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="Nominee",
        required=True,
        index=True,
        domain="[('id', 'in', eligible_employee_ids)]",
    )
    eligible_employee_ids = fields.Many2many(related="round_id.eligible_employee_ids")
    job_id = fields.Many2one(
        "hr.job", string="Post", compute="_compute_pool", store=True
    )
    star_pool = fields.Selection(
        [("staff", "Service Posts"), ("manager", "Section-Level Managers")],
        compute="_compute_pool",
        store=True,
    )
    tier = fields.Selection(
        [("high", "Higher Tier"), ("other", "Other Posts")],
        compute="_compute_pool",
        store=True,
        help="Customer representatives, area managers and section-level managers earn "
        "the higher amount (R001-20 to R001-22).",
    )
    amount = fields.Integer(
        string="Award (yuan)", compute="_compute_amount", store=True
    )
    reason = fields.Text(help="Why the department nominates this person.")
    audit_note = fields.Text(help="What the group's audit found.")
    state = fields.Selection(
        [
            ("nominated", "Nominated"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="nominated",
        required=True,
        index=True,
    )
    money_line_ids = fields.One2many(
        "helpdesk.money.line", "star_nomination_id", string="Award Lines"
    )

    _person_once = models.Constraint(
        "UNIQUE(round_id, employee_id)", "A person is nominated once per round."
    )

    @api.depends("employee_id", "round_id")
    def _compute_pool(self):
        for nomination in self:
            employee = nomination.employee_id.sudo()
            separate = nomination.round_id.separate_manager_pool
            manager = employee.is_section_level_manager
            nomination.job_id = employee.job_id
            nomination.star_pool = "manager" if manager and separate else "staff"
            nomination.tier = (
                "high" if manager or employee.job_id.is_star_tier_high else "other"
            )

    @api.depends("tier", "round_id.period_type")
    def _compute_amount(self):
        for nomination in self:
            preset = nomination.company_id.complaint_preset_id
            field = (
                f"star_amount_{nomination.round_id.period_type or 'quarter'}"
                f"_{nomination.tier or 'other'}"
            )
            nomination.amount = preset[field]

    # ------------------------------------------------------------------
    # Checks: the department, its own people, eligible, within the quota
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        nominations = super().create(vals_list)
        nominations._check_round_open()
        nominations._check_eligible_within_quota()
        return nominations

    def write(self, vals):
        if set(vals) - {"employee_id", "reason", "audit_note"} and not self.env.su:
            raise UserError(
                self.env._(
                    "The department changes whom it nominates and why; the group's "
                    "audit decides the rest."
                )
            )
        if {"employee_id", "round_id", "reason"} & set(vals):
            self._check_round_open()
        if "audit_note" in vals and not self.env.su:
            self.round_id._check_can_review()
        result = super().write(vals)
        if {"employee_id", "round_id"} & set(vals):
            self._check_eligible_within_quota()
        return result

    def unlink(self):
        self._check_round_open()
        return super().unlink()

    def _check_round_open(self):
        for round_ in self.round_id:
            round_._check_department_nominator()
            if round_.state != "draft":
                raise UserError(
                    self.env._(
                        "Round %(name)s is no longer open to nominations.",
                        name=round_.name,
                    )
                )

    def _check_eligible_within_quota(self):
        for nomination in self:
            round_ = nomination.round_id
            employee = nomination.employee_id.sudo()
            home = employee.department_id
            if not home or home._people_units()[0] != round_.department_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not work in %(department)s: a department "
                        "nominates its own people only.",
                        person=employee.name,
                        department=round_.department_id.name,
                    )
                )
            reasons = round_._ineligibility(employee)[employee]
            if reasons:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not eligible: %(reasons)s.",
                        person=employee.name,
                        reasons=self.env._("; ").join(reasons),
                    )
                )
        for round_ in self.round_id:
            for pool, quota in (
                ("staff", round_.quota_staff),
                ("manager", round_.quota_managers),
            ):
                count = len(
                    round_.nomination_ids.filtered(
                        lambda nomination, pool=pool: nomination.star_pool == pool
                    )
                )
                if count > quota:
                    raise ValidationError(
                        self.env._(
                            "%(department)s may nominate %(quota)s people in this pool "
                            "(%(percent)s%% of %(headcount)s); %(count)s nominations "
                            "are over the quota (R001-23).",
                            department=round_.department_id.name,
                            quota=quota,
                            percent=round_.company_id.complaint_preset_id.star_quota_percent,
                            headcount=round_.headcount_staff
                            if pool == "staff"
                            else round_.headcount_managers,
                            count=count,
                        )
                    )

    # ------------------------------------------------------------------
    # Audit
    # ------------------------------------------------------------------

    def action_mark_false(self):
        """R001-24 (3): a nomination that fails the criteria or is false costs the
        department the whole selection."""
        self.ensure_one()
        round_ = self.round_id
        if round_.state != "submitted" or not round_.can_review:
            raise AccessError(
                self.env._(
                    "Only the group's reviewer whose turn it is audits nominations."
                )
            )
        if not (self.audit_note or "").strip():
            raise UserError(self.env._("Write what the audit found in the note."))
        round_.with_context(
            disqualify_reason=self.env._(
                "%(person)s: %(note)s",
                person=self.employee_id.name,
                note=self.audit_note,
            )
        ).reject_tier()

    def _award_line_values(self):
        self.ensure_one()
        round_ = self.round_id
        department, section = self.employee_id.sudo().department_id._people_units()
        return {
            "source": "star",
            "star_nomination_id": self.id,
            "employee_id": self.employee_id.id,
            "department_id": department.id,
            "section_id": section.id,
            "amount": self.amount,
            "year": round_.year,
            "source_key": f"star:{self.id}",
            "reason": self.env._("Service star %(round)s", round=round_.name),
        }

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


def _written(text):
    return bool(text and text.strip())


class HelpdeskGrievanceAward(models.Model):
    """A grievance award (委屈奖) for an employee wronged by a customer (R001-26):
    the unit verifies the facts and attaches the evidence of both conditions, the CSC
    reviews and submits, the group approves with the amount it decides (R001-27), on OCA
    base_tier_validation. The approved amount becomes an award line of the month."""

    _name = "helpdesk.grievance.award"
    _description = "Grievance Award"
    # The mixin first: its overrides of the tier buttons run before
    # base_tier_validation.
    _inherit = [
        "helpdesk.people.approval.mixin",
        "tier.validation",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "create_date desc, id desc"
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "withdrawn"  # no such state: a rejection keeps its reviews
    _tier_validation_manual_config = True

    name = fields.Char(
        readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        compute="_compute_department_id",
        store=True,
        index=True,
    )
    ticket_id = fields.Many2one("helpdesk.ticket", string="Appeal", index=True)
    incident_date = fields.Date(required=True)
    incident = fields.Text(
        string="What the Customer Did",
        help="Rudeness, insults, provocation or unreasonable trouble-making while the "
        "employee was on duty (R001-26).",
    )
    service_given = fields.Text(
        string="How the Employee Still Served",
        help="Explained patiently, calmed the customer, resolved the conflict, avoided "
        "an escalated complaint (R001-26).",
    )
    no_fault = fields.Boolean(
        string="No Work Error, Standards Followed",
        help="Condition 1 of R001-26, verified by the unit.",
    )
    no_fault_evidence = fields.Text(string="Evidence of Condition 1")
    treated_unfairly = fields.Boolean(
        string="Treated Unfairly, Still Served Well",
        help="Condition 2 of R001-26, verified by the unit.",
    )
    treated_unfairly_evidence = fields.Text(string="Evidence of Condition 2")
    attachment_ids = fields.Many2many(
        "ir.attachment", "helpdesk_grievance_award_attachment_rel", string="Evidence"
    )
    unit_verification = fields.Text(
        help="How the unit verified the facts (R001-27 step 1)."
    )
    amount = fields.Integer(
        string="Award (yuan)",
        tracking=True,
        help="Entered by the group when it approves (R001-27).",
    )
    honour = fields.Char(help="An honour granted with or instead of money.")
    state = fields.Selection(
        [
            ("draft", "Being Verified"),
            ("submitted", "Under Review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    money_line_ids = fields.One2many(
        "helpdesk.money.line", "grievance_award_id", string="Award Lines"
    )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for award in self:
            home = award.employee_id.sudo().department_id
            award.department_id = home and home._people_units()[0]

    def _get_under_validation_exceptions(self):
        # The group enters the amount when it approves.
        return super()._get_under_validation_exceptions() + ["amount", "honour"]

    # ------------------------------------------------------------------
    # Who acts
    # ------------------------------------------------------------------

    def _check_unit(self):
        user = self.env.user
        for award in self:
            if self.env.su:
                continue
            department = award.department_id.sudo()
            homes = user.employee_ids.department_id
            if user != department.manager_id.user_id and not any(
                home._people_units()[0] == department for home in homes
            ):
                raise AccessError(
                    self.env._(
                        "Only %(department)s files a grievance award for its people "
                        "(R001-27).",
                        department=department.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "helpdesk.grievance.award"
            ) or self.env._("New")
        awards = super().create(vals_list)
        awards._check_unit()
        return awards

    def write(self, vals):
        if {"state", "submitted_by_id"} & set(vals) and not self.env.su:
            raise UserError(
                self.env._(
                    "A grievance award moves only with its buttons: submit, approve, "
                    "reject."
                )
            )
        if {"amount", "honour"} & set(vals) and not self.env.su:
            for award in self:
                if award.state != "submitted" or not (
                    award.can_review and award._is_last_review()
                ):
                    raise AccessError(
                        self.env._(
                            "The amount is entered by the group when it approves "
                            "(R001-27)."
                        )
                    )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def action_submit(self):
        """R001-27 (1): the unit verified the facts; both conditions need evidence."""
        self._check_unit()
        for award in self:
            if award.state != "draft":
                raise UserError(self.env._("This request was already submitted."))
            missing = [
                label
                for label, present in (
                    (
                        self.env._("condition 1 (no work error)"),
                        award.no_fault and _written(award.no_fault_evidence),
                    ),
                    (
                        self.env._("condition 2 (treated unfairly, still served well)"),
                        award.treated_unfairly
                        and _written(award.treated_unfairly_evidence),
                    ),
                    (self.env._("the attached evidence"), award.attachment_ids),
                    (
                        self.env._("the verification by the unit"),
                        _written(award.unit_verification),
                    ),
                )
                if not present
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "A grievance award needs both conditions with their evidence "
                        "(R001-26); missing: %(missing)s.",
                        missing=self.env._(", ").join(missing),
                    )
                )
            award.sudo().write({"state": "submitted", "submitted_by_id": self.env.uid})
            award.sudo().request_validation()
            award.invalidate_recordset(["need_validation", "validation_status"])

    def _before_validate_tier(self):
        for award in self:
            if award._is_last_review() and award.amount <= 0 and not award.honour:
                raise UserError(
                    self.env._(
                        "Enter the award amount or the honour before approving "
                        "(R001-27)."
                    )
                )

    def _on_approved(self):
        for award in self:
            award.sudo().state = "approved"
            if award.amount > 0:
                department, section = (
                    award.employee_id.sudo().department_id._people_units()
                )
                self.env["helpdesk.money.line"]._create_confirmed(
                    award.company_id,
                    [
                        {
                            "source": "grievance",
                            "grievance_award_id": award.id,
                            "employee_id": award.employee_id.id,
                            "department_id": department.id,
                            "section_id": section.id,
                            "amount": award.amount,
                            "source_key": f"grievance:{award.id}",
                            "reason": award.honour or award.name,
                        }
                    ],
                )

    def reject_tier(self):
        result = super().reject_tier()
        # Rejected under validation: base_tier_validation would refuse the write.
        self.sudo().with_context(skip_validation_check=True).state = "rejected"
        return result

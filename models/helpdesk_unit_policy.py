from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import APPRAISAL

# The four elements a petition policy covers (R003-05), each its own checkbox.
POLICY_ELEMENTS = (
    "has_classification",
    "has_authority_tiers",
    "has_escalation",
    "has_archive_rules",
)


class HelpdeskUnitPolicy(models.Model):
    """A unit's written petition policy and its checklist (R003-05).

    The unit attaches the document and ticks the elements it covers; HR checks the
    checklist against the document and puts it in force. From then on it counts in
    every period it is in force at the end of, until a newer version replaces it or
    HR withdraws it: a unit has one policy in force at a time. What counted stays as
    it was: a policy in force changes only by a new version.
    """

    _name = "helpdesk.unit.policy"
    _description = "Unit Petition Policy"
    _inherit = ["helpdesk.unit.record.mixin"]
    _order = "date_start desc, id desc"
    # A policy counts from its start on: only the days it starts and ends are checked
    # against locked months, not the months it already counted in.
    _unit_date_fields = ()

    name = fields.Char(string="Title", required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted to HR"),
            ("in_force", "In Force"),
            ("replaced", "Replaced"),
            ("withdrawn", "Abolished"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_unit_policy_attachment_rel",
        string="Policy Document",
        copy=False,
        help="The signed policy as issued (R003-05).",
    )
    has_classification = fields.Boolean(
        string="Classification Standard",
        tracking=True,
        help="Petitions classified as consultation, complaint or suggestion (R003-06).",
    )
    has_authority_tiers = fields.Boolean(
        string="Handling-Authority Tiers",
        tracking=True,
        help="What the team, the area and the branch may each decide (R003-07).",
    )
    has_escalation = fields.Boolean(
        string="Escalation of Overdue Problems",
        tracking=True,
        help="How a problem not solved in time moves up a tier (R003-08).",
    )
    has_archive_rules = fields.Boolean(
        string="Archive Rules",
        tracking=True,
        help="Retention periods and filing of electronic and paper archives (R003-09).",
    )
    element_count = fields.Integer(
        string="Elements Covered", compute="_compute_element_count", store=True
    )
    note = fields.Text()
    submitted_at = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", string="Put in Force By", readonly=True, copy=False
    )
    date_start = fields.Date(
        string="In Force From",
        readonly=True,
        copy=False,
        index=True,
        help="The day HR put it in force.",
    )
    date_end = fields.Date(
        string="In Force Until",
        readonly=True,
        copy=False,
        index=True,
        help="The day a newer version replaced it or HR withdrew it: from this day on "
        "it no longer counts.",
    )
    replaced_by_id = fields.Many2one("helpdesk.unit.policy", readonly=True, copy=False)

    @api.depends(*POLICY_ELEMENTS)
    def _compute_element_count(self):
        for policy in self:
            policy.element_count = sum(1 for name in POLICY_ELEMENTS if policy[name])

    def write(self, vals):
        editable = {"draft", "submitted"}
        if set(vals) & {*POLICY_ELEMENTS, "attachment_ids", "name"} and any(
            policy.state not in editable for policy in self
        ):
            raise UserError(
                self.env._(
                    "A policy in force changes by a new version, which replaces it "
                    "once HR puts it in force."
                )
            )
        for policy in self:
            policy._check_days_open(
                fields.Date.to_date(vals.get(name))
                for name in ("date_start", "date_end")
            )
        return super().write(vals)

    def action_submit(self):
        """The unit sends its policy and checklist to HR."""
        self._check_state("draft")
        self._check_unit_member()
        for policy in self:
            if not policy.attachment_ids:
                raise UserError(
                    self.env._(
                        "Attach the policy document of %(policy)s before submitting "
                        "it (R003-05).",
                        policy=policy.name,
                    )
                )
        self.write({"state": "submitted", "submitted_at": fields.Datetime.now()})

    def action_return(self):
        """HR sends it back for the unit to complete."""
        self._check_approver()
        self._check_state("submitted")
        self.write({"state": "draft"})

    def action_put_in_force(self):
        """HR has checked the elements against the document: the policy is in force
        from today and replaces the unit's previous one."""
        self._check_approver()
        self._check_state("submitted")
        for policy in self:
            today = fields.Date.context_today(policy)
            previous = self.search(
                [
                    ("company_id", "=", policy.company_id.id),
                    ("department_id", "=", policy.department_id.id),
                    ("state", "=", "in_force"),
                    ("id", "!=", policy.id),
                ]
            )
            previous.write(
                {"state": "replaced", "date_end": today, "replaced_by_id": policy.id}
            )
            policy.write(
                {
                    "state": "in_force",
                    "date_start": today,
                    "approved_by_id": self.env.uid,
                }
            )

    def _check_approver(self):
        if not self.env.su and not self.env.user.has_group(APPRAISAL):
            raise AccessError(
                self.env._("HR's appraisal officers check and put policies in force.")
            )

    def _cancel(self, reason):
        """A policy in force is withdrawn from today; one not yet in force is
        cancelled."""
        self._check_state("draft", "submitted", "in_force")
        in_force = self.filtered(lambda policy: policy.state == "in_force")
        if in_force:
            in_force._check_approver()
            in_force.write(
                {
                    "state": "withdrawn",
                    "date_end": fields.Date.context_today(self),
                    "cancel_reason": reason,
                }
            )
        (self - in_force).write({"state": "cancelled", "cancel_reason": reason})

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class HelpdeskSlaPolicy(models.Model):
    """Deadlines that apply to the appeals a policy matches.

    The first active policy of the company's preset (by sequence) whose criteria all
    match
    an appeal is its policy; empty criteria match everything.
    """

    _name = "helpdesk.sla.policy"
    _description = "Deadline Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", index=True)
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        check_company=True,
        help="Working days and hours of this policy; empty uses the company's "
        "complaint calendar.",
    )
    description = fields.Text(translate=True)
    platform_scope = fields.Selection(
        [
            ("any", "All Appeals"),
            ("own", "Own Channels Only"),
            ("platform", "Platform Appeals Only"),
        ],
        default="any",
        required=True,
    )
    channel_ids = fields.Many2many(
        "helpdesk.ticket.channel", string="Channels", check_company=True
    )
    nature_ids = fields.Many2many(
        "helpdesk.ticket.nature", string="Natures", check_company=True
    )
    category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        string="Categories",
        check_company=True,
        help="Matches these categories and their sub-categories.",
    )
    team_ids = fields.Many2many(
        "helpdesk.ticket.team", string="Teams", check_company=True
    )
    priority = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket"]._fields["priority"].selection
        ),
        help="Matches only appeals of this priority.",
    )
    milestone_ids = fields.One2many(
        "helpdesk.sla.milestone", "policy_id", string="Milestones"
    )

    def _ticket_domain(self):
        """The appeals this policy can be the policy of: its preset is their
        company's and its criteria all match them (empty criteria match all)."""
        self.ensure_one()
        domain = Domain("company_id.complaint_preset_id", "=", self.preset_id.id)
        if self.company_id:
            domain &= Domain("company_id", "=", self.company_id.id)
        if self.platform_scope != "any":
            domain &= Domain("is_platform", "=", self.platform_scope == "platform")
        for criterion, field_name in (
            ("channel_ids", "channel_id"),
            ("nature_ids", "nature_id"),
            ("team_ids", "team_id"),
        ):
            if self[criterion]:
                domain &= Domain(field_name, "in", self[criterion].ids)
        if self.priority:
            domain &= Domain("priority", "=", self.priority)
        if self.category_ids:
            domain &= Domain("category_id", "child_of", self.category_ids.ids)
        return domain

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # the appeals' deadline trigger fields
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def _get_calendar(self, company):
        self.ensure_one()
        return self.calendar_id or company._get_complaint_calendar()

    @api.constrains("milestone_ids")
    def _check_milestone_codes(self):
        for policy in self:
            codes = [m.code for m in policy.milestone_ids if m.code]
            if len(codes) != len(set(codes)):
                raise ValidationError(
                    self.env._(
                        "Milestone codes must be unique within policy %(policy)s.",
                        policy=policy.name,
                    )
                )

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskSlaPolicy(models.Model):
    """Deadlines that apply to the appeals a policy matches.

    The first active policy of the company's preset (by sequence) whose criteria all match
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
        string="Preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", string="Company", index=True)
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        check_company=True,
        help="Working days and hours of this policy; empty uses the company's complaint calendar.",
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

    def _matches(self, ticket):
        self.ensure_one()
        if self.company_id and self.company_id != ticket.company_id:
            return False
        if self.platform_scope != "any" and ticket.is_platform != (
            self.platform_scope == "platform"
        ):
            return False
        if self.channel_ids and ticket.channel_id not in self.channel_ids:
            return False
        if self.nature_ids and ticket.nature_id not in self.nature_ids:
            return False
        if self.team_ids and ticket.team_id not in self.team_ids:
            return False
        if self.priority and ticket.priority != self.priority:
            return False
        if self.category_ids:
            ancestors = {
                int(part)
                for part in (ticket.category_id.parent_path or "").split("/")
                if part
            }
            if not ancestors & set(self.category_ids.ids):
                return False
        return True

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

from odoo import fields, models


class HelpdeskAuthorityTier(models.Model):
    """A handling-authority tier of a preset (R003-07): team, area, branch, head-office
    customer service, in order. An appeal is handled at the lowest tier that may
    conclude its category; a problem not solved in time moves up to the next one,
    whose people are told (R003-08)."""

    _name = "helpdesk.authority.tier"
    _description = "Handling-Authority Tier"
    _order = "preset_id, sequence, id"

    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10, help="Lower tiers first.")
    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable technical key used by presets and reports.")
    category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        "helpdesk_authority_tier_category_rel",
        string="May Conclude",
        help="Categories this tier may conclude on its own; empty: every category.",
    )
    notify = fields.Selection(
        [
            ("section", "Head of the Handling Section"),
            ("department", "Head of the Responsible Department"),
            ("office", "The Response Office"),
        ],
        string="Who Is Told",
        default="department",
        required=True,
        help="Who is told when a problem moves up to this tier (R003-08).",
    )
    description = fields.Text(
        translate=True, help="What this tier may decide (R003-07)."
    )

    def _may_conclude(self, category):
        self.ensure_one()
        return not self.category_ids or category in self.category_ids

    def _above(self, category):
        """The next tier up that may conclude ``category``."""
        self.ensure_one()
        return self.preset_id.authority_tier_ids.filtered(
            lambda tier: (
                (tier.sequence, tier.id) > (self.sequence, self.id)
                and tier._may_conclude(category)
            )
        )[:1]

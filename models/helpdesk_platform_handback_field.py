from odoo import fields, models


class HelpdeskPlatformHandbackField(models.Model):
    """A field a platform requires when an appeal is handed back to it (R000-29).

    Each platform channel lists its own; a hand-back reply fills every active one, and a
    hand-back submitted with some left empty records how many (R000-39).
    """

    _name = "helpdesk.platform.handback.field"
    _description = "Platform Hand-back Field"
    _order = "channel_id, sequence, id"

    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Platform",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_platform", "=", True)],
    )
    name = fields.Char(string="Label", required=True, translate=True)
    key = fields.Char(
        string="Technical Key",
        required=True,
        help="Stable key of the field, e.g. for exports.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    help_text = fields.Char(
        string="Hint", translate=True, help="What the platform expects here."
    )

    _channel_key_uniq = models.Constraint(
        "UNIQUE(channel_id, key)",
        "Each hand-back field of a platform needs its own key.",
    )

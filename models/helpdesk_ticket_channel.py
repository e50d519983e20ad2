from odoo import fields, models


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    code = fields.Char(help="Stable technical key used by presets and reports.")
    is_platform = fields.Boolean(
        string="Platform Channel",
        help="Appeals transferred by an external platform (12345, 般阳民生 ...) carry "
        "the platform's reference number and deadline, which override internal limits "
        "(R000-08, R002-19).",
    )
    description = fields.Text(translate=True)
    handback_field_ids = fields.One2many(
        "helpdesk.platform.handback.field",
        "channel_id",
        string="Mandatory Hand-back Fields",
        help="What a hand-back of an appeal to this platform must fill in (R000-29).",
    )

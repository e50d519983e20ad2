from odoo import fields, models


class HelpdeskTicketChannel(models.Model):
    """Channels that exist only under seed 004's "More Channels" toggle (R004-10)."""

    _inherit = "helpdesk.ticket.channel"

    needs_more_channels = fields.Boolean(
        string="Seed 004 Channel",
        help="Offered only to companies whose preset turns on “More Channels” "
        "(R004-10).",
    )

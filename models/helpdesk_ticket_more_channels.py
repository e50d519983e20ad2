from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """Seed 004's extra channels are used only under its toggle (R004-10); appeals
    already received through them keep their channel when the toggle goes off."""

    _inherit = "helpdesk.ticket"

    more_channels_enabled = fields.Boolean(compute="_compute_more_channels_enabled")

    @api.depends("company_id.complaint_preset_id.feature_more_channels")
    def _compute_more_channels_enabled(self):
        for ticket in self:
            ticket.more_channels_enabled = (
                ticket.company_id.complaint_preset_id.feature_more_channels
            )

    @api.constrains("channel_id")
    def _check_more_channels(self):
        for ticket in self:
            if (
                ticket.channel_id.needs_more_channels
                and not ticket.company_id.complaint_preset_id.feature_more_channels
            ):
                raise ValidationError(
                    self.env._(
                        "Channel %(channel)s is not offered under the company's preset "
                        "(R004-10).",
                        channel=ticket.channel_id.name,
                    )
                )

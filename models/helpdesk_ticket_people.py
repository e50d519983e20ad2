from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..groups import OFFICE


class HelpdeskTicket(models.Model):
    """The appeal's service case (R001-28) and its live-stream show (R001-06)."""

    _inherit = "helpdesk.ticket"

    service_case_ids = fields.One2many(
        "helpdesk.service.case", "ticket_id", string="Service Cases"
    )
    channel_code = fields.Char(related="channel_id.code")
    live_stream_id = fields.Many2one(
        "helpdesk.live.stream",
        index="btree_not_null",
        help="The live-stream show during which the complaint or message was posted "
        "(R001-06).",
    )

    @api.constrains("live_stream_id", "channel_id")
    def _check_live_stream_channel(self):
        for ticket in self.filtered("live_stream_id"):
            if ticket.channel_id.code != "live_stream":
                raise ValidationError(
                    self.env._(
                        "Appeals posted during a live stream come through the cloud "
                        "live stream channel (R001-06)."
                    )
                )

    def action_open_service_case(self):
        """R001-28: the CSC verifies the complaint and names who it counts against."""
        self.ensure_one()
        self._check_role(OFFICE, self.env._("confirm a service complaint"))
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.service.case",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
            "name": self.env._("Service Case"),
        }

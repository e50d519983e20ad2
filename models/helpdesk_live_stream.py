from odoo import api, fields, models


class HelpdeskLiveStream(models.Model):
    """A live-stream show hosted by a service-window department's head (R001-06). Every
    complaint or message posted during it becomes an appeal of the "cloud live stream"
    channel linked here; the show's loop is closed when all of them are closed."""

    _name = "helpdesk.live.stream"
    _description = "Live Stream"
    _inherit = ["mail.thread"]
    _order = "start_at desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    start_at = fields.Datetime(string="Starts", required=True)
    host_department_id = fields.Many2one("hr.department", required=True)
    host_employee_id = fields.Many2one("hr.employee", string="Host")
    ticket_ids = fields.One2many(
        "helpdesk.ticket", "live_stream_id", string="Appeals Posted"
    )
    ticket_count = fields.Integer(compute="_compute_loop")
    open_ticket_count = fields.Integer(string="Still Open", compute="_compute_loop")
    loop_closed = fields.Boolean(
        compute="_compute_loop",
        help="Every appeal posted during the show was replied to and closed (R001-06).",
    )

    @api.depends("ticket_ids.state")
    def _compute_loop(self):
        for stream in self:
            tickets = stream.ticket_ids
            stream.ticket_count = len(tickets)
            stream.open_ticket_count = len(
                tickets.filtered(lambda ticket: ticket.state != "closed")
            )
            stream.loop_closed = bool(tickets) and not stream.open_ticket_count

    def action_register_appeal(self):
        """Register a complaint or message posted during the show as an appeal."""
        self.ensure_one()
        channel = self.env["helpdesk.ticket.channel"].search(
            [("code", "=", "live_stream")], limit=1
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_live_stream_id": self.id,
                "default_channel_id": channel.id,
            },
        }

    def action_open_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("live_stream_id", "=", self.id)],
            "name": self.name,
        }

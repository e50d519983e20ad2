from odoo import fields, models

from ..models.helpdesk_ticket_workflow import SATISFACTION


class HelpdeskTicketLevelReplyWizard(models.TransientModel):
    """Answer an unsatisfied customer at the next level of the reply (R004-16)."""

    _name = "helpdesk.ticket.level.reply.wizard"
    _description = "Three-Level Reply"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    level = fields.Integer(related="ticket_id.next_reply_level")
    reply = fields.Text(required=True)
    result = fields.Selection(SATISFACTION, string="Customer's Rating", required=True)

    def action_confirm(self):
        self.ticket_id._reply_at_level(self.reply, self.result)

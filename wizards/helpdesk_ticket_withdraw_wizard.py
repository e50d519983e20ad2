from odoo import fields, models


class HelpdeskTicketWithdrawWizard(models.TransientModel):
    """The office withdraws an appeal with the reason; its clocks end."""

    _name = "helpdesk.ticket.withdraw.wizard"
    _description = "Withdraw an Appeal"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ticket_id._withdraw(self.reason)

from odoo import fields, models


class HelpdeskTicketCallbackWizard(models.TransientModel):
    """Log one callback attempt and the customer's rating (R002-21, R003-36/38)."""

    _name = "helpdesk.ticket.callback.wizard"
    _description = "Call the Customer Back"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    channel = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket.callback"]._fields["channel"].selection
        ),
        required=True,
        default="phone",
    )
    reached = fields.Boolean(string="Customer Reached", default=True)
    result = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket.callback"]._fields["result"].selection
        )
    )
    cause = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket.callback"]._fields["cause"].selection
        ),
        string="Cause of Dissatisfaction",
    )
    comment = fields.Text()

    def action_confirm(self):
        self.ticket_id._log_callback(
            {
                "channel": self.channel,
                "reached": self.reached,
                "result": self.reached and self.result or False,
                "cause": self.result == "unsatisfied" and self.cause or False,
                "comment": self.comment,
            }
        )

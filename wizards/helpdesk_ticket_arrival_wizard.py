from odoo import fields, models


class HelpdeskTicketArrivalWizard(models.TransientModel):
    """The handler cannot reach the site in time: the call to the customer, the reason
    and the arrival time agreed (R002-09)."""

    _name = "helpdesk.ticket.arrival.wizard"
    _description = "Agree a New Arrival Time"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    called_at = fields.Datetime(
        string="Customer Phoned At", required=True, default=fields.Datetime.now
    )
    reason = fields.Text(string="Why the Site Cannot Be Reached in Time", required=True)
    new_arrival_at = fields.Datetime(string="Arrival Agreed For", required=True)

    def action_confirm(self):
        self.ticket_id._reschedule_arrival(
            self.called_at, self.reason, self.new_arrival_at
        )

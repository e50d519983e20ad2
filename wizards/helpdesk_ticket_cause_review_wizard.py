from odoo import fields, models


class HelpdeskTicketCauseReviewWizard(models.TransientModel):
    """Why the customer is unsatisfied, and what follows (R003-40, R002-22)."""

    _name = "helpdesk.ticket.cause.review.wizard"
    _description = "Review an Unsatisfied Rating"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    outcome = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket"]._fields["cause_review"].selection
        ),
        required=True,
    )
    note = fields.Text(string="Findings", required=True)

    def action_confirm(self):
        self.ticket_id._review_cause(self.outcome, self.note)

from odoo import fields, models


class HelpdeskTicketReportReturnWizard(models.TransientModel):
    """An approver returns the department's report with a reason (R000-06/31/34)."""

    _name = "helpdesk.ticket.report.return.wizard"
    _description = "Return a Department Report"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    reason = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket"]._fields["report_return_reason"].selection
        ),
        required=True,
    )
    note = fields.Text(required=True)

    def action_confirm(self):
        self.ticket_id._reject_report(self.reason, self.note)

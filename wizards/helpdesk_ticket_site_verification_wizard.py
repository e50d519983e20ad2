from odoo import fields, models


class HelpdeskTicketSiteVerificationWizard(models.TransientModel):
    """Record what the site visit found (R004-20)."""

    _name = "helpdesk.ticket.site.verification.wizard"
    _description = "Site Verification"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    result = fields.Selection(
        [("confirmed", "Confirmed"), ("not_confirmed", "Not Confirmed")],
        string="The Reported Problem Exists",
        required=True,
    )
    note = fields.Text(string="Site Findings", required=True)

    def action_confirm(self):
        self.ticket_id._record_site_verification(self.result, self.note)

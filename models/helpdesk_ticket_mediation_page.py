from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The appeal's mediation records (R004-21)."""

    _inherit = "helpdesk.ticket"

    mediation_ids = fields.One2many(
        "helpdesk.ticket.mediation", "ticket_id", string="Mediations", copy=False
    )
    mediation_enabled = fields.Boolean(compute="_compute_mediation_enabled")

    @api.depends("company_id.complaint_preset_id.feature_mediation")
    def _compute_mediation_enabled(self):
        for ticket in self:
            ticket.mediation_enabled = (
                ticket.company_id.complaint_preset_id.feature_mediation
            )

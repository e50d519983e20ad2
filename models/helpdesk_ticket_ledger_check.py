from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """Facts of the appeal the heating card reads from the ledger (seed 003) that no
    filter can express: how late it was entered (R003-12), how much of the
    complainant's data is missing without reading it (R003-11: the data is
    restricted, R002-37), whether its evaluation is covered (R003-37)."""

    _inherit = "helpdesk.ticket"

    entry_delay_hours = fields.Float(
        string="Entered After (Hours)",
        compute="_compute_entry_delay_hours",
        store=True,
        digits=(16, 2),
        help="Clock hours from the receipt to the entry in the system (R003-12).",
    )
    complainant_missing_count = fields.Integer(
        string="Complainant Data Missing",
        compute="_compute_complainant_missing_count",
        store=True,
        help="How many of the complainant's name, address and phone are missing "
        "(R003-10).",
    )
    evaluation_covered = fields.Boolean(
        compute="_compute_evaluation_covered",
        store=True,
        help="Rated by the customer, or not reached after the preset's callback "
        "attempts (R003-37).",
    )

    @api.depends("received_at", "registered_at")
    def _compute_entry_delay_hours(self):
        for ticket in self:
            delay = 0.0
            if ticket.received_at and ticket.registered_at:
                seconds = (ticket.registered_at - ticket.received_at).total_seconds()
                delay = max(seconds, 0.0) / 3600.0
            ticket.entry_delay_hours = delay

    @api.depends("partner_name", "complainant_address", "complainant_phone")
    def _compute_complainant_missing_count(self):
        for ticket, data in zip(self, self.sudo(), strict=True):
            ticket.complainant_missing_count = sum(
                1
                for value in (
                    data.partner_name,
                    data.complainant_address,
                    data.complainant_phone,
                )
                if not (value or "").strip()
            )

    @api.depends("satisfaction", "callback_attempts")
    def _compute_evaluation_covered(self):
        for ticket in self:
            attempts = ticket.company_id.complaint_preset_id.callback_max_attempts
            ticket.evaluation_covered = bool(ticket.satisfaction) or bool(
                attempts and ticket.callback_attempts >= attempts
            )

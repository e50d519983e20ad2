from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """Liability findings and the deductions charged for the appeal (R000-57)."""

    _inherit = "helpdesk.ticket"

    finding_ids = fields.One2many(
        "helpdesk.liability.finding", "ticket_id", string="Liability Findings"
    )
    deduction_ids = fields.One2many(
        "helpdesk.deduction.line", "ticket_id", string="Deductions"
    )
    deduction_points = fields.Float(
        compute="_compute_deduction_points",
        digits=(16, 2),
        help="Points confirmed or proposed on this appeal.",
    )

    @api.depends("deduction_ids.points", "deduction_ids.state")
    def _compute_deduction_points(self):
        for ticket in self:
            ticket.deduction_points = sum(
                ticket.deduction_ids.filtered(
                    lambda line: line.state != "cancelled"
                ).mapped("points")
            )

    def action_open_finding(self):
        """R000-14, R000-57: HR records who is liable for this appeal."""
        self.ensure_one()
        self.env["helpdesk.liability.finding"]._check_appraisal_officer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.liability.finding",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
            "name": self.env._("Liability Finding"),
        }

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..groups import OFFICE


class HelpdeskTicket(models.Model):
    """Adding an answered appeal to the typical case library (R004-05)."""

    _inherit = "helpdesk.ticket"

    typical_case_ids = fields.One2many("helpdesk.typical.case", "ticket_id", copy=False)
    typical_cases_enabled = fields.Boolean(compute="_compute_typical_cases_enabled")

    @api.depends("company_id.complaint_preset_id.feature_typical_cases")
    def _compute_typical_cases_enabled(self):
        for ticket in self:
            ticket.typical_cases_enabled = (
                ticket.company_id.complaint_preset_id.feature_typical_cases
            )

    def action_add_typical_case(self):
        self.ensure_one()
        self._check_role(OFFICE, self.env._("add an appeal to the typical cases"))
        if self.typical_case_ids:
            raise UserError(self.env._("This appeal is already a typical case."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.typical.case",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Add to Typical Cases"),
            "context": {"default_ticket_id": self.id, "default_name": self.name},
        }

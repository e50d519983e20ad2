from odoo import models

# The kind in a generated line's key (RULE:kind:id...) and the model of its fact.
FACT_MODELS = {
    "verdict": "helpdesk.platform.verdict",
    "handback": "helpdesk.platform.reply",
    "sla": "helpdesk.ticket.deadline",
    "shortfall": "helpdesk.platform.shortfall",
}


class HelpdeskDeductionLine(models.Model):
    """From a ledger line to the fact it stands for (the scorecards' drill-down)."""

    _inherit = "helpdesk.deduction.line"

    def _fact(self):
        """The record behind the line: the finding, the verdict, the missed deadline,
        the shortfall entered, else the appeal."""
        self.ensure_one()
        if self.finding_id:
            return self.finding_id
        parts = (self.source_key or "").split(":")
        if len(parts) >= 3 and parts[1] in FACT_MODELS and parts[2].isdigit():
            fact = self.env[FACT_MODELS[parts[1]]].browse(int(parts[2])).exists()
            if fact:
                return fact
        if self.correction_of_id:
            return self.correction_of_id
        return self.ticket_id

    def action_open_fact(self):
        self.ensure_one()
        fact = self._fact()
        if not fact:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": fact._name,
            "res_id": fact.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

from odoo import models

from .report_xlsx_ledger import Column


class ReportMoneyLedgerXlsx(models.AbstractModel):
    """Penalties and awards (money lines, C-11) as XLSX: one row per line of the
    list's filter or selection, the amounts summed at the bottom; a person sees their
    own lines, a department manager their department's (record rules)."""

    _name = "report.helpdesk_utility_complaint.money_ledger_xlsx"
    _inherit = "report.helpdesk_utility_complaint.xlsx_ledger"
    _description = "Penalties and Awards XLSX"

    _ledger_model = "helpdesk.money.line"

    def _sheet_title(self):
        return self.env._("Penalties and Awards")

    def _columns(self):
        return [
            Column("period_id", self.env._("Month"), "many2one", 10),
            Column("year", self.env._("Year"), "integer", 7),
            Column("department_id", self.env._("Department"), "many2one", 18),
            Column("section_id", self.env._("Section"), "many2one", 14),
            Column("employee_id", self.env._("Person"), "many2one", 12),
            Column("scope", self.env._("Charged To"), "selection", 10),
            Column("rule_code", self.env._("Rule Code"), width=10),
            Column("rule_id", self.env._("Rule"), "many2one", 30),
            Column("source", self.env._("Source"), "selection", 14),
            Column("direction", self.env._("Direction"), "selection", 9),
            Column(
                "ticket_id", self.env._("Appeal"), "many2one", 16, name_field="number"
            ),
            Column("amount", self.env._("Amount (yuan)"), "integer", 12, total=True),
            Column("bonus_factor", self.env._("Bonus Factor"), "float", 9),
            Column("rating_cap", self.env._("Highest Rating"), "selection", 12),
            Column(
                "dismissal_recommended",
                self.env._("Dismissal Recommended"),
                "boolean",
                10,
            ),
            Column(
                "collective_cancel_recommended",
                self.env._("Cancel Advanced Collective"),
                "boolean",
                10,
            ),
            Column("veto", self.env._("Veto"), "boolean", 6),
            Column("state", self.env._("State"), "selection", 10),
            Column("confirmed_at", self.env._("Confirmed At"), "datetime", 17),
            Column("reason", self.env._("Reason"), "text", 40),
            Column("cancel_reason", self.env._("Cancel Reason"), "text", 30),
        ]

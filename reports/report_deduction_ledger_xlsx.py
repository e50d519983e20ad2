from odoo import models

from .report_xlsx_ledger import Column


class ReportDeductionLedgerXlsx(models.AbstractModel):
    """The deduction ledger (C-08) as XLSX: one row per line of the list's filter or
    selection, the points summed at the bottom."""

    _name = "report.helpdesk_utility_complaint.deduction_ledger_xlsx"
    _inherit = "report.helpdesk_utility_complaint.xlsx_ledger"
    _description = "Deduction Ledger XLSX"

    _ledger_model = "helpdesk.deduction.line"

    def _sheet_title(self):
        return self.env._("Deduction Ledger")

    def _columns(self):
        return [
            Column("period_id", self.env._("Month"), "many2one", 10),
            Column("create_date", self.env._("Proposed At"), "datetime", 17),
            Column("department_id", self.env._("Department"), "many2one", 18),
            Column("section_id", self.env._("Section"), "many2one"),
            Column("employee_id", self.env._("Person"), "many2one", 12),
            Column("party", self.env._("Liable Party"), "selection", 14),
            Column("rule_code", self.env._("Rule Code"), width=10),
            Column("rule_id", self.env._("Rule"), "many2one", 30),
            Column("table", self.env._("Table"), "selection", 12),
            Column(
                "ticket_id", self.env._("Appeal"), "many2one", 16, name_field="number"
            ),
            Column("source", self.env._("Source"), "selection", 12),
            Column("quantity", self.env._("Quantity"), "float", 9),
            Column("base_points", self.env._("Base Points"), "float", 10),
            Column("multiplier", self.env._("Multiplier"), "float", 9),
            Column("share", self.env._("Share (%)"), "float", 9),
            Column("points", self.env._("Points"), "float", 9, total=True),
            Column("state", self.env._("State"), "selection", 10),
            Column("contest_deadline", self.env._("Contest Deadline"), "datetime", 17),
            Column("confirmed_at", self.env._("Confirmed At"), "datetime", 17),
            Column("reason", self.env._("Reason"), "text", 40),
            Column("cancel_reason", self.env._("Cancel Reason"), "text", 30),
        ]

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
        _ = self.env._
        return [
            Column("period_id", _("Month"), "many2one", 10),
            Column("create_date", _("Proposed At"), "datetime", 17),
            Column("department_id", _("Department"), "many2one", 18),
            Column("section_id", _("Section"), "many2one"),
            Column("employee_id", _("Person"), "many2one", 12),
            Column("party", _("Liable Party"), "selection", 14),
            Column("rule_code", _("Rule Code"), width=10),
            Column("rule_id", _("Rule"), "many2one", 30),
            Column("table", _("Table"), "selection", 12),
            Column("ticket_id", _("Appeal"), "many2one", 16, name_field="number"),
            Column("source", _("Source"), "selection", 12),
            Column("quantity", _("Quantity"), "float", 9),
            Column("base_points", _("Base Points"), "float", 10),
            Column("multiplier", _("Multiplier"), "float", 9),
            Column("share", _("Share (%)"), "float", 9),
            Column("points", _("Points"), "float", 9, total=True),
            Column("state", _("State"), "selection", 10),
            Column("contest_deadline", _("Contest Deadline"), "datetime", 17),
            Column("confirmed_at", _("Confirmed At"), "datetime", 17),
            Column("reason", _("Reason"), "text", 40),
            Column("cancel_reason", _("Cancel Reason"), "text", 30),
        ]

from odoo import models


class HelpdeskPayrollXlsx(models.AbstractModel):
    """The month's money lines for payroll as an XLSX sheet (OCA report_xlsx)."""

    _name = "report.helpdesk_utility_complaint.payroll_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Payroll Export XLSX"

    def generate_xlsx_report(self, workbook, data, exports):
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        money = workbook.add_format({"num_format": "#,##0"})
        factor = workbook.add_format({"num_format": "0.00"})
        yes, no = self.env._("Yes"), ""
        for export in exports:
            sheet = workbook.add_worksheet(export.period_id.name)
            columns = export._columns()
            for col, (_key, label, width) in enumerate(columns):
                sheet.set_column(col, col, width)
                sheet.write(0, col, label, bold)
            sheet.freeze_panes(1, 2)
            for row_index, row in enumerate(export._rows(), start=1):
                for col, (key, _label, _width) in enumerate(columns):
                    value = row[key]
                    if isinstance(value, bool):
                        sheet.write(row_index, col, yes if value else no)
                    elif key == "bonus_factor":
                        sheet.write_number(row_index, col, value, factor)
                    elif key in ("penalties", "awards", "net"):
                        sheet.write_number(row_index, col, value, money)
                    else:
                        sheet.write(row_index, col, value)

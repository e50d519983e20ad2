import re

from odoo import models
from odoo.tools import html2plaintext

# Characters a worksheet name cannot hold.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class ReportPeriodicReportXlsx(models.AbstractModel):
    """A periodic report (weekly statistics, monthly analysis ...) as XLSX: its header,
    headline figures, one table per dimension, its sign-offs, reviews and actions."""

    _name = "report.helpdesk_utility_complaint.periodic_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Periodic Report XLSX"

    # Figures of a report line, in the order of the tables.
    FIGURES = (
        "received_count",
        "completed_count",
        "resolved_count",
        "on_time_count",
        "correct_count",
        "callback_count",
        "rated_count",
        "satisfied_count",
        "basically_satisfied_count",
        "unsatisfied_count",
        "open_count",
        "overdue_open_count",
        "unsatisfied_open_count",
        "satisfaction_rate",
        "composite_score",
        "resolution_rate",
        "on_time_rate",
        "correct_rate",
        "callback_rate",
        "completion_rate",
    )
    AREA_FIGURES = ("planned_outage_count", "outages_too_frequent", "hot_spot_rank")
    ROOT_CAUSE_FIGURES = ("reviewed_count",)

    def _headers(self, field_names):
        """(field, its translated label) of report line fields."""
        descriptions = self.env["helpdesk.periodic.report.line"].fields_get(
            list(field_names), ["string"]
        )
        return [(name, descriptions[name]["string"]) for name in field_names]

    def generate_xlsx_report(self, workbook, data, reports):
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        )
        percent = workbook.add_format({"num_format": "0.00"})
        for report in reports:
            sheet = workbook.add_worksheet(
                SHEET_NAME_FORBIDDEN.sub(" ", report.name)[:31]
            )
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, 25, 11)
            sheet.write_string(0, 0, report.name, title)
            info = [
                (self.env._("Company"), report.company_id.name),
                (self.env._("Period"), f"{report.date_from} ~ {report.date_to}"),
                (self.env._("Due By"), self._local(report, report.due_at)),
                (self.env._("State"), self._label(report, "state")),
                (self.env._("Late"), self.env._("Yes") if report.is_late else ""),
                (
                    self.env._("Figures Counted At"),
                    self._local(report, report.figures_at),
                ),
                (self.env._("Rules"), report.rule_ref or ""),
            ]
            row = 2
            for label, value in info:
                sheet.write_string(row, 0, label, bold)
                sheet.write_string(row, 1, value or "")
                row += 1
            row += 1
            columns = self._headers(self.FIGURES)
            dimensions = dict(
                report.line_ids._fields["dimension"]._description_selection(self.env)
            )
            for dimension in dict.fromkeys(report.line_ids.mapped("dimension")):
                lines = report.line_ids.filtered(
                    lambda line, d=dimension: line.dimension == d
                )
                sheet.write_string(row, 0, dimensions[dimension], header)
                extra = self._extra_columns(dimension)
                for index, (_field, label) in enumerate(columns + extra, start=1):
                    sheet.write_string(row, index, label, header)
                row += 1
                for line in lines:
                    sheet.write_string(row, 0, line.label)
                    for index, (field, _label) in enumerate(columns + extra, start=1):
                        value = line[field]
                        if isinstance(value, bool):
                            value = int(value)
                        cell = percent if isinstance(value, float) else None
                        sheet.write_number(row, index, value, cell)
                    row += 1
                row += 1
            if report.analysis:
                sheet.write_string(row, 0, report._fields["analysis"].string, header)
                sheet.write_string(row + 1, 0, html2plaintext(report.analysis))
            self._write_records(workbook, report, header)

    def _extra_columns(self, dimension):
        if dimension == "area":
            return self._headers(self.AREA_FIGURES)
        if dimension == "root_cause":
            return self._headers(self.ROOT_CAUSE_FIGURES)
        return []

    def _write_records(self, workbook, report, header):
        """The report's sign-offs (R004-08), reviews (R004-04), actions (R000-79)."""
        tables = [
            (
                self.env._("Unsatisfied Sign-offs"),
                report.signoff_ids,
                {
                    "ticket_id": lambda r: r.ticket_id.number,
                    "department_id": lambda r: r.department_id.name,
                    "called_at": lambda r: self._local(r, r.called_at),
                    "signed_by_id": lambda r: r.signed_by_id.name,
                    "signed_at": lambda r: self._local(r, r.signed_at),
                    "note": lambda r: r.note,
                },
            ),
            (
                self.env._("Reviewed Complaints"),
                report.review_ids,
                {
                    "ticket_id": lambda r: r.ticket_id.number,
                    "department_id": lambda r: r.department_id.name,
                    "category_id": lambda r: r.category_id.display_name,
                    "root_cause_id": lambda r: r.root_cause_id.name,
                    "weak_point": lambda r: r.weak_point,
                },
            ),
            (
                self.env._("Rectification Actions"),
                report.action_ids,
                {
                    "name": lambda r: r.name,
                    "department_id": lambda r: r.department_id.name,
                    "owner_id": lambda r: r.owner_id.name,
                    "due_date": lambda r: str(r.due_date or ""),
                    "state": lambda r: self._label(r, "state"),
                    "measures": lambda r: r.measures,
                },
            ),
        ]
        for name, records, columns in tables:
            if not records:
                continue
            labels = records.fields_get(list(columns), ["string"])
            sheet = workbook.add_worksheet(name[:31])
            sheet.set_column(0, len(columns), 18)
            for index, field_name in enumerate(columns):
                sheet.write_string(0, index, labels[field_name]["string"], header)
            for row, record in enumerate(records, start=1):
                for index, getter in enumerate(columns.values()):
                    sheet.write_string(row, index, getter(record) or "")

    def _local(self, record, value):
        """A stored time as the company's complaint desk reads it."""
        return record.company_id._complaint_format_datetime(value)

    def _label(self, record, field_name):
        selection = dict(record._fields[field_name]._description_selection(self.env))
        return selection.get(record[field_name], "")

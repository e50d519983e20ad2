import re

from odoo import fields, models
from odoo.tools import html2plaintext

# Characters a worksheet name cannot hold.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class ReportPeriodicReportXlsx(models.AbstractModel):
    """A periodic report (weekly statistics, monthly analysis ...) as XLSX: its header,
    headline figures, one table per dimension, its sign-offs, reviews and actions."""

    _name = "report.helpdesk_utility_complaint.periodic_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Periodic Report XLSX"

    def _figure_columns(self):
        """(line field, header) of the figures tables."""
        _ = self.env._
        return [
            ("received_count", _("Received")),
            ("completed_count", _("Completed")),
            ("resolved_count", _("Resolved")),
            ("on_time_count", _("Completed on Time")),
            ("correct_count", _("Completed Correctly")),
            ("callback_count", _("Called Back")),
            ("rated_count", _("Rated")),
            ("satisfied_count", _("Satisfied")),
            ("basically_satisfied_count", _("Basically Satisfied")),
            ("unsatisfied_count", _("Unsatisfied")),
            ("open_count", _("Open")),
            ("overdue_open_count", _("Open and Overdue")),
            ("unsatisfied_open_count", _("Unsatisfied, Not Cleared")),
            ("satisfaction_rate", _("Satisfaction Rate (%)")),
            ("composite_score", _("Composite Satisfaction")),
            ("resolution_rate", _("Resolution Rate (%)")),
            ("on_time_rate", _("On-time Completion Rate (%)")),
            ("correct_rate", _("Correct-completion Rate (%)")),
            ("callback_rate", _("Callback Rate (%)")),
            ("completion_rate", _("Completion Rate (%)")),
        ]

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
                (self.env._("Due By"), self._local(report.due_at)),
                (self.env._("State"), self._label(report, "state")),
                (self.env._("Late"), self.env._("Yes") if report.is_late else ""),
                (self.env._("Figures Counted At"), self._local(report.figures_at)),
                (self.env._("Rules"), report.rule_ref or ""),
            ]
            row = 2
            for label, value in info:
                sheet.write_string(row, 0, label, bold)
                sheet.write_string(row, 1, value or "")
                row += 1
            row += 1
            columns = self._figure_columns()
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
        _ = self.env._
        if dimension == "area":
            return [
                ("planned_outage_count", _("Planned Outages")),
                ("outages_too_frequent", _("Too Many Planned Outages")),
                ("hot_spot_rank", _("Hot Spot Rank")),
            ]
        if dimension == "root_cause":
            return [("reviewed_count", _("Reviewed"))]
        return []

    def _write_records(self, workbook, report, header):
        """The report's sign-offs (R004-08), reviews (R004-04), actions (R000-79)."""
        _ = self.env._
        tables = [
            (
                _("Unsatisfied Sign-offs"),
                report.signoff_ids,
                [
                    (_("Appeal"), lambda r: r.ticket_id.number),
                    (_("Department"), lambda r: r.department_id.name),
                    (_("Called At"), lambda r: self._local(r.called_at)),
                    (_("Signed Off By"), lambda r: r.signed_by_id.name),
                    (_("Signed Off At"), lambda r: self._local(r.signed_at)),
                    (_("Instruction"), lambda r: r.note),
                ],
            ),
            (
                _("Reviewed Complaints"),
                report.review_ids,
                [
                    (_("Appeal"), lambda r: r.ticket_id.number),
                    (_("Department"), lambda r: r.department_id.name),
                    (_("Category"), lambda r: r.category_id.display_name),
                    (_("Root Cause"), lambda r: r.root_cause_id.name),
                    (_("Weak Point"), lambda r: r.weak_point),
                ],
            ),
            (
                _("Rectification Actions"),
                report.action_ids,
                [
                    (_("Issue"), lambda r: r.name),
                    (_("Department"), lambda r: r.department_id.name),
                    (_("Owner"), lambda r: r.owner_id.name),
                    (_("Due Date"), lambda r: str(r.due_date or "")),
                    (_("State"), lambda r: self._label(r, "state")),
                    (_("Measures"), lambda r: r.measures),
                ],
            ),
        ]
        for name, records, columns in tables:
            if not records:
                continue
            sheet = workbook.add_worksheet(name[:31])
            sheet.set_column(0, len(columns), 18)
            for index, (label, _getter) in enumerate(columns):
                sheet.write_string(0, index, label, header)
            for row, record in enumerate(records, start=1):
                for index, (_label, getter) in enumerate(columns):
                    sheet.write_string(row, index, getter(record) or "")

    def _local(self, value):
        if not value:
            return ""
        return fields.Datetime.context_timestamp(self, value).strftime("%Y-%m-%d %H:%M")

    def _label(self, record, field_name):
        selection = dict(record._fields[field_name]._description_selection(self.env))
        return selection.get(record[field_name], "")

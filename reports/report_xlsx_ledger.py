import html
import re
from datetime import datetime, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.fields import Domain

EXCEL_EPOCH = datetime(1899, 12, 30)
TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


def _plain_text(value):
    """Html as one line of text (cheaper than html2plaintext on 100,000 rows)."""
    if not value:
        return None
    return SPACES.sub(" ", html.unescape(TAGS.sub(" ", value))).strip() or None


class Column(NamedTuple):
    """One column of a ledger export.

    :param key: a field of the ledger's model, or a key of ``_extra_values``
    :param header: the translated header
    :param kind: char, text, html, datetime, date, integer, float, boolean, selection,
        many2one (how the value is written)
    :param width: column width in characters
    :param total: summed in the totals row
    :param name_field: for a many2one, the field of the target shown (default its
        display name)
    """

    key: str
    header: str
    kind: str = "char"
    width: int = 14
    total: bool = False
    name_field: str = "display_name"


class ReportXlsxLedger(models.AbstractModel):
    """A ledger written to XLSX in constant memory, whatever its size.

    Rows are read in batches of ``_batch_size`` with the caller's record rules (keyset
    pagination on ``id``), turned into cells column by column and written with
    xlsxwriter's ``constant_memory`` mode, which flushes each row to a temporary file:
    the memory used does not grow with the number of rows. A ledger defines its model
    and its ``_columns``; values that are not fields of the model come from
    ``_extra_values``. Text cells are never turned into formulas or links.
    """

    _name = "report.helpdesk_utility_complaint.xlsx_ledger"
    _inherit = "report.report_xlsx.abstract"
    _description = "Ledger Export in Constant Memory"

    _ledger_model = None
    _batch_size = 2000

    def get_workbook_options(self):
        return {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        }

    # --- What a ledger defines ---

    def _columns(self):
        raise NotImplementedError

    def _sheet_title(self):
        raise NotImplementedError

    def _extra_values(self, records):
        """{record id: {key: value}} for the columns that are not plain fields."""
        return {}

    # --- Machinery ---

    @api.model
    def _ledger_domain(self, data, objs):
        """The list's filter (``data['domain']``) or the selected records."""
        if data and data.get("domain") is not None:
            return Domain(data["domain"])
        return Domain("id", "in", objs.ids)

    def _batches(self, domain, columns):
        """(records, their values) of the ledger in batches, with the user's record
        rules: stored fields in one SQL query per batch (a ``Query`` of ``_search``,
        fields checked for access), computed ones (masked complainant ...) through
        the ORM; the cache of each batch is freed before the next."""
        model = self.env[self._ledger_model]
        keys = [column.key for column in columns if column.key in model._fields]
        stored = ["id"] + [
            key
            for key in keys
            if model._fields[key].store and model._fields[key].column_type
        ]
        computed = [key for key in keys if key not in stored]
        last_id = 0
        while True:
            query = model._search(
                Domain.AND([domain, [("id", ">", last_id)]]),
                order="id",
                limit=self._batch_size,
            )
            rows = self.env.execute_query(
                query.select(
                    *(model._field_to_sql(model._table, key, query) for key in stored)
                )
            )
            if not rows:
                return
            values = [dict(zip(stored, row, strict=True)) for row in rows]
            records = model.browse([row[0] for row in rows])
            self._computed_values(records, computed, values)
            yield records, values
            last_id = rows[-1][0]
            records.invalidate_recordset()

    def _computed_values(self, records, keys, values):
        """Add the values of computed fields ``keys`` to each row of ``values``."""
        for key in keys:
            if records._fields[key].relational:
                computed = [record[key].id for record in records]
            else:
                computed = records.mapped(key)
            for row_values, value in zip(values, computed, strict=True):
                row_values[key] = value

    def _converters(self, columns, names):
        """One function per column turning a read value into a cell value; many2one
        names come from ``names`` ({field: {id: name}}, see ``_prefetch_names``)."""
        model = self.env[self._ledger_model]
        serial = self._serial_converter()
        yes, no = self.env._("Yes"), self.env._("No")
        converters = []
        for column in columns:
            field = model._fields.get(column.key)
            kind = column.kind
            if kind == "many2one" and field:
                converter = names.setdefault(column.key, {}).get
            elif kind == "selection" and field:
                converter = dict(field._description_selection(self.env)).get
            elif kind in ("datetime", "date"):
                converter = serial
            elif kind == "html":
                converter = _plain_text
            elif kind == "boolean":
                converter = lambda value, yes=yes, no=no: (  # noqa: E731
                    None if value is None else yes if value else no
                )
            elif kind in ("integer", "float"):
                converter = lambda value: float(value or 0)  # noqa: E731
            else:
                converter = lambda value: value or None  # noqa: E731
            converters.append(converter)
        return converters

    def _serial_converter(self):
        """A function turning naive UTC datetimes (and dates) into Excel serial
        numbers in the company's time zone."""
        zone = ZoneInfo(self._time_zone())
        offsets = {}  # UTC offset in days, per hour of UTC time

        def serial(value):
            if not value:
                return None
            if not isinstance(value, datetime):
                return float(value.toordinal() - EXCEL_EPOCH.toordinal())
            hour = value.toordinal() * 24 + value.hour
            offset = offsets.get(hour)
            if offset is None:
                local = value.replace(tzinfo=timezone.utc).astimezone(zone)
                offset = offsets[hour] = local.utcoffset().total_seconds() / 86400
            return (value - EXCEL_EPOCH).total_seconds() / 86400 + offset

        return serial

    def _prefetch_names(self, columns, rows, names):
        """Read the names of a batch's many2one values at once, as the list view does
        (in sudo: the names of related records, not their data)."""
        model = self.env[self._ledger_model]
        for column in columns:
            if column.kind != "many2one" or column.key not in model._fields:
                continue
            cache = names.setdefault(column.key, {})
            missing = {row.get(column.key) for row in rows} - cache.keys() - {False}
            comodel = model._fields[column.key].comodel_name
            for record in self.env[comodel].sudo().browse(missing):
                cache[record.id] = record[column.name_field] or ""

    def _time_zone(self):
        return self.env.company._complaint_tz().zone

    def _formats(self, workbook):
        return {
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
            ),
            "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "float": workbook.add_format({"num_format": "0.00"}),
            "total": workbook.add_format({"bold": True, "top": 1}),
            "total_float": workbook.add_format(
                {"bold": True, "top": 1, "num_format": "0.00"}
            ),
        }

    def generate_xlsx_report(self, workbook, data, objs):
        columns = self._columns()
        names = {}
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(self._sheet_title())
        for index, column in enumerate(columns):
            sheet.set_column(index, index, column.width)
            sheet.write_string(0, index, column.header, formats["header"])
        sheet.freeze_panes(1, 0)

        converters = self._converters(columns, names)
        numbers = {"datetime", "date", "integer", "float"}
        # xlsxwriter's unwrapped writers: the public ones only add A1-notation parsing,
        # a tenth of the time of a cell in constant memory mode.
        writers = [
            sheet._write_number if column.kind in numbers else sheet._write_string
            for column in columns
        ]
        cell_formats = [formats.get(column.kind) for column in columns]
        indexes = range(len(columns))
        totals = [0.0] * len(columns)
        summed = [index for index, column in enumerate(columns) if column.total]
        row = 0
        domain = self._ledger_domain(data, objs)
        for records, rows in self._batches(domain, columns):
            extra = self._extra_values(records)
            for values in rows:
                values.update(extra.get(values["id"], ()))
            self._prefetch_names(columns, rows, names)
            # Converted column by column, written row by row (constant memory writes
            # rows in order).
            cells = [
                list(map(converter, [values.get(column.key) for values in rows]))
                for column, converter in zip(columns, converters, strict=True)
            ]
            for index in summed:
                totals[index] += sum(cells[index])
            for row_cells in zip(*cells, strict=True):
                row += 1
                for index, value, write, cell_format in zip(
                    indexes, row_cells, writers, cell_formats, strict=True
                ):
                    if value is not None:
                        write(row, index, value, cell_format)
            self._progress(data, row)

        total_row = row + 1
        sheet.write_string(
            total_row,
            0,
            self.env._("Total: %(count)s rows", count=row),
            formats["total"],
        )
        for index in summed:
            sheet.write_number(total_row, index, totals[index], formats["total_float"])
        sheet.autofilter(0, 0, max(row, 1), len(columns) - 1)
        self._write_info_sheet(workbook, data, row, formats)

    def _write_info_sheet(self, workbook, data, row_count, formats):
        sheet = workbook.add_worksheet(self.env._("Export"))
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 1, 60)
        now = self.env.company._complaint_format_datetime(fields.Datetime.now())
        info = [
            (self.env._("Ledger"), self._sheet_title()),
            (self.env._("Exported By"), self.env.user.name),
            (self.env._("Exported At"), now),
            (self.env._("Rows"), str(row_count)),
            (self.env._("Filter"), str((data or {}).get("domain") or "")),
        ]
        for index, (label, value) in enumerate(info):
            sheet.write_string(index, 0, label, formats["header"])
            sheet.write_string(index, 1, value)

    def _progress(self, data, rows_done):
        """Report progress of a background export (``data['export_id']``)."""
        export_id = (data or {}).get("export_id")
        if export_id:
            self.env["helpdesk.xlsx.export"].sudo().browse(export_id)._set_progress(
                rows_done
            )

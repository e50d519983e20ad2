from odoo import models

from ..groups import COMPLAINANT_DATA
from .report_xlsx_ledger import Column

# What the form shows of the complainant, and the field it shows in clear (R002-37).
COMPLAINANT_DISPLAY = {
    "complainant_name_display": "partner_name",
    "complainant_phone_display": "complainant_phone",
    "complainant_address_display": "complainant_address",
}
# Events whose first time the ledger shows (R003-10: acceptance, contact, site survey).
LEDGER_EVENTS = {
    "accepted_at": "acceptance",
    "contacted_at": "first_contact",
    "surveyed_at": "arrival",
}


class ReportAppealLedgerXlsx(models.AbstractModel):
    """The appeal ledger (诉求台账) as XLSX: one row per appeal of the list's filter or
    selection, with every ledger field of R000-01 and R003-10.

    The complainant's name, phone and address are the ``*_display`` fields, exactly as
    the appeal's form shows them to the user exporting: clear for those handling the
    appeal, masked for everyone else (R002-37).
    """

    _name = "report.helpdesk_utility_complaint.appeal_ledger_xlsx"
    _inherit = "report.helpdesk_utility_complaint.xlsx_ledger"
    _description = "Appeal Ledger XLSX"

    _ledger_model = "helpdesk.ticket"

    def _sheet_title(self):
        return self.env._("Appeal Ledger")

    def _columns(self):
        return [
            Column("number", self.env._("Appeal Number"), width=16),
            Column("received_at", self.env._("Received At"), "datetime", 17),
            Column("registered_at", self.env._("Registered At"), "datetime", 17),
            Column("channel_id", self.env._("Channel"), "many2one"),
            Column("platform_reference", self.env._("Platform Reference"), width=16),
            Column(
                "platform_deadline", self.env._("Platform Deadline"), "datetime", 17
            ),
            Column("nature_id", self.env._("Nature"), "many2one", 10),
            Column("category_id", self.env._("Category"), "many2one", 20),
            Column("name", self.env._("Subject"), width=30),
            Column("description", self.env._("Specific Request"), "html", 40),
            Column("occurred_at", self.env._("Occurred At"), "datetime", 17),
            Column(
                "complainant_name_display", self.env._("Complainant Name"), width=12
            ),
            Column(
                "complainant_phone_display", self.env._("Complainant Phone"), width=15
            ),
            Column(
                "complainant_address_display",
                self.env._("Complainant Address"),
                width=30,
            ),
            Column("area_id", self.env._("Service Area"), "many2one"),
            Column(
                "receiving_department_id",
                self.env._("Receiving Department"),
                "many2one",
            ),
            Column(
                "department_id", self.env._("Responsible Department"), "many2one", 18
            ),
            Column("section_id", self.env._("Section"), "many2one"),
            Column(
                "handler_employee_id", self.env._("Handling Employee"), "many2one", 12
            ),
            Column("state", self.env._("State"), "selection", 12),
            Column(
                "process_step_id",
                self.env._("Process Step"),
                "many2one",
                8,
                name_field="code",
            ),
            Column("accepted_at", self.env._("Accepted At"), "datetime", 17),
            Column("contacted_at", self.env._("Customer Contacted At"), "datetime", 17),
            Column("surveyed_at", self.env._("Site Survey At"), "datetime", 17),
            Column("reply_text", self.env._("Solution"), "text", 40),
            Column(
                "interim_replied_at", self.env._("Interim Reply At"), "datetime", 17
            ),
            Column("replied_at", self.env._("Completed At"), "datetime", 17),
            Column("resolved", self.env._("Resolved"), "boolean", 8),
            Column("deadline_state", self.env._("Deadline Status"), "selection", 12),
            Column("next_deadline", self.env._("Next Deadline"), "datetime", 17),
            Column("satisfaction", self.env._("Evaluation"), "selection", 12),
            Column("evaluation_comment", self.env._("Evaluation Comment"), "text", 30),
            Column(
                "repeat_of_id",
                self.env._("Repeat Of"),
                "many2one",
                16,
                name_field="number",
            ),
            Column("redo_count", self.env._("Redos"), "integer", 8, total=True),
            Column(
                "hand_back_count", self.env._("Hand-backs"), "integer", 10, total=True
            ),
        ]

    def _extra_values(self, records):
        """First times of the ledger's events and the latest evaluation comment."""
        extra = {record_id: {} for record_id in records._ids}
        by_code = {code: key for key, code in LEDGER_EVENTS.items()}
        groups = self.env["helpdesk.ticket.event"]._read_group(
            [("ticket_id", "in", records.ids), ("event_code", "in", list(by_code))],
            ["ticket_id", "event_code"],
            ["occurred_at:min"],
        )
        for ticket, code, occurred_at in groups:
            extra[ticket.id][by_code[code]] = occurred_at
        callbacks = self.env["helpdesk.ticket.callback"].search_fetch(
            [("ticket_id", "in", records.ids), ("reached", "=", True)],
            ["ticket_id", "comment"],
            order="called_at, id",
        )
        for callback in callbacks:
            extra[callback.ticket_id.id]["evaluation_comment"] = callback.comment
        callbacks.invalidate_recordset()
        return extra

    def _computed_values(self, records, keys, values):
        for row in values:
            if "resolved" in row and not row.get("replied_at"):
                row["resolved"] = None  # not answered yet: neither resolved nor not
        keys = list(keys)
        if "process_step_id" in keys and "state" in values[0]:
            keys.remove("process_step_id")
            self._step_values(records, values)
        displays = [key for key in keys if key in COMPLAINANT_DISPLAY]
        if displays and (self.env.su or self.env.user.has_group(COMPLAINANT_DATA)):
            keys = [key for key in keys if key not in displays]
            self._clear_complainant_values(records, displays, values)
        return super()._computed_values(records, keys, values)

    def _step_values(self, records, values):
        """The step code from the state, as ``process_step_id`` computes it; only an
        appeal under approval needs its pending review (R000-80)."""
        Step = self.env["helpdesk.process.step"]
        by_state = Step._by_state()
        for record, row in zip(records, values, strict=True):
            if row["state"] == "reported":
                row["process_step_id"] = record.process_step_id.id
            else:
                row["process_step_id"] = by_state.get(row["state"], Step).id

    def _clear_complainant_values(self, records, displays, values):  # pylint: disable=missing-return
        """The complainant in clear for a user who reads complainant data, read in one
        query per batch; the appeals they stood aside from (R002-38) go through the
        form's own fields, as ``_may_read_complainant_data`` decides (R002-37)."""
        tickets = records.sudo()
        query = tickets._search([("id", "in", records.ids)])
        fields = ["id", *(COMPLAINANT_DISPLAY[key] for key in displays)]
        clear = {
            row[0]: row[1:]
            for row in self.env.execute_query(
                query.select(
                    *(tickets._field_to_sql(tickets._table, f, query) for f in fields)
                )
            )
        }
        recused = set(
            self.env["helpdesk.ticket.recusal"]
            .sudo()
            .search_fetch(
                [("ticket_id", "in", records.ids), ("user_id", "=", self.env.uid)],
                ["ticket_id"],
            )
            .ticket_id.ids
        )
        for row in values:
            if row["id"] not in recused:
                row.update(zip(displays, clear[row["id"]], strict=True))
        if recused:
            recused_rows = [row for row in values if row["id"] in recused]
            # The base's reading (the masked display fields), not this override's.
            # pylint: disable-next=super-method-mismatch
            super()._computed_values(
                records.browse([row["id"] for row in recused_rows]),
                displays,
                recused_rows,
            )

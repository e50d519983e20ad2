"""19.0.1.1.0: names that OCA helpdesk_mgmt_sla also uses are renamed, so both install.

helpdesk_mgmt_sla defines the model ``helpdesk.ticket.sla`` and the ticket field
``sla_deadline``; this addon's appeal deadline lines and the ticket's deadline summary
fields move out of its way. Tables, columns, constraints, indexes, sequences, metadata
(models, fields, XML ids) and the records that name a model or a field in text (chatter,
attachments, actions, saved filters, queue domains) are renamed in place, so no deadline
line, extension or message is lost and nothing needs recomputing.
"""

import logging

_logger = logging.getLogger(__name__)

OLD_MODEL, NEW_MODEL = "helpdesk.ticket.sla", "helpdesk.ticket.deadline"
OLD_TABLE, NEW_TABLE = "helpdesk_ticket_sla", "helpdesk_ticket_deadline"
TICKET_FIELDS = {
    "sla_line_ids": "deadline_ids",
    "sla_deadline": "next_deadline",
    "sla_state": "deadline_state",
    "sla_provisional": "deadline_provisional",
    "sla_policy_id": "deadline_policy_id",
}
# XML ids of the model's views, actions, rules and access rights (those named after it,
# and two shorter ones).
XMLIDS = {
    "rule_ticket_sla_company": "rule_ticket_deadline_company",
    "access_ticket_sla_user": "access_ticket_deadline_user",
}
# Text columns that may name the model, and those that may hold a domain on tickets.
MODEL_COLUMNS = [
    ("ir_model_fields", "model"),
    ("ir_model_fields", "relation"),
    ("ir_model_data", "model"),
    ("ir_ui_view", "model"),
    ("ir_act_window", "res_model"),
    ("ir_filters", "model_id"),
    ("ir_attachment", "res_model"),
    ("mail_message", "model"),
    ("mail_followers", "res_model"),
    ("mail_activity", "res_model"),
]
DOMAIN_COLUMNS = [
    ("helpdesk_appeal_queue", "domain"),
    ("ir_act_window", "domain"),
    ("ir_act_window", "context"),
    ("ir_filters", "domain"),
    ("ir_filters", "context"),
]


def _table_exists(cr, table):
    cr.execute("SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r'", [table])
    return bool(cr.rowcount)


def _column_exists(cr, table, column):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = %s AND column_name = %s",
        [table, column],
    )
    return bool(cr.rowcount)


def _rename_relations(cr, old_prefix, new_prefix):
    """Constraints, indexes and sequences named after the old table."""
    cr.execute(
        "SELECT conname FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND conname LIKE %s",
        [NEW_TABLE, old_prefix + "%"],
    )
    for (name,) in cr.fetchall():
        cr.execute(
            f'ALTER TABLE "{NEW_TABLE}" RENAME CONSTRAINT "{name}" '
            f'TO "{new_prefix + name[len(old_prefix) :]}"'
        )
    cr.execute(
        "SELECT relname FROM pg_class WHERE relkind IN ('i', 'S') AND relname LIKE %s",
        [old_prefix + "%"],
    )
    for (name,) in cr.fetchall():
        kind = "SEQUENCE" if name.endswith("_seq") else "INDEX"
        new_name = new_prefix + name[len(old_prefix) :]
        cr.execute(f'ALTER {kind} "{name}" RENAME TO "{new_name}"')
    cr.execute(
        "UPDATE ir_model_constraint SET name = %s || substr(name, %s) "
        "WHERE name LIKE %s",
        [new_prefix, len(old_prefix) + 1, old_prefix + "%"],
    )


def migrate(cr, version):
    if not version or not _table_exists(cr, OLD_TABLE):
        return
    _logger.info(
        "Renaming %s to %s (coexistence with helpdesk_mgmt_sla)", OLD_MODEL, NEW_MODEL
    )
    cr.execute(f'ALTER TABLE "{OLD_TABLE}" RENAME TO "{NEW_TABLE}"')
    _rename_relations(cr, OLD_TABLE + "_", NEW_TABLE + "_")
    cr.execute(
        "UPDATE ir_model SET model = %s WHERE model = %s", [NEW_MODEL, OLD_MODEL]
    )
    for table, column in MODEL_COLUMNS:
        if _column_exists(cr, table, column):
            cr.execute(
                f'UPDATE "{table}" SET "{column}" = %s WHERE "{column}" = %s',
                [NEW_MODEL, OLD_MODEL],
            )
    cr.execute(
        """UPDATE ir_model_data SET name = replace(name, %s, %s)
            WHERE module = 'helpdesk_utility_complaint' AND name LIKE %s""",
        [OLD_TABLE, NEW_TABLE, r"%helpdesk\_ticket\_sla%"],
    )
    for old, new in XMLIDS.items():
        cr.execute(
            "UPDATE ir_model_data SET name = %s "
            "WHERE module = 'helpdesk_utility_complaint' AND name = %s",
            [new, old],
        )

    for old, new in TICKET_FIELDS.items():
        if _column_exists(cr, "helpdesk_ticket", old):
            cr.execute(f'ALTER TABLE helpdesk_ticket RENAME COLUMN "{old}" TO "{new}"')
            cr.execute(
                f'ALTER INDEX IF EXISTS "helpdesk_ticket__{old}_index" '
                f'RENAME TO "helpdesk_ticket__{new}_index"'
            )
        cr.execute(
            "UPDATE ir_model_fields SET name = %s "
            "WHERE model = 'helpdesk.ticket' AND name = %s",
            [new, old],
        )
        cr.execute(
            "UPDATE ir_model_data SET name = %s "
            "WHERE module = 'helpdesk_utility_complaint' AND name = %s",
            [f"field_helpdesk_ticket__{new}", f"field_helpdesk_ticket__{old}"],
        )
        for table, column in DOMAIN_COLUMNS:
            if _column_exists(cr, table, column):
                cr.execute(
                    f"""UPDATE "{table}"
                           SET "{column}" = regexp_replace("{column}", %s, %s, 'g')
                         WHERE "{column}" ~ %s""",
                    [rf"\m{old}\M", new, rf"\m{old}\M"],
                )

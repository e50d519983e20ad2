"""Export the appeal ledger to XLSX the way the web client does, on generated appeals.

Run by bench/run-xlsx, which installs the addon; arguments are Odoo server options, then
`--`, then the sizes (appeals).
"""

import io
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta

import xlsxwriter
from openpyxl import load_workbook

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import new_test_user
from odoo.tools import config

REPORT = "helpdesk_utility_complaint.appeal_ledger_xlsx"
TEMPLATES = 400
DEPARTMENTS = 40
CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


def templates(env):
    """Appeals registered, handled, replied and called back through the ORM."""
    # The addon is importable once the registry has loaded it.
    from odoo.addons.helpdesk_utility_complaint.groups import OFFICE

    departments = env["hr.department"].create(
        [{"name": f"供水管网{n}部"} for n in range(DEPARTMENTS)]
    )
    office = new_test_user(env, login="bench_office", groups=OFFICE)
    channels = env["helpdesk.ticket.channel"].search(
        [("needs_more_channels", "=", False)]
    )
    categories = env["helpdesk.ticket.category"].search(
        [("default_nature_id", "!=", False)]
    )
    complaint = env.ref("helpdesk_utility_complaint.nature_complaint")
    start = datetime(2025, 3, 3, 1)
    values = []
    for n in range(TEMPLATES):
        channel = channels[n % len(channels)]
        values.append(
            {
                "name": f"六楼水压低，晚上没水 {n}",
                "description": f"<p>用户反映{n}号楼晚上七点后六楼以上无水。</p>",
                "channel_id": channel.id,
                "nature_id": complaint.id,
                "category_id": categories[n % len(categories)].id,
                "received_at": start + timedelta(hours=7 * n),
                "occurred_at": start + timedelta(hours=7 * n - 20),
                "partner_name": f"张先生{n}",
                "complainant_phone": f"1380533{n:04d}",
                "complainant_address": f"淄博市张店区华光路{n}号3单元",
                "department_id": departments[n % DEPARTMENTS].id,
                "platform_reference": f"12345-{n}" if channel.is_platform else False,
                "platform_deadline": start + timedelta(hours=7 * n, days=5)
                if channel.is_platform
                else False,
            }
        )
    tickets = env["helpdesk.ticket"].with_user(office).create(values).sudo()
    for n, ticket in enumerate(tickets):
        if n % 4 == 3:
            continue  # a quarter stays open
        received = ticket.received_at
        ticket._record_event("acceptance", when=received + timedelta(hours=2))
        ticket._record_event("first_contact", when=received + timedelta(hours=3))
        ticket._record_event("arrival", when=received + timedelta(hours=5))
        replied = received + timedelta(days=1)
        ticket._record_event("final_reply", when=replied)
        ticket.write(
            {
                "state": "replied",
                "replied_at": replied,
                "reply_text": "已安排维修班组更换减压阀，水压恢复正常，用户认可。",
            }
        )
        env["helpdesk.ticket.callback"].create(
            {
                "ticket_id": ticket.id,
                "called_at": replied + timedelta(hours=4),
                "reached": True,
                "result": ("satisfied", "basically_satisfied", "unsatisfied")[n % 3],
                "cause": "subjective" if n % 3 == 2 else False,
                "comment": "维修及时，态度很好" if n % 3 != 2 else "问题反复出现",
            }
        )
    env.flush_all()
    return office, tickets


def copy_columns(env, table, skip):
    env.cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = %s AND column_name != ALL(%s)
        """,
        [table, ["id", *skip]],
    )
    return [row[0] for row in env.cr.fetchall()]


def copy_appeals(env, tickets, count):
    """``count`` copies of the template appeals, their events and callbacks (SQL)."""
    columns = copy_columns(env, "helpdesk_ticket", ["number"])
    quoted = ", ".join(f'"{column}"' for column in columns)
    copied = ", ".join(f't."{column}"' for column in columns)
    env.cr.execute(
        f"""
        CREATE TEMP TABLE bench_copy AS
        SELECT n, (%(templates)s)[1 + n %% %(template_count)s] AS template_id
          FROM generate_series(1, %(count)s) AS n;
        INSERT INTO helpdesk_ticket (number, {quoted})
        SELECT 'BENCH' || lpad(c.n::text, 7, '0'), {copied}
          FROM bench_copy c JOIN helpdesk_ticket t ON t.id = c.template_id
         ORDER BY c.n;
        CREATE TEMP TABLE bench_map AS
        SELECT t.id AS ticket_id, c.template_id
          FROM helpdesk_ticket t
          JOIN bench_copy c ON t.number = 'BENCH' || lpad(c.n::text, 7, '0');
        """,  # noqa: S608 - column names read from the catalogue
        {"templates": tickets.ids, "template_count": len(tickets), "count": count},
    )
    for table in ("helpdesk_ticket_event", "helpdesk_ticket_callback"):
        columns = copy_columns(env, table, ["ticket_id"])
        quoted = ", ".join(f'"{column}"' for column in columns)
        copied = ", ".join(f'x."{column}"' for column in columns)
        env.cr.execute(
            f"""
            INSERT INTO {table} (ticket_id, {quoted})
            SELECT m.ticket_id, {copied}
              FROM bench_map m JOIN {table} x ON x.ticket_id = m.template_id
            """  # noqa: S608
        )
    env.cr.execute("DROP TABLE bench_copy, bench_map; ANALYZE")
    env.invalidate_all()


def export(env, office):
    """The report action's output, as the web client gets it."""
    report = env["ir.actions.report"].with_user(office).with_context(lang="zh_CN")
    started, cpu = time.perf_counter(), time.process_time()
    content, _kind = report._render_xlsx(REPORT, None, {"domain": []})
    return time.perf_counter() - started, time.process_time() - cpu, content


def writer_peak(env, office):
    """Peak Python memory of the ledger writer, the workbook written to a file."""
    report = env[f"report.{REPORT}"].with_user(office).with_context(lang="zh_CN")
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as output:
        workbook = xlsxwriter.Workbook(output.name, report.get_workbook_options())
        tracemalloc.start()
        report.generate_xlsx_report(
            workbook, {"domain": []}, report.env["helpdesk.ticket"]
        )
        workbook.close()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def main(argv):
    split = argv.index("--")
    config.parse_config(argv[:split], setup_logging=True)
    sizes = [int(size) for size in argv[split + 1 :]]
    registry = Registry("bench_xlsx")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, CONTEXT)
        env["res.lang"]._activate_lang("zh_CN")
        env["ir.module.module"]._load_module_terms(
            ["helpdesk_utility_complaint"], ["zh_CN"], overwrite=True
        )
        office, tickets = templates(env)
        cr.commit()
    print(
        f"{'appeals':>8} {'wall s':>7} {'CPU s':>6} {'rows/s':>7} {'file MB':>8} "
        f"{'writer peak MB':>15}"
    )
    done = len(tickets)
    for size in sizes:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CONTEXT)
            copy_appeals(env, tickets, size - done)
            done = size
            cr.commit()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CONTEXT)
            wall, cpu, content = export(env, office)
            rows = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
            assert rows.max_row == size + 2, (rows.max_row, size)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CONTEXT)
            peak = writer_peak(env, office)
        print(
            f"{size:>8} {wall:>7.1f} {cpu:>6.1f} {size / wall:>7.0f} "
            f"{len(content) / 2**20:>8.1f} {peak / 2**20:>15.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])

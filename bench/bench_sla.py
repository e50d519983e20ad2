"""Time ticket creation in three databases, and a full recompute of the deadlines.

The databases: plain helpdesk_mgmt; the OCA peer, helpdesk_mgmt + helpdesk_mgmt_sla with
one working-day SLA on the team (it does far less: one deadline per ticket); this addon.
Every ticket of every database goes to the same kind of team. Run by bench/run, which
installs the databases; arguments are Odoo server options, then `--`, then the sizes.
"""

import sys
import time
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

BATCH = 1000
# Same context for both databases: no chatter tracking or creation messages, so the
# comparison measures the ledger checks and the deadline engine, not mail.
CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
}


PLAIN, PEER, ADDON = "helpdesk_mgmt", "helpdesk_mgmt_sla", "helpdesk_utility_complaint"


def bench_team(env, kind):
    """The team every bench ticket goes to; in the peer's database it runs one SLA."""
    team = env["helpdesk.ticket.team"].search([("name", "=", "Bench")], limit=1)
    if team:
        return team
    team = env["helpdesk.ticket.team"].create({"name": "Bench"})
    if kind == PEER:
        team.write(
            {
                "use_sla": True,
                "resource_calendar_id": env.company.resource_calendar_id.id,
            }
        )
        done = env["helpdesk.ticket.stage"].search([("closed", "=", True)], limit=1)
        env["helpdesk.sla"].create(
            {"name": "Solve in a working day", "days": 1, "stage_id": done.id}
        )
    return team


def ticket_values(env, kind, count, offset):
    start = datetime(2026, 11, 2, 1, 0)
    addon = kind == ADDON
    team = bench_team(env, kind)
    values = []
    if addon:
        channels = (
            env["helpdesk.ticket.channel"]
            .search([("is_platform", "=", False), ("needs_more_channels", "=", False)])
            .ids
        )
        natures = env["helpdesk.ticket.nature"].search([]).ids
        categories = (
            env["helpdesk.ticket.category"].search([("child_id", "=", False)]).ids
        )
    for index in range(offset, offset + count):
        vals = {
            "name": f"Appeal {index}",
            "description": f"<p>Bench appeal {index}</p>",
            "team_id": team.id,
        }
        if addon:
            vals.update(
                channel_id=channels[index % len(channels)],
                nature_id=natures[index % len(natures)],
                category_id=categories[index % len(categories)],
                # Spread receipts over a year of working and rest days, day and night.
                received_at=start - timedelta(minutes=37 * index % (365 * 24 * 60)),
            )
        values.append(vals)
    return values


def create_tickets(dbname, kind, first, last):
    """Create tickets number first..last-1; return the seconds spent in create()."""
    registry = Registry(dbname)
    elapsed = 0.0
    for offset in range(first, last, BATCH):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CONTEXT)
            values = ticket_values(env, kind, min(BATCH, last - offset), offset)
            started = time.perf_counter()
            env["helpdesk.ticket"].create(values)
            env.flush_all()
            elapsed += time.perf_counter() - started
    return elapsed


def recompute_all(dbname):
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, CONTEXT)
        tickets = env["helpdesk.ticket"].search([])
        lines = env["helpdesk.ticket.deadline"].search_count([])
        # Drop the lines so the recompute rebuilds every one of them, then time a second
        # pass that finds nothing to change (the cost of an idempotent recompute).
        started = time.perf_counter()
        env["helpdesk.ticket.deadline"].search([]).unlink()
        env["helpdesk.ticket.deadline"]._sync_tickets(tickets)
        env.flush_all()
        rebuild = time.perf_counter() - started
        started = time.perf_counter()
        env["helpdesk.ticket.deadline"]._sync_tickets(tickets)
        env.flush_all()
        idle = time.perf_counter() - started
        cr.rollback()
    return len(tickets), lines, rebuild, idle


def main(argv):
    split = argv.index("--")
    config.parse_config(argv[:split], setup_logging=True)
    sizes = [int(size) for size in argv[split + 1 :]]
    print(
        f"{'tickets':>8} {'plain t/s':>10} {'OCA SLA t/s':>12} {'addon t/s':>10} "
        f"{'ratio':>6} {'vs SLA':>7} {'lines':>8} {'rebuild t/s':>12} {'idle t/s':>9}"
    )
    done = 0
    for size in sizes:
        plain = create_tickets(f"bench_{PLAIN}", PLAIN, done, size)
        peer = create_tickets(f"bench_{PEER}", PEER, done, size)
        ours = create_tickets(f"bench_{ADDON}", ADDON, done, size)
        added, done = size - done, size
        tickets, lines, rebuild, idle = recompute_all(f"bench_{ADDON}")
        print(
            f"{size:>8} {added / plain:>10.0f} {added / peer:>12.0f} "
            f"{added / ours:>10.0f} {ours / plain:>6.2f} {ours / peer:>7.2f} "
            f"{lines:>8} {tickets / rebuild:>12.0f} {tickets / idle:>9.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])

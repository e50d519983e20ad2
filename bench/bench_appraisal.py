"""Compute one month's appraisal of the water-supply company the way HR does (the run:
rate deductions written to the ledger, cards stored, ranks), and replay it, against the
raw SQL aggregates that produce the same numbers, on generated appeals and ledger lines.

Run by bench/run-appraisal, which installs the addon; arguments are Odoo server options,
then `--`, then the sizes (appeals replied in the month; the month also gets a tenth as
many confirmed ledger lines).
"""

import sys
import time
import tracemalloc
from datetime import date

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

DEPARTMENTS = 60
REPEAT = 5
MONTH = date(2025, 3, 1)


def best_of(function, repeat=REPEAT):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def peak_memory(function):
    """Peak of the Python memory allocated while ``function`` runs (bytes)."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def prepare(env, size):
    """60 departments (one the response office), ``size`` appeals replied in the month
    with their ratings, ``size / 10`` confirmed ledger lines, an entered shortfall."""
    company = env.company
    company.complaint_preset_id = env.ref(
        "helpdesk_utility_complaint.preset_water_company"
    )
    departments = env["hr.department"].create(
        [{"name": f"Bench department {n}"} for n in range(DEPARTMENTS)]
    )
    company.complaint_office_department_id = departments[0]
    period = env["helpdesk.appraisal.period"]._for_date(company, MONTH)
    rules = env["helpdesk.deduction.rule"].search(
        [
            ("preset_id", "=", company.complaint_preset_id.id),
            ("generator", "not in", ("appraisal_rate", "platform_shortfall")),
        ]
    )
    env.flush_all()
    # Ratings: 80% satisfied, 6% basically satisfied, 10% unsatisfied (a third of them
    # cleared in time), 4% without a result.
    env.cr.execute(
        """
        INSERT INTO helpdesk_ticket
            (company_id, name, description, state, active, department_id, received_at,
             replied_at, satisfaction, unsatisfied_at, cleared_at, create_date,
             write_date, create_uid, write_uid)
        SELECT %(company)s, 'Bench appeal', '<p>Bench</p>', 'closed', true,
               (%(departments)s)[1 + n %% %(department_count)s],
               %(start)s::timestamp + make_interval(secs => n %% 2592000),
               %(start)s::timestamp + make_interval(secs => 3600 + n %% 2592000),
               CASE WHEN n %% 50 < 40 THEN 'satisfied'
                    WHEN n %% 50 < 43 THEN 'basically_satisfied'
                    WHEN n %% 50 < 48 THEN 'unsatisfied'
                    ELSE NULL END,
               CASE WHEN n %% 50 BETWEEN 43 AND 47 THEN %(start)s::timestamp END,
               CASE WHEN n %% 150 = 43
                    THEN %(start)s::timestamp + interval '5 days' END,
               now(), now(), 1, 1
          FROM generate_series(1, %(size)s) AS n
        """,
        {
            "company": company.id,
            "departments": departments.ids,
            "department_count": len(departments),
            "start": "2025-03-01 00:00:00",
            "size": size,
        },
    )
    env.cr.execute(
        """
        INSERT INTO helpdesk_deduction_line
            (company_id, rule_id, rule_code, "table", party, department_id, source,
             base_points, multiplier, share, points, state, period_id, confirmed_at,
             create_date, write_date, create_uid, write_uid)
        SELECT %(company)s, rule.id, rule.code, rule."table", 'responsible_department',
               (%(departments)s)[1 + n %% %(department_count)s], 'process', 1 + n %% 5,
               1, 100, 1 + n %% 5, 'confirmed', %(period)s, now(), now(), now(), 1, 1
          FROM generate_series(1, %(lines)s) AS n
          JOIN LATERAL (SELECT (%(rules)s)[1 + n %% %(rule_count)s] AS id) pick ON true
          JOIN helpdesk_deduction_rule rule ON rule.id = pick.id
        """,
        {
            "company": company.id,
            "departments": departments.ids,
            "department_count": len(departments),
            "period": period.id,
            "rules": rules.ids,
            "rule_count": len(rules),
            "lines": size // 10,
        },
    )
    env["helpdesk.platform.shortfall"].create(
        {
            "period_id": period.id,
            "rule_id": env.ref("helpdesk_utility_complaint.rule_r000_54").id,
            "points": 3,
            "share_ids": [
                (0, 0, {"department_id": departments[1].id, "share": 60}),
                (0, 0, {"department_id": departments[2].id, "share": 40}),
            ],
        }
    ).action_confirm()
    env.invalidate_all()
    env.cr.execute("ANALYZE helpdesk_ticket")
    env.cr.execute("ANALYZE helpdesk_deduction_line")
    return period, departments


def raw_sql(env, period, departments, cutoff):
    """The month's numbers in plain SQL: the ledger by unit, rule and table, and the
    satisfaction rate's counts by unit (R000-49)."""
    env.cr.execute(
        """
        SELECT department_id, rule_code, "table", SUM(points), COUNT(*)
          FROM helpdesk_deduction_line
         WHERE company_id = %s AND period_id = %s AND state = 'confirmed'
           AND department_id = ANY(%s)
         GROUP BY 1, 2, 3
        """,
        [period.company_id.id, period.id, departments.ids],
    )
    ledger = env.cr.fetchall()
    env.cr.execute(
        """
        SELECT department_id, COUNT(*),
               COUNT(*) FILTER (WHERE satisfaction IN ('satisfied',
                                                       'basically_satisfied')
                                  AND (unsatisfied_at IS NULL OR cleared_at <= %s)),
               COUNT(*) FILTER (WHERE NOT (satisfaction IN ('satisfied',
                                                            'basically_satisfied')
                                  AND (unsatisfied_at IS NULL OR cleared_at <= %s)))
          FROM helpdesk_ticket
         WHERE company_id = %s AND active AND satisfaction IS NOT NULL
           AND replied_at >= %s AND replied_at < %s
         GROUP BY 1
        """,
        [
            cutoff,
            cutoff,
            period.company_id.id,
            "2025-02-28 16:00:00",
            "2025-03-31 16:00:00",
        ],
    )
    return ledger, env.cr.fetchall()


def main(argv):
    split = argv.index("--")
    config.parse_config(argv[:split], setup_logging=True)
    sizes = [int(size) for size in argv[split + 1 :]]
    registry = Registry("bench_appraisal")
    print(
        f"{'appeals':>9} {'lines':>7} {'SQL ms':>8} {'1st run ms':>11} {'ratio':>6} "
        f"{'rerun ms':>9} {'ratio':>6} {'replay ms':>10} {'/run':>5} "
        f"{'peak MB':>8}"
    )
    for size in sizes:
        with registry.cursor() as cr:
            print(measure(api.Environment(cr, SUPERUSER_ID, {}), size), flush=True)
            cr.rollback()


def measure(env, size):
    """One line of the table for a month of ``size`` appeals."""
    period, departments = prepare(env, size)
    template = env.ref("helpdesk_utility_complaint.scorecard_water_company")
    Run = env["helpdesk.appraisal.run"]
    engine = env["helpdesk.scorecard.engine"]

    def run():
        Run._start(period, template)
        env.flush_all()
        env.invalidate_all()

    frame = engine._frame(period, template)
    raw_sql(env, period, departments, frame.cutoff)  # warm the caches
    sql, (ledger, rates) = best_of(
        lambda: raw_sql(env, period, departments, frame.cutoff)
    )
    started = time.perf_counter()
    run()
    first = time.perf_counter() - started
    rerun, _ = best_of(run)
    replay, _ = best_of(lambda: engine._replay(period, template))
    peak = peak_memory(run)
    # The cards say what the SQL says.
    total, numerator = sum(r[1] for r in rates), sum(r[2] for r in rates)
    unit = departments[3]
    card = env["helpdesk.scorecard"].search(
        [("period_id", "=", period.id), ("department_id", "=", unit.id)]
    )
    rate = card.line_ids.filtered(lambda line: line.code == "R000-53")
    assert rate.value == round(100.0 * numerator / total, 2), (rate.value, total)
    ledger_points = round(
        sum(
            row[3]
            for row in ledger
            if row[0] == unit.id and row[1] not in frame.run_codes
        ),
        2,
    )
    counted = round(
        sum(line.deduction for line in card.line_ids if line.measure == "ledger"), 2
    )
    assert counted == ledger_points, (counted, ledger_points)
    return (
        f"{size:>9} {size // 10:>7} {sql * 1000:>8.1f} {first * 1000:>11.1f} "
        f"{first / sql:>6.2f} {rerun * 1000:>9.1f} {rerun / sql:>6.2f} "
        f"{replay * 1000:>10.1f} {replay / rerun:>5.2f} {peak / 2**20:>8.1f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])

"""Read the deduction ledger the way its pivot and the department form do, against the
same aggregate in raw SQL, on generated lines.

Run by bench/run-ledger, which installs the addon; arguments are Odoo server options,
then `--`, then the sizes (ledger lines).
"""

import sys
import time
from datetime import date
from functools import partial

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

DEPARTMENTS = 40
MONTHS = 12
REPEAT = 5


def best_of(function):
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def prepare(env, size):
    """Departments, appraisal months and ``size`` ledger lines over them (SQL)."""
    company = env.company
    departments = env["hr.department"].create(
        [{"name": f"Bench department {n}"} for n in range(DEPARTMENTS)]
    )
    first = date.today().replace(day=1) - relativedelta(months=MONTHS - 1)
    periods = env["helpdesk.appraisal.period"].create(
        [
            {"company_id": company.id, "date_start": first + relativedelta(months=n)}
            for n in range(MONTHS)
        ]
    )
    rules = env["helpdesk.deduction.rule"].search(
        [("preset_id", "=", company.complaint_preset_id.id)]
    )
    env.flush_all()
    env.cr.execute(
        """
        INSERT INTO helpdesk_deduction_line
            (company_id, rule_id, rule_code, "table", party, department_id, source,
             base_points, multiplier, share, points, state, period_id, create_date,
             write_date, create_uid, write_uid)
        SELECT %(company)s, rule.id, rule.code, rule."table", 'responsible_department',
               (%(departments)s)[1 + n %% %(department_count)s], 'process', 1 + n %% 5,
               1, 100,
               1 + n %% 5, CASE WHEN n %% 10 = 0 THEN 'cancelled' ELSE 'confirmed' END,
               (%(periods)s)[1 + n %% %(month_count)s],
               now() - make_interval(days => n %% 365), now(), 1, 1
          FROM generate_series(1, %(size)s) AS n
          JOIN LATERAL (SELECT (%(rules)s)[1 + n %% %(rule_count)s] AS id) pick ON true
          JOIN helpdesk_deduction_rule rule ON rule.id = pick.id
        """,
        {
            "company": company.id,
            "departments": departments.ids,
            "department_count": len(departments),
            "periods": periods.ids,
            "month_count": len(periods),
            "rules": rules.ids,
            "rule_count": len(rules),
            "size": size,
        },
    )
    env.cr.execute("ANALYZE helpdesk_deduction_line")
    return departments


def pivot_orm(env):
    return env["helpdesk.deduction.line"]._read_group(
        [("state", "!=", "cancelled")],
        ["department_id", "period_id", "rule_id"],
        ["points:sum"],
    )


def pivot_sql(env):
    env.cr.execute(
        """
        SELECT department_id, period_id, rule_id, SUM(points)
          FROM helpdesk_deduction_line
         WHERE state != 'cancelled'
         GROUP BY department_id, period_id, rule_id
        """
    )
    return env.cr.fetchall()


def month_orm(env, departments):
    departments.invalidate_recordset(["month_deduction_points"])
    return sum(departments.mapped("month_deduction_points"))


def month_sql(env, departments):
    env.cr.execute(
        """
        SELECT SUM(points) FROM helpdesk_deduction_line
         WHERE department_id = ANY(%s) AND state != 'cancelled' AND create_date >= %s
        """,
        [departments.ids, date.today().replace(day=1)],
    )
    return env.cr.fetchone()[0] or 0.0


def main(argv):
    split = argv.index("--")
    config.parse_config(argv[:split], setup_logging=True)
    sizes = [int(size) for size in argv[split + 1 :]]
    registry = Registry("bench_ledger")
    print(
        f"{'lines':>9} {'pivot ORM ms':>13} {'pivot SQL ms':>13} {'ratio':>6} "
        f"{'month ORM ms':>13} {'month SQL ms':>13} {'ratio':>6}"
    )
    for size in sizes:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            departments = prepare(env, size)
            orm, groups = best_of(partial(pivot_orm, env))
            sql, rows = best_of(partial(pivot_sql, env))
            assert len(groups) == len(rows), (len(groups), len(rows))
            month, total = best_of(partial(month_orm, env, departments))
            month_raw, raw_total = best_of(partial(month_sql, env, departments))
            assert round(total, 2) == round(raw_total, 2), (total, raw_total)
            print(
                f"{size:>9} {orm * 1000:>13.1f} {sql * 1000:>13.1f} {orm / sql:>6.2f} "
                f"{month * 1000:>13.1f} {month_raw * 1000:>13.1f} "
                f"{month / month_raw:>6.2f}",
                flush=True,
            )
            cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])

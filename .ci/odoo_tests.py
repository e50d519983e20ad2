"""Run Odoo's test runner with the given server options and print the totals.

Odoo logs failures but no "passed" count; the registry's assertion report holds the exact
numbers, so this runs the server the way `odoo server --stop-after-init` does and then reads
that report. The last line printed is `TOTALS run=N failures=N errors=N skipped=N`.
"""

import sys

from odoo.cli.server import check_postgres_user, report_configuration
from odoo.modules.registry import Registry
from odoo.service import db, server
from odoo.tools import config


def main(args):
    config.parse_config(args, setup_logging=True)
    check_postgres_user()
    report_configuration()
    (dbname,) = config["db_name"]
    try:
        db._create_empty_database(dbname)
        config["init"]["base"] = True
    except db.DatabaseExists:
        pass
    rc = server.start(preload=[dbname], stop=True)
    registry = Registry.registries.get(dbname)
    report = registry._assertion_report if registry else None
    if report is None:
        print("TOTALS run=0 failures=0 errors=1 skipped=0", flush=True)
        return rc or 1
    print(
        f"TOTALS run={report.testsRun} failures={report.failures_count} "
        f"errors={report.errors_count} skipped={report.skipped}",
        flush=True,
    )
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

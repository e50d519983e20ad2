"""Run Odoo's test runner with the given server options and print the totals.

Odoo logs failures but no "passed" count; the registry's assertion report holds the
exact numbers, so this runs the server the way `odoo server --stop-after-init` does and
then reads that report. The last line printed is
`TOTALS run=N failures=N errors=N skipped=N`.

With ``--after-load`` (first argument), the selected modules' at-install tests run too,
after the whole registry is loaded instead of while their module loads: the tests of an
addon this one extends then run against every model of the database, this addon's
included (a module's at-install tests otherwise see only the modules loaded before it).
"""

import sys

from odoo.cli.server import check_postgres_user, report_configuration
from odoo.modules.registry import Registry
from odoo.service import db, server
from odoo.tests import loader
from odoo.tests.suite import OdooSuite
from odoo.tools import config


def run_at_install_tests_after_load():
    make_suite = loader.make_suite

    def make_suite_after_load(module_names, position="at_install"):
        if position == "at_install":
            return OdooSuite()
        return OdooSuite(
            [
                *make_suite(module_names, "at_install"),
                *make_suite(module_names, "post_install"),
            ]
        )

    loader.make_suite = make_suite_after_load


def main(args):
    if args[:1] == ["--after-load"]:
        args = args[1:]
        run_at_install_tests_after_load()
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

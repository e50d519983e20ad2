"""Print the monthly appraisal of a 60-department water-supply company (issue 12's
goal: at most 30 seconds), in Chinese, from the period as HR prints it: the pack of
figures read once, the QWeb HTML, then wkhtmltopdf.

Run by bench/run-appraisal-pdf, which installs the addon and zh_CN; arguments are Odoo
server options, then `--`, then the sizes (appeals replied in the month, generated
as bench/run-appraisal does: a tenth rated unsatisfied, a tenth as many confirmed
ledger lines). With BENCH_PDF_DIR set, each PDF is kept there to be looked at.
"""

import os
import subprocess
import sys
import tempfile
import time

from bench_appraisal import DEPARTMENTS, prepare

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

REPORT = "helpdesk_utility_complaint.report_appraisal_period"


def pdf_pages(content):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        info = subprocess.run(
            ["pdfinfo", file.name], check=True, capture_output=True, text=True
        ).stdout
    return int(next(line for line in info.splitlines() if line[:6] == "Pages:")[6:])


def measure(env, size):
    """One line of the table for a month of ``size`` appeals."""
    env.company.partner_id.lang = "zh_CN"
    period, _departments = prepare(env, size)
    template = env.ref("helpdesk_utility_complaint.scorecard_water_company")
    env["helpdesk.appraisal.run"]._start(period, template)
    env.flush_all()
    env.invalidate_all()
    Report = env["ir.actions.report"].with_context(lang="zh_CN")
    started = time.perf_counter()
    Report.env[f"report.{REPORT}"]._get_report_values(period.ids)
    packs = time.perf_counter() - started
    env.invalidate_all()
    started = time.perf_counter()
    html = Report._render_qweb_html(REPORT, period.ids)[0]
    html_time = time.perf_counter() - started
    env.invalidate_all()
    started = time.perf_counter()
    content, kind = Report._render_qweb_pdf(REPORT, period.ids)
    total = time.perf_counter() - started
    assert kind == "pdf"
    if os.environ.get("BENCH_PDF_DIR"):
        path = os.path.join(os.environ["BENCH_PDF_DIR"], f"appraisal-{size}.pdf")
        with open(path, "wb") as file:
            file.write(content)
    cards = env["helpdesk.scorecard"].search_count([("period_id", "=", period.id)])
    # The bench's departments and the database's own top-level one.
    assert cards >= DEPARTMENTS, cards
    return (
        f"{size:>9} {cards:>6} {packs:>9.2f} {html_time:>9.2f} "
        f"{total - html_time:>9.2f} {total:>8.2f} {pdf_pages(content):>6} "
        f"{len(html) / 2**20:>8.1f} {len(content) / 2**20:>7.1f}"
    )


def main(argv):
    split = argv.index("--")
    config.parse_config(argv[:split], setup_logging=True)
    sizes = [int(size) for size in argv[split + 1 :]]
    registry = Registry("bench_appraisal_pdf")
    print(
        f"{'appeals':>9} {'cards':>6} {'figures s':>9} {'QWeb s':>9} "
        f"{'wkhtml s':>9} {'total s':>8} {'pages':>6} {'HTML MB':>8} {'PDF MB':>7}"
    )
    for size in sizes:
        with registry.cursor() as cr:
            print(measure(api.Environment(cr, SUPERUSER_ID, {}), size), flush=True)
            cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1:])

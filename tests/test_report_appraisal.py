import io
import subprocess
import tempfile
from datetime import datetime

from openpyxl import load_workbook

from odoo import fields
from odoo.tests import tagged

from .appraisal_common import AppraisalCase

PERIOD_PDF = "helpdesk_utility_complaint.action_report_appraisal_period"
CARD_PDF = "helpdesk_utility_complaint.action_report_appraisal_scorecard"
PERIOD_XLSX = "helpdesk_utility_complaint.appraisal_period_xlsx"
CARD_XLSX = "helpdesk_utility_complaint.appraisal_scorecard_xlsx"
MONEY_XLSX = "helpdesk_utility_complaint.money_ledger_xlsx"


class AppraisalReportCase(AppraisalCase):
    """The company works in Chinese: its printed and exported appraisal is read back
    (pdftotext, pdffonts, openpyxl)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_utility_complaint"], ["zh_CN"], overwrite=True
        )
        cls.company.partner_id.lang = "zh_CN"
        cls.network.manager_id = cls.network_manager.employee_id

    def render(self, report, records, user=None, pdf=False):
        """(content, kind) of a report as ``user`` gets it; a PDF really rendered
        by wkhtmltopdf when ``pdf``."""
        Report = self.env["ir.actions.report"].with_user(user or self.hr_officer)
        report = self.env.ref(report)
        if report.report_type == "xlsx":
            return Report._render_xlsx(report.report_name, records.ids, None)
        if pdf:
            Report = Report.with_context(force_report_rendering=True)
            return Report._render_qweb_pdf(report.report_name, records.ids)
        return Report._render_qweb_html(report.report_name, records.ids)

    def pdf_tool(self, tool, content, *args):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(content)
            file.flush()
            return subprocess.run(
                [tool, *args, file.name, *(["-"] if tool == "pdftotext" else [])],
                check=True,
                capture_output=True,
                text=True,
            ).stdout

    def workbook(self, content):
        return load_workbook(io.BytesIO(content), read_only=True)

    def rows(self, sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]


@tagged("post_install", "-at_install")
class TestReportAppraisal(AppraisalReportCase):
    """The water-supply company's month printed and exported (issue 12)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rated = cls.appeals(
            cls.network, ["satisfied"] * 6 + ["unsatisfied"] * 2 + ["basically_satisfied"]
        )
        cls.appeals(cls.billing, ["satisfied"] * 3)
        cls.unsatisfied = cls.rated.filtered(
            lambda ticket: ticket.satisfaction == "unsatisfied"
        )
        cls.clear(cls.unsatisfied[0], datetime(2025, 4, 3, 2))

    def setUp(self):
        super().setUp()
        self.ledger_line(self.network, "R000-59", 3, ticket=self.rated[0])
        self.ledger_line(self.network, "R000-32", 2, ticket=self.rated[1])
        self.ledger_line(self.billing, "R000-32", 1.5)
        self.money = (
            self.env["helpdesk.money.line"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "department_id": self.network.id,
                    "amount": -500,
                    "reason": "服务态度投诉",
                    "state": "confirmed",
                    "period_id": self.march.id,
                    "confirmed_at": fields.Datetime.now(),
                }
            )
        )
        self.compute()

    def test_render_for_inspection(self):
        content, kind = self.render(PERIOD_PDF, self.march, pdf=True)
        with open("/tmp/appraisal.pdf", "wb") as file:
            file.write(content)
        content, kind = self.render(PERIOD_XLSX, self.march)
        with open("/tmp/appraisal.xlsx", "wb") as file:
            file.write(content)

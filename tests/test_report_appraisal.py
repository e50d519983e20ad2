import io
import subprocess
import tempfile
import unicodedata
from datetime import date, datetime

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .appraisal_common import AppraisalCase

PERIOD_PDF = "helpdesk_utility_complaint.action_report_appraisal_period"
CARD_PDF = "helpdesk_utility_complaint.action_report_appraisal_scorecard"
PERIOD_XLSX = "helpdesk_utility_complaint.appraisal_period_xlsx"
CARD_XLSX = "helpdesk_utility_complaint.appraisal_scorecard_xlsx"
MONEY_XLSX = "helpdesk_utility_complaint.money_ledger_xlsx"
# CJK radicals some fonts' glyphs map back to in extracted text, and NFKC leaves be.
RADICALS = str.maketrans({"⻔": "门", "⺠": "民", "⻓": "长", "⻅": "见", "⻛": "风"})


class AppraisalReportCase(AppraisalCase):
    """The company works in Chinese; its printed and exported appraisal is read back
    with pdftotext, pdffonts and openpyxl."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_utility_complaint"], ["zh_CN"], overwrite=True
        )
        cls.company.partner_id.lang = "zh_CN"
        for user in (cls.hr_officer, cls.network_manager):
            user.lang = "zh_CN"
        cls.network.manager_id = cls.network_manager.employee_id

    def render(self, report, records, user=None, pdf=False, data=None):
        """(content, kind) of a report as ``user`` gets it; a PDF really rendered by
        wkhtmltopdf when ``pdf``, else the HTML it is made from."""
        user = user or self.hr_officer
        Report = (
            self.env["ir.actions.report"].with_user(user).with_context(lang=user.lang)
        )
        report = self.env.ref(report)
        if report.report_type == "xlsx":
            return Report._render_xlsx(report.report_name, records.ids, data)
        if pdf:
            Report = Report.with_context(force_report_rendering=True)
            return Report._render_qweb_pdf(report.report_name, records.ids)
        return Report._render_qweb_html(report.report_name, records.ids)

    def html_text(self, report, records, user=None):
        content = self.render(report, records, user)[0].decode()
        return " ".join(content.split())

    def pdf_tool(self, tool, content):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(content)
            file.flush()
            args = [tool, file.name]
            if tool == "pdftotext":
                args = [tool, "-layout", file.name, "-"]
            return subprocess.run(
                args, check=True, capture_output=True, text=True
            ).stdout

    def pdf_text(self, content):
        """The text of a PDF laid out as printed, on one line, in NFKC form."""
        return self.nfkc(self.pdf_tool("pdftotext", content))

    @staticmethod
    def nfkc(text):
        text = unicodedata.normalize("NFKC", text).translate(RADICALS)
        return " ".join(text.split())

    def assertPrinted(self, expected, text):
        self.assertIn(self.nfkc(expected), text)

    def sheets(self, content):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        }

    def ledger_points(self, period, departments):
        [(points,)] = self.Line._read_group(
            [
                ("company_id", "=", self.company.id),
                ("period_id", "in", period._months().ids),
                ("state", "=", "confirmed"),
                ("department_id", "in", departments.ids),
            ],
            [],
            ["points:sum"],
        )
        return points


@tagged("post_install", "-at_install")
class TestReportAppraisal(AppraisalReportCase):
    """The water-supply company's month printed and exported (issue 12)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rated = cls.appeals(
            cls.network,
            ["satisfied"] * 6 + ["unsatisfied"] * 2 + ["basically_satisfied"],
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
        self.ledger_line(self.billing, "R000-40", 1)
        self.penalty = self.money_line(self.network, -500, "服务态度投诉")
        self.award = self.money_line(self.billing, 1000, "服务之星")
        self.compute()
        self.cards = self.Card.search([("period_id", "=", self.march.id)])

    def money_line(self, department, amount, reason):
        return (
            self.env["helpdesk.money.line"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "department_id": department.id,
                    "amount": amount,
                    "reason": reason,
                    "state": "confirmed",
                    "period_id": self.march.id,
                    "confirmed_at": fields.Datetime.now(),
                }
            )
        )

    def test_monthly_appraisal_pdf_in_chinese(self):
        """Issue 12: the month printed from its period on A4 with its fonts embedded:
        Chinese headings, the glance's rates as helpdesk.complaint.rates defines them,
        a card's numbers traced to its rules and appeals, penalties and awards, the
        clearing with the complainant masked (R002-37), the signatures."""
        content, kind = self.render(PERIOD_PDF, self.march, pdf=True)
        self.assertEqual(kind, "pdf")
        self.assertIn("A4", self.pdf_tool("pdfinfo", content))
        fonts = self.pdf_tool("pdffonts", content).splitlines()[2:]
        self.assertTrue(fonts)
        self.assertTrue(all("NotoSansCJK" in font for font in fonts))
        self.assertTrue(all(font.split()[-5] == "yes" for font in fonts), fonts)
        text = self.pdf_text(content)
        for heading in (
            "月度考核报告",
            "一、本期概况",
            "二、考核得分与排名",
            "三、各单位考核明细",
            "四、按条款扣分汇总",
            "五、“般阳民生”单项考核",
            "六、罚款与奖励",
            "七、不满意诉求清零",
            "编制单位：",
            "总经理审核：",
        ):
            self.assertPrinted(heading, text)
        card = self.card(self.network)
        self.assertEqual(card.total, 95.0)
        self.assertPrinted(f"95.00 排名 {card.rank} / {card.unit_count}", text)
        self.assertPrinted(f"R000-59：1 条，3.00 分（{self.rated[0].number}）", text)
        _counts, rates = self.Rates()._company_rates(
            self.company, date(2025, 3, 1), date(2025, 3, 31)
        )
        self.assertPrinted(
            f"满意率 {rates['satisfaction_rate']:.2f} ≥ 85.00 达标", text
        )
        self.assertEqual(
            rates["satisfaction_rate"], self.cell(self.network, "R000-53").value
        )
        self.assertPrinted("-500", text)
        self.assertPrinted("服务态度投诉", text)
        masked = self.unsatisfied[1]._complainant_masked_label()
        self.assertPrinted(masked, text)
        self.assertNotIn(self.unsatisfied[1].sudo().complainant_phone, text)
        self.assertPrinted("未清零：已逾期", text)
        self.assertPrinted(self.office_department.name, text)

    def Rates(self):
        return self.env["helpdesk.complaint.rates"]

    def test_appraisal_xlsx_totals_equal_the_ledger(self):
        """One row per unit with each item's score; the deductions column adds up to
        the ledger's confirmed points of the month; every item and every rule line
        read back (R003-45)."""
        sheets = self.sheets(self.render(PERIOD_XLSX, self.march)[0])
        self.assertEqual(list(sheets), ["2025-03", "考核项", "按条款扣分"])
        cards = sheets["2025-03"]
        self.assertIn("月度考核报告", cards[0][0])
        header = cards[1]
        self.assertEqual(header[:3], ["排名", "单位", "有业务"])
        self.assertIn("R000-55 般阳民生", header)
        rows, totals = cards[2:-1], cards[-1]
        self.assertEqual(len(rows), len(self.cards))
        self.assertEqual(totals[0], f"合计：{len(self.cards)} 个单位")
        deductions = header.index("扣分")
        ledger = self.ledger_points(self.march, self.cards.department_id)
        self.assertEqual(ledger, 7.5)
        self.assertAlmostEqual(totals[deductions], ledger)
        self.assertAlmostEqual(sum(row[deductions] for row in rows), ledger)
        by_unit = {row[1]: row for row in rows}
        network = by_unit[self.network.name]
        self.assertEqual(network[header.index("合计")], 95.0)
        self.assertEqual(network[0], self.card(self.network).rank)
        self.assertEqual(
            by_unit[self.billing.name][header.index("R000-55 般阳民生")], -1
        )
        items = sheets["考核项"]
        self.assertEqual(len(items) - 1, len(self.cards.line_ids))
        rules = sheets["按条款扣分"]
        self.assertAlmostEqual(rules[-1][5], ledger)
        self.assertIn(self.rated[0].number, str(rules))

    def test_department_manager_prints_and_exports_only_their_own(self):
        """A department manager's print and export hold their card, their appeals,
        their ledger and money lines, nothing of another department; another
        department's card is refused."""
        manager = self.network_manager
        mine = self.Card.with_user(manager).search([("period_id", "=", self.march.id)])
        self.assertEqual(mine.department_id, self.network)
        for report, records in ((CARD_PDF, mine), (PERIOD_PDF, self.march)):
            text = self.html_text(report, records, manager)
            self.assertIn(self.network.name, text)
            self.assertNotIn(self.billing.name, text)
            self.assertIn("服务态度投诉", text)
            self.assertNotIn("服务之星", text)
        sheets = self.sheets(self.render(CARD_XLSX, mine, manager)[0])
        rows = sheets["2025-03"][2:-1]
        self.assertEqual([row[1] for row in rows], [self.network.name])
        self.assertAlmostEqual(
            sheets["2025-03"][-1][sheets["2025-03"][1].index("扣分")], 5.0
        )
        with self.assertRaises(AccessError):
            self.render(CARD_PDF, self.card(self.billing), manager)

    def test_penalties_and_awards_xlsx(self):
        """C-11: money lines exported with the amounts summed; a department manager
        exports their department's lines only."""
        domain = [("period_id", "=", self.march.id)]
        rows = self.sheets(
            self.render(MONEY_XLSX, self.march, data={"domain": domain})[0]
        )
        sheet = rows["罚款与奖励"]
        header = sheet[0]
        amount = header.index("金额（元）")
        self.assertEqual(len(sheet) - 2, 2)
        self.assertEqual(sheet[-1][amount], 500)
        self.assertIn("服务之星", str(sheet))
        own = self.sheets(
            self.render(
                MONEY_XLSX, self.march, self.network_manager, data={"domain": domain}
            )[0]
        )["罚款与奖励"]
        self.assertEqual(len(own) - 2, 1)
        self.assertEqual(own[-1][amount], -500)
        self.assertNotIn("服务之星", str(own))

    def test_r003_33_repeat_rate_and_targets_in_the_rates(self):
        """R003-33: repeats among the complaints received; the glance's targets are
        the thresholds of the scorecard items (R000-53's 85%)."""
        Rates = self.Rates()
        first = self.appeals(self.billing, [None], received_at=datetime(2025, 3, 3))
        second = self.appeals(self.billing, [None], received_at=datetime(2025, 3, 4))
        second.sudo().repeat_of_id = first
        counts, rates = Rates._company_rates(
            self.company,
            date(2025, 3, 1),
            date(2025, 3, 31),
            domain=[("department_id", "=", self.billing.id)],
        )
        self.assertEqual((counts["complaints"], counts["repeats"]), (5, 1))
        self.assertEqual(rates["repeat_rate"], 20.0)
        self.assertEqual(
            Rates._targets(self.company)["satisfaction_rate"], (85.0, "min")
        )
        self.assertNotIn("repeat_rate", Rates._targets(self.company))


@tagged("post_install", "-at_install")
class TestReportAppraisalHeating(AppraisalReportCase):
    """R003-45: the heating scheme's 100-point cards printed and exported per month,
    quarter and year, every item traced to its rule."""

    preset_xmlid = "helpdesk_utility_complaint.preset_heating"

    def test_r003_45_cards_per_month_quarter_and_year_traced_to_their_rules(self):
        template = self.template("year")
        manual = template.item_ids.filtered(lambda item: item.measure == "manual")
        appeal = self.appeals(self.network, ["satisfied"])
        january = self.month(2025, 1)
        self.ledger_line(self.network, "R003-21", 2, period=january, ticket=appeal)
        periods = [self.month(2025, month) for month in (1, 2, 3)]
        periods.append(
            self.Period._for_period(self.company, "quarter", date(2025, 1, 1))
        )
        periods.append(self.Period._for_period(self.company, "year", date(2025, 1, 1)))
        for period in periods:
            for item in manual:
                self.env["helpdesk.scorecard.manual.score"].with_user(
                    self.hr_officer
                ).create(
                    {
                        "period_id": period.id,
                        "item_id": item.id,
                        "department_id": self.network.id,
                        "score": item.weight,
                        "note": "材料齐全",
                    }
                )
            self.compute(period)
        quarter, year = periods[3], periods[4]
        text = self.html_text(PERIOD_PDF, year)
        self.assertIn("年度考核报告", text)
        card = self.card(self.network, year)
        self.assertIn(f"{card.annual_result:.2f}", text)
        for item in template.item_ids:
            self.assertIn(item.code, text)
        self.assertIn(f"R003-21：1 条，2.00 分（{appeal.number}）", text)
        self.assertIn("材料齐全", text)
        quarter_text = self.html_text(CARD_PDF, self.card(self.network, quarter))
        self.assertIn("季度考核报告", quarter_text)
        self.assertIn("基础管理", quarter_text)
        sheets = self.sheets(self.render(PERIOD_XLSX, year)[0])
        header = sheets["2025"][1]
        self.assertEqual(
            len([title for title in header if title[:4] == "R003"]),
            len(template.item_ids),
        )
        self.assertIn("年度结果", header)
        row = next(row for row in sheets["2025"][2:-1] if row[1] == self.network.name)
        self.assertEqual(row[header.index("年度结果")], card.annual_result)
        self.assertEqual(row[header.index("合计")], card.total)


@tagged("post_install", "-at_install")
class TestReportAppraisalHotline(AppraisalReportCase):
    """R002-42: the CSC's periodic appraisal of how each unit handles its tickets,
    measured exactly as the reports measure the rates."""

    preset_xmlid = "helpdesk_utility_complaint.preset_water_hotline"

    def test_r002_42_hotline_appraisal_per_unit(self):
        tickets = self.appeals(self.network, ["satisfied"] * 3 + ["unsatisfied", None])
        self.env["helpdesk.ticket.callback"].sudo().create(
            {
                "ticket_id": tickets[-1].id,
                "called_at": datetime(2025, 3, 10, 3),
                "reached": False,
            }
        )
        self.appeals(self.billing, ["satisfied"] * 2)
        self.compute()
        Rates = self.env["helpdesk.complaint.rates"]
        start, end = Rates._period_bounds(
            self.company, date(2025, 3, 1), date(2025, 3, 31)
        )
        counts = Rates._counts(
            [("company_id", "=", self.company.id)],
            start,
            end,
            groupby=("department_id",),
            company=self.company,
        )
        for department in (self.network, self.billing):
            rates = Rates._rates(counts[(department,)])
            cells = {
                code: self.cell(department, f"R002-42/{code}")
                for code in ("on-time", "callback", "satisfaction")
            }
            self.assertEqual(cells["on-time"].value, rates["on_time_rate"])
            self.assertEqual(cells["callback"].value, rates["callback_rate"])
            self.assertEqual(cells["satisfaction"].value, rates["satisfaction_rate"])
            expected = (
                0.4 * rates["on_time_rate"]
                + 0.2 * rates["callback_rate"]
                + 0.4 * rates["satisfaction_rate"]
            )
            self.assertAlmostEqual(self.card(department).total, expected, places=1)
        self.assertEqual(self.cell(self.network, "R002-42/satisfaction").value, 75.0)
        self.assertEqual(self.cell(self.network, "R002-42/callback").value, 80.0)
        text = self.html_text(PERIOD_PDF, self.march)
        self.assertIn("热线办理考核", text)

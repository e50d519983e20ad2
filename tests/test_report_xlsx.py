import base64
import io
from datetime import date

from openpyxl import load_workbook

from odoo.tests import tagged

from .report_common import ReportCase

APPEAL_LEDGER = "helpdesk_utility_complaint.appeal_ledger_xlsx"
DEDUCTION_LEDGER = "helpdesk_utility_complaint.deduction_ledger_xlsx"
PERIODIC_REPORT = "helpdesk_utility_complaint.periodic_report_xlsx"


@tagged("post_install", "-at_install")
class TestReportXlsx(ReportCase):
    """XLSX exports through OCA report_xlsx, read back with openpyxl: headers in
    Chinese, one row per record, totals equal to the ledger, the user's record rules
    and the complainant masking of R002-37."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_utility_complaint"], ["zh_CN"], overwrite=True
        )
        for user in (cls.office_user, cls.network_manager, cls.network_handler):
            user.lang = "zh_CN"
        cls.network.manager_id = cls.network_manager.employee_id
        at = cls._at
        cls.done = cls._complete(
            cls._new_appeal(
                at(2025, 11, 3, 9),
                name="六楼水压低，晚上没水",
                department_id=cls.network.id,
                section_id=cls.repair_section.id,
            ),
            at(2025, 11, 4, 10),
            ratings=["satisfied"],
        )
        cls.done.sudo().reply_text = "已开启阀门，水压恢复。"
        cls.done.sudo().callback_ids.comment = "师傅很负责"
        cls.open = cls._new_appeal(
            at(2025, 11, 5, 9),
            name='=HYPERLINK("http://x")',
            department_id=cls.network.id,
        )
        cls.billing_appeal = cls._new_appeal(
            at(2025, 11, 6, 9), department_id=cls.billing.id
        )
        cls.appeals = cls.done | cls.open | cls.billing_appeal

    def _render(self, report, user, data=None, ids=None):
        report = self.env.ref(report)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=user.lang)
            ._render_xlsx(report.report_name, ids, data)
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content), read_only=True)

    def _rows(self, workbook):
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]

    def _by_number(self, rows):
        header = rows[0]
        return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:-1]}

    def test_r003_10_appeal_ledger_read_back(self):
        """R003-10: one row per appeal of the filter, every ledger field, Chinese
        headers, the totals row counting the rows; text starting with '=' stays text."""
        domain = [("id", "in", self.appeals.ids)]
        rows = self._rows(
            self._render(APPEAL_LEDGER, self.office_user, {"domain": domain})
        )
        header = rows[0]
        self.assertEqual(header[0], "诉求编号")
        for title in (
            "接收时间",
            "受理渠道",
            "诉求性质",
            "诉求类别",
            "诉求人姓名",
            "诉求人电话",
            "诉求人地址",
            "发生时间",
            "责任部门",
        ):
            self.assertIn(title, header)
        self.assertEqual(len(rows), 2 + len(self.appeals), "header, rows, totals")
        self.assertEqual(rows[-1][0], "合计：3 行")
        by_number = self._by_number(rows)
        self.assertEqual(set(by_number), set(self.appeals.mapped("number")))
        done = by_number[self.done.number]
        self.assertEqual(done["诉求人姓名"], self.done.sudo().partner_name)
        self.assertEqual(done["诉求人电话"], self.done.sudo().complainant_phone)
        self.assertEqual(done["主题"], "六楼水压低，晚上没水")
        self.assertEqual(done["解决方案"], "已开启阀门，水压恢复。")
        self.assertEqual(done["用户评价"], "满意")
        self.assertEqual(done["评价内容"], "师傅很负责")
        self.assertEqual(done["受理渠道"], self.phone.with_context(lang="zh_CN").name)
        self.assertEqual(done["状态"], "已答复")
        self.assertEqual(done["流程节点"], "B6")
        self.assertEqual(
            done["接收时间"].strftime("%Y-%m-%d %H:%M"), "2025-11-03 09:00"
        )
        self.assertEqual(
            done["接单时间"].strftime("%Y-%m-%d %H:%M"), "2025-11-03 10:00"
        )
        self.assertEqual(
            done["办结时间"].strftime("%Y-%m-%d %H:%M"), "2025-11-04 10:00"
        )
        self.assertEqual(done["已解决"], "是")
        self.assertEqual(by_number[self.open.number]["主题"], '=HYPERLINK("http://x")')

    def test_r002_37_export_masks_what_the_form_masks(self):
        """R002-37: a handler who does not handle the appeal gets the masked
        complainant, exactly as the form shows it to them."""
        domain = [("id", "in", self.appeals.ids)]
        rows = self._rows(
            self._render(APPEAL_LEDGER, self.network_handler, {"domain": domain})
        )
        by_number = self._by_number(rows)
        as_handler = self.done.with_user(self.network_handler)
        row = by_number[self.done.number]
        self.assertEqual(row["诉求人姓名"], as_handler.complainant_name_display)
        self.assertEqual(row["诉求人电话"], as_handler.complainant_phone_display)
        self.assertEqual(row["诉求人地址"], as_handler.complainant_address_display)
        self.assertNotEqual(row["诉求人电话"], self.done.sudo().complainant_phone)
        self.assertIn("*", row["诉求人电话"])
        content = str(rows)
        self.assertNotIn(self.done.sudo().complainant_phone, content)
        self.assertNotIn(self.done.sudo().complainant_address, content)

    def test_r002_38_office_export_follows_recusal(self):
        """R002-37, R002-38: the office reads complainants in clear, except on the
        appeals it stood aside from: exactly what each appeal's form shows."""
        self.env["helpdesk.ticket.recusal"].create(
            {
                "ticket_id": self.open.id,
                "user_id": self.office_user.id,
                "reason": "The complainant is my neighbour.",
            }
        )
        domain = [("id", "in", self.appeals.ids)]
        rows = self._by_number(
            self._rows(
                self._render(APPEAL_LEDGER, self.office_user, {"domain": domain})
            )
        )
        for appeal in self.appeals.with_user(self.office_user):
            row = rows[appeal.number]
            self.assertEqual(row["诉求人姓名"], appeal.complainant_name_display)
            self.assertEqual(row["诉求人电话"], appeal.complainant_phone_display)
            self.assertEqual(row["诉求人地址"], appeal.complainant_address_display)
        self.assertIn("*", rows[self.open.number]["诉求人电话"])
        self.assertEqual(
            rows[self.done.number]["诉求人电话"], self.done.sudo().complainant_phone
        )

    def test_department_manager_exports_only_what_the_rules_allow(self):
        """A department manager's export holds their department's appeals only, in
        clear for the appeals they head."""
        rows = self._rows(
            self._render(APPEAL_LEDGER, self.network_manager, {"domain": []})
        )
        numbers = set(self._by_number(rows))
        visible = self.env["helpdesk.ticket"].with_user(self.network_manager).search([])
        self.assertEqual(numbers, set(visible.mapped("number")))
        self.assertIn(self.done.number, numbers)
        self.assertNotIn(self.billing_appeal.number, numbers)
        row = self._by_number(rows)[self.done.number]
        self.assertEqual(row["诉求人电话"], self.done.sudo().complainant_phone)

    def test_deduction_ledger_totals_equal_the_ledger(self):
        """The deduction ledger's totals row equals the ledger's points, per user."""
        rule = self.env["helpdesk.deduction.rule"].search(
            [("preset_id", "=", self.water_company.id)], limit=1
        )
        Line = self.env["helpdesk.deduction.line"]
        for department, points in (
            (self.network, 2.0),
            (self.network, 1.5),
            (self.billing, 4.0),
        ):
            Line.create(
                {
                    "rule_id": rule.id,
                    "party": "responsible_department",
                    "department_id": department.id,
                    "ticket_id": self.done.id,
                    "base_points": points,
                    "reason": "逾期答复",
                }
            )
        domain = [("ticket_id", "=", self.done.id)]
        rows = self._rows(
            self._render(DEDUCTION_LEDGER, self.office_user, {"domain": domain})
        )
        header = rows[0]
        points = header.index("扣分")
        [(total,)] = Line._read_group(domain, [], ["points:sum"])
        self.assertEqual(len(rows) - 2, Line.search_count(domain))
        self.assertAlmostEqual(rows[-1][points], total)
        self.assertAlmostEqual(sum(row[points] for row in rows[1:-1]), total)
        self.assertEqual(sum("逾期答复" in row for row in rows), 3)
        as_manager = self._rows(
            self._render(DEDUCTION_LEDGER, self.network_manager, {"domain": domain})
        )
        [(manager_total,)] = Line.with_user(self.network_manager)._read_group(
            domain, [], ["points:sum"]
        )
        self.assertEqual(
            len(as_manager) - 2,
            Line.with_user(self.network_manager).search_count(domain),
        )
        self.assertAlmostEqual(as_manager[-1][points], manager_total)
        self.assertEqual(sum("逾期答复" in row for row in as_manager), 2)
        self.assertNotIn(self.billing.name, str(as_manager))

    def test_periodic_report_xlsx(self):
        """The weekly statistics as XLSX: its figures as on the report."""
        report = self.Report._generate(
            self.env.ref(
                "helpdesk_utility_complaint.report_schedule_weekly_statistics"
            ),
            self.company,
            date(2025, 10, 31),
            date(2025, 11, 6),
        )
        workbook = self._render(PERIODIC_REPORT, self.office_user, ids=report.ids)
        cells = [
            list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        department_header = next(
            index for index, row in enumerate(cells) if row[0] == "部门"
        )
        header = cells[department_header]
        received = header.index("受理量")
        self.assertEqual(header[0], "部门")
        rows = {
            row[0]: row
            for row in cells[department_header + 1 :]
            if row[0] and row[0] != "部门"
        }
        network = report.line_ids.filtered(
            lambda line: (
                line.dimension == "department" and line.department_id == self.network
            )
        )
        self.assertEqual(rows[network.label][received], network.received_count)
        self.assertEqual(network.received_count, 2)

    def test_background_export_over_the_threshold(self):
        """Over the configured size the export runs in the background (ir.cron) and
        arrives as an attachment with a message; below it, it downloads at once."""
        self.env["ir.config_parameter"].set_param(
            "helpdesk_utility_complaint.xlsx_background_rows", 2
        )
        Wizard = self.env["helpdesk.xlsx.export.wizard"].with_user(self.office_user)
        context = {
            "active_ids": self.done.ids,
            "active_domain": [("id", "in", self.appeals.ids)],
        }
        action = Wizard.with_context(**context)._open_for(APPEAL_LEDGER)
        wizard = Wizard.browse(action["res_id"])
        self.assertEqual(wizard.scope, "selection")
        self.assertEqual((wizard.selected_count, wizard.filter_count), (1, 3))
        self.assertFalse(wizard.background)
        download = wizard.action_export()
        self.assertEqual(download["type"], "ir.actions.report")
        self.assertEqual(download["data"]["domain"], [("id", "in", self.done.ids)])
        wizard.scope = "filter"
        self.assertTrue(wizard.background)
        notification = wizard.action_export()
        self.assertEqual(notification["tag"], "display_notification")
        export = self.env["helpdesk.xlsx.export"].with_user(self.office_user).search([])
        self.assertEqual((export.state, export.row_count), ("queued", 3))
        self.assertFalse(
            self.env["helpdesk.xlsx.export"].with_user(self.network_manager).search([]),
            "an export is its requester's",
        )
        self.env["helpdesk.xlsx.export"]._cron_run()
        self.assertEqual(export.state, "done")
        self.assertEqual((export.rows_done, export.progress), (3, 100.0))
        rows = self._rows(
            load_workbook(io.BytesIO(base64.b64decode(export.attachment_id.datas)))
        )
        self.assertEqual(rows[0][0], "诉求编号", "in the requester's language")
        self.assertEqual(len(rows) - 2, 3)
        message = export.message_ids.filtered("attachment_ids")
        self.assertEqual(message.attachment_ids, export.attachment_id)
        self.assertIn(self.office_user.partner_id, message.partner_ids)
        self.assertEqual(
            export.with_user(self.office_user).action_download()["url"],
            f"/web/content/{export.attachment_id.id}?download=true",
        )

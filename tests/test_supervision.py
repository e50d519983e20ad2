import io
import unicodedata
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools.pdf import PdfReader

from .common import ComplaintCase

REPORT = "helpdesk_utility_complaint.action_report_supervision_order"

# Naive UTC datetimes, as Odoo stores them; the complaint desk works in Beijing time
# (UTC+8) on the shipped calendar: 08:00-12:00 and 13:00-17:00, Chinese holidays.


def utc(text):
    return datetime.fromisoformat(text)


class SupervisionCase(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Order = cls.env["helpdesk.supervision.order"]
        cls.Warning = cls.env["helpdesk.early.warning"]
        cls.hotline = cls.env.ref("helpdesk_utility_complaint.preset_water_hotline")
        cls.water_company = cls.env.ref(
            "helpdesk_utility_complaint.preset_water_company"
        )
        cls.company.complaint_preset_id = cls.water_company

    def _received(self, when, **values):
        with freeze_time(when):
            return self._appeal(received_at=utc(when), **values)

    def _orders(self, appeals, trigger=None):
        domain = [("ticket_id", "in", appeals.ids)]
        if trigger:
            domain.append(("trigger", "=", trigger))
        return self.Order.search(domain)


@tagged("post_install", "-at_install")
class TestSupervision(SupervisionCase):
    # ------------------------------------------------------------------
    # R000-76 early warnings
    # ------------------------------------------------------------------

    def test_r000_76_warning_at_the_third_appeal_and_the_fourth_joins(self):
        """R000-76: the 3rd appeal of one complainant and category within the window
        warns the department once; the 4th joins that warning instead of raising
        another."""
        self.assertEqual(self.water_company.repeat_warning_count, 3)
        self.assertEqual(self.water_company.warning_response_days, 7)
        phone = "13905335678"
        appeals = self.env["helpdesk.ticket"]
        for when in ("2026-11-02 02:00:00", "2026-11-09 02:00:00"):
            appeals |= self._received(
                when, complainant_phone=phone, department_id=self.network.id
            )
        self.assertFalse(
            self.Warning.search([("ticket_ids", "in", appeals.ids)]),
            "2 appeals: no warning",
        )

        appeals |= self._received(
            "2026-11-16 02:00:00",
            complainant_phone=phone,
            department_id=self.network.id,
        )
        warning = self.Warning.search([("ticket_ids", "in", appeals.ids)])
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.ticket_ids, appeals)
        self.assertEqual(warning.appeal_count, 3)
        self.assertEqual(warning.state, "open")
        self.assertEqual(warning.department_id, self.network)
        self.assertEqual(warning.category_id, self.low_pressure)
        self.assertRegex(warning.name, r"^YJ2026-\d{4}$")
        self.assertEqual(
            warning.response_due_date, date(2026, 11, 23), "7 calendar days"
        )
        self.assertEqual(warning.complainant_label, "张** / 139****5678")
        self.assertNotIn(phone, warning.complainant_label, "no personal data in clear")
        self.assertEqual(warning.activity_ids.user_id, self.network_manager)
        self.assertEqual(warning.office_user_id, self.office_user)

        fourth = self._received(
            "2026-11-20 02:00:00",
            complainant_phone=phone,
            department_id=self.network.id,
        )
        self.assertEqual(
            self.Warning.search([("ticket_ids", "in", (appeals | fourth).ids)]), warning
        )
        self.assertEqual(warning.appeal_count, 4)
        self.assertIn(fourth, warning.ticket_ids)

    def test_r000_76_department_answers_office_closes(self):
        """R000-76: the department answers with measures; only the office closes; a
        chain that recurs after the warning was closed raises a new one."""
        phone = "13905335679"
        appeals = self.env["helpdesk.ticket"]
        for day in (2, 5, 9):
            appeals |= self._received(
                f"2026-11-{day:02d} 02:00:00",
                complainant_phone=phone,
                department_id=self.network.id,
            )
        warning = self.Warning.search([("ticket_ids", "in", appeals.ids)])
        self.assertEqual(len(warning), 1)

        self.assertFalse(
            warning.with_user(self.billing_handler).search([("id", "=", warning.id)])
        )
        as_handler = warning.with_user(self.network_handler)
        self.assertEqual(
            as_handler.search([("id", "=", warning.id)]),
            warning,
            "sections see their department's",
        )
        with self.assertRefused(AccessError, "Only the response office"):
            as_handler.write({"department_id": self.billing.id})
        as_manager = warning.with_user(self.network_manager)
        with self.assertRefused(UserError, "rectification measures"):
            as_manager.action_answer()
        as_manager.measures = (
            "Pressure pump at the estate replaced; weekly pressure checks."
        )
        as_manager.action_answer()
        self.assertEqual(warning.state, "answered")
        self.assertEqual(warning.answered_by_id, self.network_manager)
        self.assertEqual(
            warning.activity_ids.user_id, self.office_user, "the office reviews"
        )
        with self.assertRefused(UserError, "final"):
            as_manager.measures = "Changed afterwards"
        with self.assertRefused(AccessError, "Only the response office closes"):
            as_manager.action_close()
        with self.assertRefused(AccessError, "unlink|delete"):
            as_manager.unlink()
        with self.assertRefused(AccessError, "Only the response office raises"):
            self.Warning.with_user(self.network_manager).create(
                {"category_id": self.low_pressure.id}
            )

        warning.with_user(self.office_user).action_close()
        self.assertEqual(warning.state, "closed")
        self.assertFalse(warning.activity_ids)
        with self.assertRefused(AccessError, "unlink|delete"):
            warning.with_user(self.office_user).unlink()

        again = self._received(
            "2026-11-13 02:00:00",
            complainant_phone=phone,
            department_id=self.network.id,
        )
        new_warning = self.Warning.search([("ticket_ids", "in", again.ids)])
        self.assertEqual(len(new_warning), 1)
        self.assertNotEqual(new_warning, warning)
        self.assertEqual(new_warning.appeal_count, 4)

    # ------------------------------------------------------------------
    # R002-43 triggers
    # ------------------------------------------------------------------

    @freeze_time("2026-09-30 02:00:00")
    def test_r002_43_third_redo_triggers_an_order(self):
        """R002-43, R002-22, C-05: "more than 2 redos": 2 do not trigger, the 3rd does;
        the proposed deadline is 2 working days from the next day (National Day
        skipped)."""
        self.assertEqual(self.water_company.supervision_redo_limit, 2)
        appeal = self._appeal(
            received_at=utc("2026-09-30 01:00:00"),
            complainant_phone="13905330101",
            department_id=self.network.id,
        )
        appeal.redo_count = 2
        self.assertFalse(appeal._check_supervision_triggers())
        self.assertFalse(self._orders(appeal))

        appeal.redo_count = 3
        order = appeal._check_supervision_triggers()
        self.assertEqual(len(order), 1)
        self.assertEqual(order.trigger, "redo_limit")
        self.assertEqual(order.trigger_value, 3)
        self.assertEqual(order.state, "open")
        self.assertEqual(order.department_id, self.network)
        self.assertIn("3 times", order.reason)
        self.assertRegex(order.name, r"^DB2026-\d{4}$")
        # Wednesday 2026-09-30 10:00 Beijing; 10-01..10-07 are off: 10-08 and 10-09.
        self.assertEqual(order.deadline, utc("2026-10-09 09:00:00"))
        self.assertTrue(appeal.has_open_supervision)
        self.assertEqual(appeal.supervision_order_count, 1)
        self.assertEqual(
            order.activity_ids.user_id, self.network_manager | self.office_user
        )

        self.assertFalse(appeal._check_supervision_triggers(), "never two open orders")
        self.assertEqual(len(self._orders(appeal)), 1)
        order.with_user(self.office_user).action_done()
        self.assertFalse(
            appeal._check_supervision_triggers(), "same count, already supervised"
        )
        appeal.redo_count = 4
        fourth = appeal._check_supervision_triggers()
        self.assertEqual((fourth.trigger, fourth.trigger_value), ("redo_limit", 4))

    def test_r002_43_third_complaint_on_the_same_issue_triggers_an_order(self):
        """R002-43, R003-32, C-05: "more than 2 complaints on the same issue": the 2nd
        appeal of the chain gets no order, the 3rd does, at registration."""
        self.assertEqual(self.water_company.supervision_repeat_limit, 2)
        first = self._received("2026-11-02 02:00:00", complainant_phone="13905330102")
        second = self._received("2026-11-03 02:00:00", complainant_phone="13905330102")
        self.assertFalse(self._orders(first | second))
        third = self._received("2026-11-04 02:00:00", complainant_phone="13905330102")
        order = self._orders(third)
        self.assertEqual(order.trigger, "repeat_limit")
        self.assertEqual(order.trigger_value, 3)
        self.assertFalse(self._orders(first | second))
        # Thursday 2026-11-04 10:00 Beijing + 2 working days: Friday and Monday 17:00.
        self.assertEqual(order.deadline, utc("2026-11-06 09:00:00"))
        self.assertFalse(order.issued_by_id, "proposed by the trigger")
        third._check_supervision_triggers()
        self.assertEqual(len(self._orders(third)), 1)

    def test_r002_43_overdue_appeal_gets_one_order(self):
        """R002-43: handled slowly = past a deadline without an approved extension; the
        daily cron proposes one order, not one a day."""
        self.company.complaint_preset_id = self.hotline
        own_hotline = self.env.ref("helpdesk_utility_complaint.channel_own_hotline")
        bill = self.env.ref("helpdesk_utility_complaint.cat_water_bill")
        values = {
            "channel_id": own_hotline.id,
            "category_id": bill.id,
            "department_id": self.network.id,
            "section_id": self.repair_section.id,
        }
        late = self._received(
            "2026-11-02 01:00:00", complainant_phone="13905330103", **values
        )
        extended = self._received(
            "2026-11-02 01:00:00", complainant_phone="13905330104", **values
        )
        with freeze_time("2026-11-02 02:00:00"):
            (late | extended)._record_event("dispatch")
            (late | extended)._record_event("acceptance")
        line = extended.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "complete"
        )
        with freeze_time("2026-11-02 10:00:00"):
            request = (
                self.env["helpdesk.sla.extension"]
                .with_user(self.network_handler)
                .create(
                    {
                        "line_id": line.id,
                        "reason": "Road closed",
                        "new_deadline": utc("2026-11-04 02:00:00"),
                    }
                )
            )
            request.with_user(self.office_user).action_approve()
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time("2026-11-03 03:00:00"):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
            self.assertEqual(late.deadline_state, "breached")
            Ticket._cron_check_supervision()
        order = self._orders(late)
        self.assertEqual(len(order), 1)
        self.assertEqual(order.trigger, "overdue")
        self.assertIn("no extension", order.reason)
        self.assertFalse(self._orders(extended))
        with freeze_time("2026-11-04 03:00:00"):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
            self.assertEqual(
                extended.deadline_state,
                "breached",
                "late even on the extended deadline",
            )
            Ticket._cron_check_supervision()
            order.with_user(self.office_user).action_done()
        with freeze_time("2026-11-05 03:00:00"):
            Ticket._cron_check_supervision()
        self.assertEqual(len(self._orders(late)), 1, "once, not every day")
        self.assertFalse(
            self._orders(extended), "an approved extension is no slow handling"
        )

    def test_r002_43_stalled_commitment_triggers_an_order(self):
        """R002-43: a commitment with no progress entry for 7 days (the preset's number)
        puts the appeal under supervision; a progress entry restarts the count; the
        daily cron proposes it once, and again only when one more commitment stalls."""
        self.assertEqual(self.water_company.commitment_stall_days, 7)
        appeal = self._received("2026-11-02 02:00:00", department_id=self.network.id)
        Commitment = self.env["helpdesk.ticket.commitment"].with_user(self.office_user)
        values = {
            "ticket_id": appeal.id,
            "owner_id": self.network_handler.id,
            "due_date": date(2026, 11, 30),
        }
        with freeze_time("2026-11-02 03:00:00"):
            valve = Commitment.create(dict(values, description="更换小区入户阀门"))
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time("2026-11-08 03:00:00"):
            Ticket._cron_check_supervision()
            self.assertFalse(self._orders(appeal, "commitment_stalled"), "6 days")
            valve.with_user(self.network_handler).progress_note = "阀门已订货"
        with freeze_time("2026-11-15 02:59:00"):
            Ticket._cron_check_supervision()
            self.assertFalse(
                self._orders(appeal, "commitment_stalled"),
                "just under 7 days since the progress",
            )
        with freeze_time("2026-11-15 03:00:00"):
            Ticket._cron_check_supervision()
            Ticket._cron_check_supervision()
        order = self._orders(appeal, "commitment_stalled")
        self.assertEqual((len(order), order.trigger_value), (1, 1))
        self.assertIn("更换小区入户阀门", order.reason)
        order.with_user(self.office_user).action_done()
        with freeze_time("2026-11-16 03:00:00"):
            Ticket._cron_check_supervision()
            self.assertEqual(
                len(self._orders(appeal, "commitment_stalled")),
                1,
                "the same stalled commitment",
            )
            Commitment.create(dict(values, description="清洗二次供水水箱"))
        with freeze_time("2026-11-23 03:00:00"):
            Ticket._cron_check_supervision()
        self.assertEqual(
            self._orders(appeal, "commitment_stalled").mapped("trigger_value"), [2, 1]
        )

    # ------------------------------------------------------------------
    # Who issues, responds, closes
    # ------------------------------------------------------------------

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_43_only_the_office_issues_and_closes(self):
        """R002-43: the CSC issues the notice and sets its deadline; the department
        responds; only the CSC closes or cancels."""
        appeal = self._appeal(
            complainant_phone="13905330105", department_id=self.network.id
        )
        values = {
            "ticket_id": appeal.id,
            "reason": "Pipe still leaking after two visits",
            "deadline": utc("2026-11-20 09:00:00"),
        }
        with self.assertRefused(AccessError, "Only the response office issues"):
            self.Order.with_user(self.network_manager).create(values)
        with self.assertRefused(ValidationError, "after it is issued"):
            self.Order.with_user(self.office_user).create(
                dict(values, deadline=utc("2026-11-17 09:00:00"))
            )
        order = self.Order.with_user(self.office_user).create(values)
        self.assertEqual(order.trigger, "manual")
        self.assertEqual(order.issued_by_id, self.office_user)
        self.assertEqual(order.department_id, self.network)
        second = self.Order.with_user(self.office_user).create(
            dict(values, reason="Another matter")
        )
        self.assertEqual(
            len(self._orders(appeal)), 2, "the office may issue several by hand"
        )

        as_handler = order.with_user(self.network_handler)
        with self.assertRefused(AccessError, "Only the response office changes"):
            as_handler.deadline = utc("2026-12-31 09:00:00")
        with self.assertRefused(AccessError, "Only the response office closes"):
            as_handler.action_done()
        with self.assertRefused(AccessError, "Only the response office cancels"):
            as_handler.action_cancel()
        with self.assertRefused(AccessError, "unlink|delete"):
            order.with_user(self.office_user).unlink()
        self.assertFalse(
            order.with_user(self.billing_handler).search([("id", "=", order.id)])
        )

        with self.assertRefused(UserError, "Describe what the department did"):
            as_handler.action_respond()
        as_handler.response_note = "Section replaced 3 m of pipe on 11-19."
        as_handler.action_respond()
        self.assertEqual(order.responded_by_id, self.network_handler)
        self.assertEqual(order.state, "open")
        order.with_user(self.office_user).action_done()
        self.assertEqual(order.state, "done")
        self.assertEqual(order.done_by_id, self.office_user)
        with self.assertRefused(UserError, "final"):
            as_handler.response_note = "Changed afterwards"

        with self.assertRefused(UserError, "reason for cancelling"):
            second.with_user(self.office_user).action_cancel()
        second.with_user(self.office_user).done_note = "Duplicate of the first notice"
        second.with_user(self.office_user).action_cancel()
        self.assertEqual(second.state, "cancelled")
        self.assertFalse(appeal.has_open_supervision)

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_43_office_issues_a_notice_from_the_appeal(self):
        """R002-43: from the appeal, the office opens a notice with the proposed
        deadline (2 working days) and sets its own before issuing it."""
        appeal = self._appeal(
            complainant_phone="13905330109", department_id=self.network.id
        )
        action = appeal.with_user(self.office_user).action_issue_supervision_order()
        Order = self.Order.with_user(self.office_user).with_context(**action["context"])
        with Form(Order) as form:
            self.assertEqual(form.ticket_id, appeal)
            self.assertEqual(form.department_id, self.network)
            # Wednesday 10:00 Beijing: Thursday and Friday, 17:00.
            self.assertEqual(form.deadline, utc("2026-11-20 09:00:00"))
            form.deadline = utc("2026-11-19 09:00:00")
            form.reason = "The customer called the mayor's hotline"
        order = form.record
        self.assertEqual(order.deadline, utc("2026-11-19 09:00:00"))
        self.assertEqual(appeal.with_user(self.office_user).action_open_supervision_orders()["domain"],
                         [("ticket_id", "=", appeal.id)])  # fmt: skip
        self.assertTrue(appeal.with_user(self.network_handler).has_open_supervision)
        self.assertEqual(
            self.env["helpdesk.ticket"].search(
                [("has_open_supervision", "=", True), ("id", "=", appeal.id)]
            ),
            appeal,
        )
        self.assertIn(order.name, appeal.message_ids[0].body)

    def test_overdue_orders_filter(self):
        """The "Deadline Passed" filter: open orders whose deadline is behind us."""
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._appeal(
                complainant_phone="13905330106", department_id=self.network.id
            )
            order = self.Order.with_user(self.office_user).create(
                {
                    "ticket_id": appeal.id,
                    "reason": "Slow",
                    "deadline": utc("2026-11-20 09:00:00"),
                }
            )
        with freeze_time("2026-11-20 08:00:00"):
            self.assertFalse(
                self.Order.search([("id", "=", order.id), ("is_overdue", "=", True)])
            )
        with freeze_time("2026-11-20 10:00:00"):
            self.assertEqual(
                self.Order.search([("id", "=", order.id), ("is_overdue", "=", True)]),
                order,
            )
            self.assertTrue(order.is_overdue)
            order.with_user(self.office_user).action_done()
            self.assertFalse(
                self.Order.search([("id", "=", order.id), ("is_overdue", "=", True)])
            )

    # ------------------------------------------------------------------
    # Written notice
    # ------------------------------------------------------------------

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_43_written_notice_html(self):
        """R002-43, R000-11, R002-37: the written notice names the order, the appeal,
        the department, the reason and the deadline; the complainant is masked even for
        the office that prints it."""
        appeal = self._appeal(
            name="六楼水压低",
            complainant_phone="13905330107",
            department_id=self.network.id,
        )
        order = self.Order.with_user(self.office_user).create(
            {
                "ticket_id": appeal.id,
                "reason": "用户三次投诉同一问题",
                "notice": "请于期限内处理完毕并书面回复",
                "deadline": utc("2026-11-20 09:00:00"),
            }
        )
        html, kind = (
            self.env["ir.actions.report"]
            .with_user(self.office_user)
            ._render_qweb_html(REPORT, order.ids)
        )
        self.assertEqual(kind, "html")
        html = html.decode()
        for text in (
            order.name, appeal.number, "六楼水压低", "Network Department",
            "用户三次投诉同一问题", "请于期限内处理完毕并书面回复", "2026", "张**",
            "139****0107", self.company.name,
        ):  # fmt: skip
            self.assertIn(text, html)
        self.assertNotIn("13905330107", html)
        self.assertNotIn("张先生", html)


@tagged("post_install", "-at_install")
class TestSupervisionPdf(SupervisionCase, HttpCase):
    """wkhtmltopdf fetches the report's styles from the test server, so an HttpCase."""

    def test_r002_43_written_notice_pdf_in_chinese(self):
        appeal = self._appeal(
            name="六楼水压低",
            complainant_phone="13905330108",
            department_id=self.network.id,
        )
        order = self.Order.with_user(self.office_user).create(
            {
                "ticket_id": appeal.id,
                "reason": "用户三次投诉同一问题",
                "deadline": fields.Datetime.now() + timedelta(days=3),
            }
        )
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, order.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(
            b"NotoSansCJK", pdf, "Chinese text is set in an embedded CJK font"
        )
        # NFKC: the extractor maps some glyphs to CJK radicals (⾠ for 辰, ⽔ for 水).
        text = unicodedata.normalize(
            "NFKC",
            " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()),
        )
        for expected in (
            order.name,
            appeal.number,
            "六楼",
            "三次投诉",
            "139****0108",
            self.company.name,
        ):
            self.assertIn(expected, text)
        self.assertNotIn("13905330108", text)

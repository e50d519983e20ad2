import re
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ComplaintCase

MODULE = "helpdesk_utility_complaint"
REPORT = f"{MODULE}.action_report_supervision_order"
# What fields.Datetime.to_string prints: a UTC time with seconds.
STORED_FORMAT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def utc(text):
    return datetime.fromisoformat(text)


class LocalTimeCase(ComplaintCase):
    """Beijing is UTC+8; datetimes below are naive UTC, as stored. Users read Beijing
    time in every text, formatted ``2026-11-07 10:00``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotline = cls.ref("preset_water_hotline")
        cls.water_company = cls.ref("preset_water_company")
        cls.own_hotline = cls.ref("channel_own_hotline")
        cls.network.supervising_leader_id = cls.complaint_manager
        cls.company.complaint_office_department_id = cls.office_department

    @classmethod
    def ref(cls, xmlid):
        return cls.env.ref(f"{MODULE}.{xmlid}")

    def assertLocalTime(self, text, local):
        """``text`` shows ``local`` (Beijing) and no stored UTC time."""
        text = str(text)
        self.assertIn(local, text)
        self.assertNotRegex(text, STORED_FORMAT)
        utc_reading = datetime.fromisoformat(local) - timedelta(hours=8)
        self.assertNotIn(
            utc_reading.strftime("%Y-%m-%d %H:%M"), text, "the same instant in UTC"
        )

    def _dispatched_hotline_appeal(self):
        """The hotline's 'complete' milestone: 24 clock hours from dispatch, extension
        capped at 5 calendar days (R002-18)."""
        self.company.complaint_preset_id = self.hotline
        with freeze_time("2026-11-02 01:00:00"):
            appeal = self._appeal(
                received_at=utc("2026-11-02 01:00:00"),
                channel_id=self.own_hotline.id,
                category_id=self.ref("cat_water_bill").id,
                department_id=self.network.id,
                section_id=self.repair_section.id,
                handler_employee_id=self.network_handler.employee_id.id,
            )
        with freeze_time("2026-11-02 02:00:00"):
            appeal._record_event("dispatch")
            appeal._record_event("acceptance")
        line = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "complete"
        )
        return appeal, line

    def _note(self, record, words):
        """The latest message on ``record`` that contains ``words``."""
        return record.message_ids.filtered(lambda message: words in message.body)[
            :1
        ].body


@tagged("post_install", "-at_install")
class TestLocalTime(LocalTimeCase):
    def test_helper_formats_in_the_company_time_zone(self):
        company = self.company
        self.assertEqual(company._complaint_tz().zone, "Asia/Shanghai")
        self.assertEqual(
            company._complaint_format_datetime(utc("2026-11-06 18:30:59")),
            "2026-11-07 02:30",
        )
        self.assertEqual(
            company._complaint_local_date(utc("2026-11-30 16:00:00")),
            date(2026, 12, 1),
        )
        self.assertEqual(company._complaint_format_datetime(False), "")

    def test_r002_18_extension_texts_in_beijing_time(self):
        appeal, line = self._dispatched_hotline_appeal()
        Extension = self.env["helpdesk.sla.extension"].with_user(self.network_handler)
        values = {"line_id": line.id, "reason": "Road closed"}
        with freeze_time("2026-11-02 10:00:00"):
            with self.assertRaises(ValidationError) as refused:
                Extension.create(dict(values, new_deadline=utc("2026-11-08 02:00:00")))
            self.assertLocalTime(refused.exception, "2026-11-07 10:00")
            request = Extension.create(
                dict(values, new_deadline=utc("2026-11-05 02:00:00"))
            )
            self.assertLocalTime(self._note(appeal, "requested"), "2026-11-05 10:00")
            request.with_user(self.office_user).action_approve()
            self.assertLocalTime(self._note(appeal, "Approved"), "2026-11-05 10:00")
        with (
            freeze_time("2026-11-05 03:00:00"),
            self.assertRaises(UserError) as refused,
        ):
            Extension.create(dict(values, new_deadline=utc("2026-11-06 02:00:00")))
        self.assertLocalTime(refused.exception, "2026-11-05 10:00")

    def test_event_correction_note_in_beijing_time(self):
        appeal, _line = self._dispatched_hotline_appeal()
        dispatch = appeal.event_ids.filtered(
            lambda event: event.event_code == "dispatch"
        )
        dispatch.with_user(self.complaint_manager)._correct(
            utc("2026-11-02 03:30:00"), "Typed an hour and a half early."
        )
        note = self._note(appeal, "corrected")
        self.assertLocalTime(note, "2026-11-02 11:30")
        self.assertIn("2026-11-02 10:00", note)

    def test_deadline_notices_in_beijing_time(self):
        appeal, line = self._dispatched_hotline_appeal()
        self.assertEqual(line.deadline, utc("2026-11-03 02:00:00"))
        with freeze_time("2026-11-03 03:00:00"):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
        note = appeal.message_ids.filtered(
            lambda message: self.complaint_manager.partner_id in message.partner_ids
        )[:1]
        self.assertLocalTime(note.body, "2026-11-03 10:00")
        activity = appeal.activity_ids.filtered(lambda a: "missed" in a.summary)
        self.assertEqual(activity.date_deadline, date(2026, 11, 3))

    def test_r001_29_finding_notice_in_beijing_time(self):
        self.company.complaint_preset_id = self.water_company
        with freeze_time("2026-11-20 02:00:00"):  # Friday
            appeal = self._appeal(department_id=self.network.id)
            form = Form(
                self.env["helpdesk.liability.finding"]
                .with_user(self.hr_officer)
                .with_context(default_ticket_id=appeal.id)
            )
            form.rule_id = self.env["helpdesk.deduction.rule"].search(
                [("preset_id", "=", self.water_company.id), ("code", "=", "R000-59")]
            )
            finding = form.save()
            finding.action_confirm()
        activity = finding.activity_ids
        self.assertLocalTime(activity.summary, "2026-11-24 17:00")
        self.assertEqual(activity.date_deadline, date(2026, 11, 24))

    def test_r002_43_supervision_texts_and_notice_in_beijing_time(self):
        appeal, _line = self._dispatched_hotline_appeal()
        with freeze_time("2026-11-03 03:00:00"):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
            self.env["helpdesk.ticket"]._cron_check_supervision()
        order = self.env["helpdesk.supervision.order"].search(
            [("ticket_id", "=", appeal.id)]
        )
        late = appeal.deadline_ids.filtered(
            lambda line: line.status == "breached" and not line.reached_at
        ).sorted("deadline")[:1]
        self.assertLocalTime(
            order.reason, self.company._complaint_format_datetime(late.deadline)
        )
        local_deadline = self.company._complaint_format_datetime(order.deadline)
        self.assertLocalTime(self._note(appeal, order.name), local_deadline)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.office_user)
            ._render_qweb_html(REPORT, order.ids)[0]
            .decode()
        )
        for local in ("2026-11-02 09:00", "2026-11-03 11:00", local_deadline):
            self.assertLocalTime(html, local)

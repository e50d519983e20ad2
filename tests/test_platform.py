from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ComplaintCase

# Naive UTC, as Odoo stores datetimes; Beijing is UTC+8.
NOW = "2026-11-18 02:00:00"


def utc(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestPlatform(ComplaintCase):
    """Replies to platforms and verdicts from them, recorded as facts on the appeal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.banyang = cls.env.ref("helpdesk_utility_complaint.channel_banyang")
        cls.city_management = cls.env.ref(
            "helpdesk_utility_complaint.channel_city_management"
        )
        cls.column_other = cls.env.ref("helpdesk_utility_complaint.media_column_other")
        cls.company.complaint_office_department_id = cls.office_department
        with freeze_time("2026-11-17 02:00:00"):
            cls.appeal = cls._platform_appeal(cls.hotline_12345, "12345-20261117-001")
            cls.own_appeal = cls._appeal(department_id=cls.network.id)
        cls.Reply = cls.env["helpdesk.platform.reply"].with_user(cls.office_user)
        cls.Verdict = cls.env["helpdesk.platform.verdict"].with_user(cls.office_user)

    @classmethod
    def _platform_appeal(cls, channel, reference, **values):
        return cls._appeal(
            channel_id=channel.id,
            platform_reference=reference,
            platform_deadline=utc("2026-11-27 09:00:00"),
            department_id=cls.network.id,
            section_id=cls.repair_section.id,
            **values,
        )

    def _reply(self, kind="final", appeal=None, **values):
        return self.Reply.create(
            dict(
                {
                    "ticket_id": (appeal or self.appeal).id,
                    "kind": kind,
                    "body": "<p>经核实，该区域管网压力已恢复正常。</p>",
                },
                **values,
            )
        )

    def _verdict(
        self, kind, verdict_date="2026-11-18", appeal=None, user=None, **values
    ):
        Verdict = self.Verdict.with_user(user) if user else self.Verdict
        return Verdict.create(
            dict(
                {
                    "ticket_id": (appeal or self.appeal).id,
                    "kind": kind,
                    "verdict_date": verdict_date,
                },
                **values,
            )
        )

    def _events(self, appeal, code):
        return appeal.event_ids.filtered(lambda event: event.event_code == code)

    def _notes(self, appeal):
        return "\n".join(appeal.message_ids.mapped("body"))

    # ------------------------------------------------------------------
    # Replies to the platform (R000-27, R002-02)
    # ------------------------------------------------------------------

    @freeze_time(NOW)
    def test_r000_27_reply_only_on_platform_appeals(self):
        with self.assertRefused(ValidationError, "not through a platform"):
            self._reply(appeal=self.own_appeal)
        with self.assertRefused(ValidationError, "not through a platform"):
            self.env["helpdesk.platform.verdict"].create(
                {"ticket_id": self.own_appeal.id, "kind": "redo_return"}
            )

    @freeze_time(NOW)
    def test_r002_02_only_the_office_replies_to_platforms(self):
        for user in (self.network_handler, self.network_manager, self.hr_officer):
            with self.assertRefused(AccessError, "Platform Reply"):
                self.Reply.with_user(user).create(
                    {"ticket_id": self.appeal.id, "kind": "final", "body": "<p>x</p>"}
                )
        reply = self._reply()
        with self.assertRefused(AccessError, "Platform Reply"):
            reply.with_user(self.network_handler).action_submit()
        # The handling department reads the replies of its appeals; others do not.
        reply.action_submit()
        self.assertEqual(reply.with_user(self.network_handler).kind, "final")
        self.assertFalse(
            self.Reply.with_user(self.billing_handler).search([("id", "=", reply.id)])
        )

    @freeze_time(NOW)
    def test_r000_27_submitted_reply_is_a_record(self):
        """R000-27: text, submission time and user, acknowledgement, archive reference;
        a final reply records its event, which stops the platform-deadline milestone."""
        with self.assertRefused(UserError, "reply text"):
            self._reply(body="<p><br></p>").action_submit()
        reply = self._reply()
        self.assertEqual(reply.state, "draft")
        with self.assertRefused(ValidationError, "Only a submitted reply"):
            reply.ack_text = "Received"
        reply.action_submit()
        self.assertEqual(reply.state, "submitted")
        self.assertEqual(reply.submitted_at, utc(NOW))
        self.assertEqual(reply.submitted_by_id, self.office_user)
        event = self._events(self.appeal, "final_reply")
        self.assertEqual(event.occurred_at, utc(NOW))
        resolve = self.appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "resolve"
        )
        self.assertTrue(resolve.platform_overridden)
        self.assertEqual(resolve.reached_at, utc(NOW))
        self.assertEqual(resolve.status, "met")
        self.assertIn(
            "Final Reply submitted to 12345 Government Hotline",
            self._notes(self.appeal),
        )

        # What was sent stays as it was sent; the acknowledgement and filing are added.
        with self.assertRefused(UserError, "submitted to the platform"):
            reply.body = "<p>Another text</p>"
        with self.assertRefused(UserError, "submitted to the platform"):
            reply.unlink()
        with self.assertRefused(UserError, "submitted to the platform"):
            reply.action_submit()
        with freeze_time("2026-11-18 03:00:00"):
            with self.assertRefused(ValidationError, "after the reply was submitted"):
                reply.ack_received_at = utc("2026-11-18 01:00:00")
            reply.write(
                {
                    "ack_received_at": utc("2026-11-18 02:30:00"),
                    "ack_text": "已签收",
                    "archive_reference": "2026-诉求-0457",
                }
            )
        self.assertEqual(reply.archive_reference, "2026-诉求-0457")

        # An interim reply records its own event; an extension request has none.
        self._reply("interim").action_submit()
        self.assertEqual(len(self._events(self.appeal, "interim_reply")), 1)
        events = len(self.appeal.event_ids)
        self._reply("extension_request").action_submit()
        self.assertEqual(len(self.appeal.event_ids), events)
        # A draft may still be deleted.
        draft = self._reply()
        draft.unlink()
        self.assertFalse(draft.exists())

    @freeze_time(NOW)
    def test_r000_27_files_follow_the_reply(self):
        """Files uploaded with a reply are filed with it: its readers read them."""
        upload = (
            self.env["ir.attachment"]
            .with_user(self.office_user)
            .create({"name": "答复函.pdf", "raw": b"%PDF-1.4 reply"})
        )
        with self.assertRaises(AccessError):
            upload.with_user(self.network_handler).read(["name"])
        reply = self._reply(attachment_ids=[(6, 0, upload.ids)])
        self.assertEqual((upload.res_model, upload.res_id), (reply._name, reply.id))
        self.assertEqual(upload.with_user(self.network_handler).name, "答复函.pdf")
        with self.assertRaises(AccessError):
            upload.with_user(self.billing_handler).read(["name"])
        reply.action_submit()
        with self.assertRefused(UserError, "submitted to the platform"):
            reply.attachment_ids = [(5, 0, 0)]

    # ------------------------------------------------------------------
    # Hand-back to the platform (R000-29, R000-39)
    # ------------------------------------------------------------------

    @freeze_time(NOW)
    def test_r000_29_r000_39_hand_back_mandatory_fields(self):
        self.assertEqual(
            self.hotline_12345.handback_field_ids.mapped("key"),
            [
                "reason",
                "suggested_unit",
                "legal_basis",
                "contact_person",
                "contact_phone",
            ],
        )
        self.assertEqual(len(self.banyang.handback_field_ids), 5)
        events = len(self.appeal.event_ids)
        hand_back = self._reply("hand_back")
        self.assertEqual(
            hand_back.value_ids.field_id, self.hotline_12345.handback_field_ids
        )
        values = {
            "reason": "小区内部管网，产权属物业",
            "suggested_unit": "物业公司",
            "legal_basis": "《城市供水条例》第二十八条",
        }
        for line in hand_back.value_ids:
            line.value = values.get(line.field_id.key, "  ")
        with self.assertRefused(
            UserError, r"lacks mandatory fields: Contact Person, Contact Phone"
        ):
            hand_back.action_submit()
        self.assertEqual(hand_back.state, "draft")

        # Under the deadline the office submits anyway; each missing field is recorded.
        hand_back.submit_incomplete = True
        hand_back.action_submit()
        self.assertEqual(hand_back.state, "submitted")
        self.assertEqual(hand_back.missing_field_count, 2)
        self.assertEqual(
            hand_back.missing_field_ids.mapped("key"),
            ["contact_person", "contact_phone"],
        )
        self.assertIn("2 mandatory field(s) missing", self._notes(self.appeal))
        # The department's hand-back event (R002-13) is not the office's to record.
        self.assertEqual(len(self.appeal.event_ids), events)
        with self.assertRefused(UserError, "submitted to the platform"):
            hand_back.value_ids[-1].value = "0533-1234567"

        complete = self._reply("hand_back")
        for line in complete.value_ids:
            line.value = "x"
        complete.action_submit()
        self.assertEqual(complete.missing_field_count, 0)

        # The list is configuration: a field added to a platform applies to the next
        # hand-back; a platform without a list needs only the reply text.
        self.hotline_12345.handback_field_ids = [
            (0, 0, {"name": "Handling Opinion", "key": "opinion", "sequence": 60})
        ]
        self.assertEqual(len(self._reply("hand_back").value_ids), 6)
        city = self._platform_appeal(self.city_management, "SZCG-2026-0001")
        city_hand_back = self._reply("hand_back", appeal=city)
        self.assertFalse(city_hand_back.value_ids)
        city_hand_back.action_submit()
        self.assertEqual(city_hand_back.missing_field_count, 0)
        # Lines belong to a hand-back only.
        final = self._reply("hand_back")
        final.kind = "final"
        self.assertFalse(final.value_ids)

    @freeze_time(NOW)
    def test_r000_29_hand_back_form_lists_the_platform_fields(self):
        form = Form(self.Reply.with_context(default_ticket_id=self.banyang_appeal().id))
        self.assertEqual(len(form.value_ids), 0)
        form.kind = "hand_back"
        self.assertEqual(len(form.value_ids), 5)
        with form.value_ids.edit(0) as line:
            line.value = "非供水企业职责"
        form.body = "<p>申请回退。</p>"
        reply = form.save()
        self.assertEqual(len(reply.value_ids), 5)
        self.assertEqual(reply.value_ids.filtered("value").field_id.key, "reason")
        self.assertEqual(len(reply._missing_handback_fields()), 4)

    def banyang_appeal(self):
        return self._platform_appeal(self.banyang, "BYMS-2026-0042")

    # ------------------------------------------------------------------
    # Verdicts (C-12, R000-35, R000-36, R000-40, R000-41, R002-14)
    # ------------------------------------------------------------------

    @freeze_time(NOW)
    def test_r000_36_r000_41_verdict_ordinals(self):
        """The first, second, third verdict of a kind on an appeal, in date order;
        archived verdicts no longer count."""
        first = self._verdict("redo_return", "2026-11-10")
        second = self._verdict("redo_return", "2026-11-12")
        buck = self._verdict("buck_passing", "2026-11-13")
        third = self._verdict("redo_return", "2026-11-14")
        self.assertEqual((first.ordinal, second.ordinal, third.ordinal), (1, 2, 3))
        self.assertEqual(buck.ordinal, 1, "each kind is counted on its own (R000-41)")
        other_appeal = self.banyang_appeal()
        self.assertEqual(self._verdict("redo_return", appeal=other_appeal).ordinal, 1)
        # A verdict registered late but dated earlier takes its place in the order.
        earliest = self._verdict("redo_return", "2026-11-09")
        self.assertEqual(
            (earliest.ordinal, first.ordinal, second.ordinal, third.ordinal),
            (1, 2, 3, 4),
        )
        earliest.with_user(self.complaint_manager).action_correct(
            "Registered on the wrong appeal"
        )
        self.assertEqual(earliest.ordinal, 0)
        self.assertEqual((first.ordinal, second.ordinal, third.ordinal), (1, 2, 3))
        self.assertEqual(
            self.appeal.platform_verdict_ids, first | second | buck | third
        )

    @freeze_time(NOW)
    def test_r000_35_overdue_case_and_explained_flag(self):
        overdue = self._verdict("overdue_case", stated_overdue_days=3)
        self.assertEqual(overdue.stated_overdue_days, 3)
        self.assertFalse(overdue.explained_to_platform)
        self.assertEqual(
            overdue.responsible_department_id, self.network, "the appeal's department"
        )
        with self.assertRefused(ValidationError, "what was explained"):
            self._verdict("overdue_case", explained_to_platform=True)
        explained = self._verdict(
            "overdue_case",
            explained_to_platform=True,
            explanation="2026-11-16 电话告知平台：需停水施工，预计延期两天",
            responsible_department_id=self.office_department.id,
        )
        self.assertTrue(explained.explained_to_platform)
        self.assertEqual(explained.responsible_department_id, self.office_department)
        with self.assertRefused(ValidationError, "cannot be negative"):
            self._verdict("overdue_case", stated_overdue_days=-1)
        with self.assertRefused(ValidationError, "future"):
            self._verdict("overdue_case", verdict_date="2026-11-19")
        undispatched = self._appeal(
            channel_id=self.banyang.id,
            platform_reference="BYMS-2026-0043",
            platform_deadline=utc("2026-11-27 09:00:00"),
        )
        with self.assertRefused(ValidationError, "Name the party responsible"):
            self._verdict("overdue_handback", appeal=undispatched)
        accepted = self._verdict("handback_accepted", appeal=undispatched)
        self.assertFalse(accepted.responsible_department_id)
        self.assertIn(
            "Platform verdict registered: Overdue Case", self._notes(self.appeal)
        )

    @freeze_time(NOW)
    def test_r002_14_buck_passing_circulated_by_12345(self):
        employee = self.env["hr.employee.public"].browse(
            self.network_handler.employee_id.id
        )
        circular = self._verdict(
            "circulated_by_12345",
            accountable_employee_ids=[(6, 0, employee.ids)],
            user=self.hr_officer,
        )
        self.assertEqual(circular.accountable_employee_ids, employee)
        self.assertEqual(circular.registered_by_id, self.hr_officer)
        # Accountable persons are named as the investigation finds them.
        circular.with_user(self.hr_officer).accountable_employee_ids = [(5, 0, 0)]
        self.assertFalse(circular.accountable_employee_ids)

    @freeze_time(NOW)
    def test_r000_42_media_exposure_columns_and_verification(self):
        points = {
            "media_column_state_council_inspection": 7,
            "media_column_wenzheng_shandong": 5,
            "media_column_wenzheng_zibo": 3,
        }
        for xmlid, expected in points.items():
            column = self.env.ref(f"helpdesk_utility_complaint.{xmlid}")
            exposure = self._verdict(
                "media_exposure", media_column_id=column.id, raised_on_banyang=True
            )
            self.assertEqual(exposure.exposure_points, expected)
            self.assertFalse(
                exposure.verified_true, "an exposure counts only once verified"
            )
        # Points are a snapshot: changing the column later leaves past exposures alone.
        column.with_user(self.complaint_manager).points = 4
        self.assertEqual(exposure.exposure_points, 3)
        with self.assertRefused(ValidationError, "no fixed points"):
            self._verdict("media_exposure", media_column_id=self.column_other.id)
        other = self._verdict(
            "media_exposure", media_column_id=self.column_other.id, exposure_points=4
        )
        self.assertEqual(other.exposure_points, 4)
        self.assertEqual(
            self._verdict("media_exposure", media_column_id=column.id).exposure_points,
            4,
        )
        with self.assertRefused(ValidationError, "costs the column's 4.0 points"):
            self._verdict(
                "media_exposure", media_column_id=column.id, exposure_points=1
            )
        with self.assertRefused(ValidationError, "names the column"):
            self._verdict("media_exposure")
        with self.assertRefused(ValidationError, "Only a media exposure"):
            self._verdict("redo_return", media_column_id=column.id)
        other.verified_true = True
        self.assertTrue(other.verified_true)
        self.assertIn("verified as true", self._notes(self.appeal))
        with self.assertRefused(AccessError, "Media Exposure Column"):
            column.with_user(self.office_user).points = 9
        with self.assertRefused(ValidationError, "positive number of points"):
            column.with_user(self.complaint_manager).points = 0

    @freeze_time(NOW)
    def test_c12_verdicts_are_archived_not_deleted(self):
        with self.assertRefused(AccessError, "Platform Verdict"):
            self._verdict("redo_return", user=self.network_handler)
        verdict = self._verdict(
            "redo_return", user=self.hr_officer, note="回复内容未答复诉求人问题"
        )
        # The department charged sees the verdict; another department does not.
        self.assertEqual(verdict.with_user(self.network_manager).kind, "redo_return")
        self.assertFalse(
            self.Verdict.with_user(self.billing_handler).search(
                [("id", "=", verdict.id)]
            )
        )
        for user in (self.network_handler, self.office_user, self.hr_officer):
            with self.assertRefused(AccessError, "Platform Verdict"):
                verdict.with_user(user).unlink()
        with self.assertRefused(UserError, "not edited"):
            verdict.with_user(self.office_user).kind = "overdue_case"
        verdict.note = "平台意见：答复未附整改照片"
        with self.assertRefused(UserError, "reason"):
            verdict.action_archive()
        self.assertTrue(verdict.active)
        verdict.with_user(self.complaint_manager).action_correct("平台已撤销该退回")
        self.assertFalse(verdict.active)
        self.assertEqual(verdict.corrected_by_id, self.complaint_manager)
        self.assertEqual(verdict.corrected_at, utc(NOW))
        self.assertIn("archived as wrong", self._notes(self.appeal))
        self.assertIn("平台已撤销该退回", self._notes(self.appeal))
        self.assertFalse(self.appeal.platform_verdict_ids)
        # Only a complaint manager deletes one (a record entered in the wrong database).
        verdict.with_user(self.complaint_manager).unlink()
        self.assertFalse(verdict.exists())

    # ------------------------------------------------------------------
    # Extension of a platform deadline (R002-20)
    # ------------------------------------------------------------------

    def test_r002_20_platform_extension_needs_the_platform_grant(self):
        self.company.complaint_preset_id = self.env.ref(
            "helpdesk_utility_complaint.preset_water_hotline"
        )
        with freeze_time("2026-11-18 01:00:00"):
            appeal = self._platform_appeal(self.hotline_12345, "12345-20261118-007")
        with freeze_time("2026-11-18 02:00:00"):
            appeal._record_event("dispatch")
        line = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "complete"
        )
        self.assertTrue(line.platform_overridden)
        self.assertEqual(line.deadline, utc("2026-11-27 09:00:00"))
        with freeze_time("2026-11-20 02:00:00"):
            request = (
                self.env["helpdesk.sla.extension"]
                .with_user(self.network_handler)
                .create(
                    {
                        "line_id": line.id,
                        "reason": "需更换主管道，工程量大",
                        "new_deadline": utc("2026-12-04 09:00:00"),
                    }
                )
            )
            self.assertEqual(request.platform_answer, "pending")
            with self.assertRefused(UserError, "platform granted"):
                request.with_user(self.office_user).action_approve()
            office_request = request.with_user(self.office_user)
            office_request.platform_answer = "refused"
            with self.assertRefused(UserError, "platform granted"):
                office_request.action_approve()
            with self.assertRefused(UserError, "Approve or Reject"):
                office_request.state = "approved"
            with self.assertRefused(AccessError, "Deadline Extension Request"):
                request.with_user(self.network_handler).platform_answer = "granted"
            office_request.platform_answer = "granted"
            self.assertEqual(request.platform_answer_at, utc("2026-11-20 02:00:00"))
            office_request.action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(line.deadline, utc("2026-12-04 09:00:00"))
        self.assertIn("Granted", self._notes(appeal))
        # An own-channel deadline is not the platform's: the office decides (R002-18).
        with freeze_time("2026-11-18 01:00:00"):
            own = self._appeal(
                channel_id=self.env.ref(
                    "helpdesk_utility_complaint.channel_own_hotline"
                ).id,
                department_id=self.network.id,
                section_id=self.repair_section.id,
            )
            own._record_event("dispatch")
            own_line = own.deadline_ids.filtered(
                lambda line: line.milestone_id.code == "complete"
            )
            self.assertFalse(own_line.platform_overridden)
            own_request = (
                self.env["helpdesk.sla.extension"]
                .with_user(self.network_handler)
                .create(
                    {
                        "line_id": own_line.id,
                        "reason": "道路封闭",
                        "new_deadline": utc("2026-11-20 01:00:00"),
                    }
                )
            )
            self.assertFalse(own_request.platform_answer)
            own_request.with_user(self.office_user).action_approve()
        self.assertEqual(own_line.deadline, utc("2026-11-20 01:00:00"))

    # ------------------------------------------------------------------
    # Multi-company
    # ------------------------------------------------------------------

    @freeze_time(NOW)
    def test_multi_company_platform_records(self):
        other_company = self.env["res.company"].create({"name": "Drainage Company"})
        foreign = self.env["helpdesk.ticket"].create(
            {
                "name": "Blocked drain",
                "description": "<p>.</p>",
                "channel_id": self.hotline_12345.id,
                "nature_id": self.complaint.id,
                "company_id": other_company.id,
                "platform_reference": "12345-DRAIN-1",
                "platform_deadline": utc("2026-11-27 09:00:00"),
            }
        )
        reply = self.env["helpdesk.platform.reply"].create(
            {"ticket_id": foreign.id, "kind": "final", "body": "<p>.</p>"}
        )
        verdict = self.env["helpdesk.platform.verdict"].create(
            {
                "ticket_id": foreign.id,
                "kind": "handback_accepted",
                "verdict_date": date(2026, 11, 18),
            }
        )
        self.assertEqual(
            (reply.company_id, verdict.company_id), (other_company, other_company)
        )
        for user in (self.office_user, self.hr_officer):
            self.assertFalse(
                self.Reply.with_user(user).search([("ticket_id", "=", foreign.id)])
            )
            self.assertFalse(
                self.Verdict.with_user(user).search([("ticket_id", "=", foreign.id)])
            )
            with self.assertRaises(AccessError):
                verdict.with_user(user).read(["kind"])
        with self.assertRaises(AccessError):
            self._verdict("handback_accepted", appeal=foreign)
        # A department of another company cannot be charged with this company's verdict.
        other_department = self.env["hr.department"].create(
            {"name": "Drainage Works", "company_id": other_company.id}
        )
        with self.assertRaises(UserError):
            self.env["helpdesk.platform.verdict"].create(
                {
                    "ticket_id": self.appeal.id,
                    "kind": "redo_return",
                    "responsible_department_id": other_department.id,
                    "verdict_date": date(2026, 11, 18),
                }
            )

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP_DEPARTMENT_MANAGER, ComplaintCase

# All datetimes are naive UTC, as Odoo stores them; Beijing is UTC+8.


def utc(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestOutage(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.preset = cls.env.ref("helpdesk_utility_complaint.preset_water_hotline")
        cls.company.complaint_preset_id = cls.preset
        Department = cls.env["hr.department"]
        cls.testing_center = Department.create({"name": "Water-Quality Testing Center"})
        cls.brigade = Department.create({"name": "Inspection Brigade"})
        cls.brigade_head = cls._user(
            "brigade_head", GROUP_DEPARTMENT_MANAGER, cls.brigade
        )
        cls.brigade.manager_id = cls.brigade_head.employee_id
        cls.major = cls.env.ref("helpdesk_utility_complaint.cat_water_major_emergency")
        cls.planned_category = cls.env.ref(
            "helpdesk_utility_complaint.cat_water_outage_planned"
        )
        cls.quality_category = cls.env.ref(
            "helpdesk_utility_complaint.cat_water_quality"
        )

    def _outage(self, user=None, **values):
        vals = {
            "kind": "planned",
            "reason": "Valve replacement on the DN300 main",
            "area": "Huaguang Road 100-160",
            "department_id": self.network.id,
        }
        vals.update(values)
        return (
            self.env["helpdesk.outage"].with_user(user or self.office_user).create(vals)
        )

    def _notified_unplanned(
        self, start="2026-11-18 00:00:00", restoration="2026-11-18 04:00:00"
    ):
        with freeze_time(start):
            outage = self._outage(
                kind="unplanned",
                start_at=utc(start),
                expected_restoration_at=utc(restoration),
            )
            outage.action_notify()
        return outage

    # ------------------------------------------------------------------
    # R002-27 planned outages: 48 clock hours' notice
    # ------------------------------------------------------------------

    def test_r002_27_forty_eight_hours_is_in_time_a_minute_less_is_a_breach(self):
        """R002-27: 提前48小时 includes 48 hours; 47 h 59 min is a breach by 1 min."""
        self.assertEqual(self.preset.outage_notice_hours, 48)
        self.assertEqual(
            self.env.ref(
                "helpdesk_utility_complaint.preset_water_company"
            ).outage_notice_hours,
            48,
        )
        with freeze_time("2026-11-20 02:01:00"):
            exact = self._outage(
                start_at=utc("2026-11-22 02:00:00"),
                csc_notified_at=utc("2026-11-20 02:00:00"),
            )
            short = self._outage(
                start_at=utc("2026-11-22 02:00:00"),
                csc_notified_at=utc("2026-11-20 02:01:00"),
            )
        self.assertEqual(exact.required_notice_hours, 48)
        self.assertEqual(exact.notice_lead_hours, 48.0)
        self.assertFalse(exact.notice_breached)
        self.assertEqual(exact.notice_shortfall_hours, 0.0)
        self.assertTrue(short.notice_breached)
        self.assertAlmostEqual(short.notice_shortfall_hours, 1 / 60)
        self.assertEqual(
            self.env["helpdesk.outage"].search(
                [("notice_breached", "=", True), ("id", "in", (exact | short).ids)]
            ),
            short,
        )
        # Correcting the notice time clears the flag; an unplanned one is never "short".
        short.csc_notified_at = utc("2026-11-19 02:00:00")
        self.assertFalse(short.notice_breached)
        short.write(
            {"kind": "unplanned", "csc_notified_at": utc("2026-11-20 02:01:00")}
        )
        self.assertFalse(short.notice_breached)

    def test_r002_27_notice_hours_come_from_the_preset_in_force(self):
        """R002-27: N is the preset's editable number, kept on each outage it set."""
        with freeze_time("2026-11-20 02:00:00"):
            before = self._outage(
                start_at=utc("2026-11-23 01:00:00"),
                csc_notified_at=utc("2026-11-20 02:00:00"),
            )
            self.preset.outage_notice_hours = 72
            after = self._outage(
                start_at=utc("2026-11-23 01:00:00"),
                csc_notified_at=utc("2026-11-20 02:00:00"),
            )
        self.assertEqual(before.required_notice_hours, 48)
        self.assertFalse(before.notice_breached)
        self.assertEqual(after.required_notice_hours, 72)
        self.assertTrue(after.notice_breached)
        self.assertEqual(after.notice_shortfall_hours, 1.0)

    def test_r002_27_notice_needs_reason_time_and_area(self):
        """R002-27: the CSC hears reason, time and area; customers by SMS or notice."""
        with freeze_time("2026-11-20 02:00:00"):
            outage = self._outage(area=False, start_at=utc("2026-11-21 02:00:00"))
            with self.assertRefused(
                UserError, "enter Area, Expected Restoration before"
            ):
                outage.action_notify()
            outage.write(
                {
                    "area": "Huaguang Road",
                    "expected_restoration_at": utc("2026-11-21 10:00:00"),
                }
            )
            outage.action_notify()
        self.assertEqual(outage.state, "notified")
        self.assertEqual(outage.csc_notified_at, utc("2026-11-20 02:00:00"))
        self.assertTrue(outage.notice_breached)
        self.assertEqual(outage.notice_shortfall_hours, 24.0)
        self.assertIn(
            "24.0 hours short of the 48 hours required", outage.message_ids[0].body
        )
        outage.write(
            {
                "customers_notified_at": utc("2026-11-20 02:00:00"),
                "customer_notice_sms": True,
            }
        )
        self.assertTrue(outage.customer_notice_breached)
        with self.assertRefused(ValidationError, "cannot be in the future"):
            outage.customers_notified_at = utc("2030-01-01 00:00:00")

    # ------------------------------------------------------------------
    # R002-28 to R002-30 unplanned outages, updates, restoration
    # ------------------------------------------------------------------

    def test_r002_28_unplanned_notice_warning_after_the_threshold(self):
        """R002-28: 第一时间 has no number; the preset's 30 min are in time, 31 not."""
        self.assertEqual(self.preset.unplanned_notice_warning_minutes, 30)
        with freeze_time("2026-11-18 00:31:00"):
            on_time = self._outage(
                kind="unplanned",
                start_at=utc("2026-11-18 00:00:00"),
                csc_notified_at=utc("2026-11-18 00:30:00"),
            )
            late = self._outage(kind="unplanned", start_at=utc("2026-11-18 00:00:00"))
            late.action_notify()
        self.assertEqual(on_time.notice_delay_minutes, 30)
        self.assertFalse(on_time.notice_late)
        self.assertEqual(late.csc_notified_at, utc("2026-11-18 00:31:00"))
        self.assertEqual(late.notice_delay_minutes, 31)
        self.assertTrue(late.notice_late)
        self.assertIn("31 minutes after it started", late.message_ids[0].body)
        self.assertFalse(late.notice_breached)

    def test_r002_29_update_after_the_announced_time_is_late(self):
        """R002-29: an extension is notified before the last announced restoration."""
        outage = self._notified_unplanned()
        Update = self.env["helpdesk.outage.update"].with_user(self.network_manager)
        with freeze_time("2026-11-18 03:59:00"):
            in_time = Update.create(
                {
                    "outage_id": outage.id,
                    "site_situation": "Burst under the road, excavation needed",
                    "new_expected_restoration_at": utc("2026-11-18 08:00:00"),
                }
            )
        self.assertFalse(in_time.is_late)
        self.assertEqual(
            in_time.previous_expected_restoration_at, utc("2026-11-18 04:00:00")
        )
        self.assertEqual(outage.expected_restoration_at, utc("2026-11-18 08:00:00"))
        self.assertFalse(outage.has_late_update)
        with freeze_time("2026-11-18 08:00:00"):
            late = Update.create(
                {
                    "outage_id": outage.id,
                    "site_situation": "Second valve also defective",
                    "restoration_unknown": True,
                }
            )
        self.assertTrue(late.is_late)
        self.assertEqual(
            late.previous_expected_restoration_at, utc("2026-11-18 08:00:00")
        )
        self.assertEqual(outage.expected_restoration_at, utc("2026-11-18 08:00:00"))
        self.assertTrue(outage.has_late_update)
        self.assertIn("Late", outage.message_ids[0].body)
        with self.assertRefused(ValidationError, "or mark it unknown"):
            Update.create({"outage_id": outage.id, "site_situation": "No news"})
        # Updates are evidence: the unit that gave one cannot rewrite it afterwards.
        with self.assertRaises(AccessError):
            late.with_user(self.office_user).write(
                {"notified_at": utc("2026-11-18 07:00:00")}
            )
        with freeze_time("2026-11-18 07:59:00"):
            self.assertFalse(
                self.env["helpdesk.outage"].search(
                    [("restoration_overdue", "=", True), ("id", "=", outage.id)]
                )
            )
        with freeze_time("2026-11-18 08:01:00"):
            self.assertEqual(
                self.env["helpdesk.outage"].search(
                    [("restoration_overdue", "=", True), ("id", "=", outage.id)]
                ),
                outage,
            )

    def test_r002_29_no_update_on_a_draft_or_restored_outage(self):
        with freeze_time("2026-11-18 00:00:00"):
            draft = self._outage(kind="unplanned", start_at=utc("2026-11-18 00:00:00"))
            with self.assertRefused(
                UserError, "notified outage that is not yet restored"
            ):
                self.env["helpdesk.outage.update"].with_user(self.office_user).create(
                    {
                        "outage_id": draft.id,
                        "site_situation": "x",
                        "restoration_unknown": True,
                    }
                )

    def test_r002_30_restoration_reported_at_once(self):
        """R002-30: the restoration is reported; past the threshold is flagged."""
        outage = self._notified_unplanned()
        with freeze_time("2026-11-18 03:00:00"):
            outage.action_start()
            outage.action_restore()
        self.assertEqual(outage.state, "restored")
        self.assertEqual(outage.actual_restoration_at, utc("2026-11-18 03:00:00"))
        self.assertEqual(outage.restoration_reported_at, utc("2026-11-18 03:00:00"))
        self.assertFalse(outage.restoration_report_late)
        other = self._notified_unplanned()
        with freeze_time("2026-11-18 03:31:00"):
            other.actual_restoration_at = utc("2026-11-18 03:00:00")
            other.action_restore()
        self.assertEqual(other.restoration_report_delay_minutes, 31)
        self.assertTrue(other.restoration_report_late)
        with self.assertRefused(ValidationError, "cannot be earlier than the start"):
            other.actual_restoration_at = utc("2026-11-17 23:00:00")
        with self.assertRefused(UserError, "cannot be closed"):
            other.action_restore()

    # ------------------------------------------------------------------
    # R002-31 publication, R002-32 emergency supply
    # ------------------------------------------------------------------

    def test_r002_31_each_notice_and_update_on_every_channel(self):
        """R002-31: website, Weibo and WeChat, timed, for the notice and each update."""
        outage = self._notified_unplanned()
        self.assertTrue(outage.publication_pending)
        with freeze_time("2026-11-18 00:10:00"):
            outage.action_publish()
        first = outage.publication_ids
        self.assertEqual(
            sorted(first.mapped("channel")), ["website", "wechat", "weibo"]
        )
        self.assertFalse(first.update_id)
        self.assertEqual(set(first.mapped("delay_minutes")), {10})
        self.assertFalse(outage.publication_pending)
        with self.assertRefused(UserError, "nothing to publish"):
            outage.action_publish()
        with freeze_time("2026-11-18 01:00:00"):
            update = (
                self.env["helpdesk.outage.update"]
                .with_user(self.office_user)
                .create(
                    {
                        "outage_id": outage.id,
                        "site_situation": "Repair takes longer",
                        "new_expected_restoration_at": utc("2026-11-18 06:00:00"),
                    }
                )
            )
        self.assertTrue(outage.publication_pending)
        Publication = self.env["helpdesk.outage.publication"].with_user(
            self.office_user
        )
        with freeze_time("2026-11-18 01:05:00"):
            Publication.create(
                {"outage_id": outage.id, "update_id": update.id, "channel": "weibo"}
            )
            self.assertTrue(outage.publication_pending)
            with self.assertRefused(ValidationError, "already published on Weibo"):
                Publication.create(
                    {"outage_id": outage.id, "update_id": update.id, "channel": "weibo"}
                )
            outage.action_publish()
        self.assertEqual(
            len(outage.publication_ids.filtered(lambda p: p.update_id == update)), 3
        )
        self.assertFalse(outage.publication_pending)
        # Other platforms are welcome on top of the three required ones.
        with freeze_time("2026-11-18 01:06:00"):
            Publication.create(
                {"outage_id": outage.id, "channel": "other", "url": "Douyin"}
            )

    def test_r002_32_emergency_supply_lines(self):
        """R002-32: emergency supply is logged on the outage: measure, point, time."""
        outage = self._notified_unplanned()
        Supply = self.env["helpdesk.outage.supply"].with_user(self.network_manager)
        supply = Supply.create(
            {
                "outage_id": outage.id,
                "measure": "water_delivery",
                "delivery_point": "North gate of the compound",
                "supplied_at": utc("2026-11-18 01:00:00"),
                "supplied_until": utc("2026-11-18 03:00:00"),
            }
        )
        self.assertEqual(outage.supply_ids, supply)
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            supply.supplied_until = utc("2026-11-18 00:30:00")
        with self.assertRaises(AccessError):
            supply.with_user(self.network_handler).write(
                {"delivery_point": "South gate"}
            )

    # ------------------------------------------------------------------
    # R002-33 to R002-36 water quality
    # ------------------------------------------------------------------

    def _water_quality(self, **values):
        vals = {"kind": "water_quality", "reason": False, "area": False}
        vals.update(values)
        return self._outage(**vals)

    def test_r002_33_water_company_and_testing_center_together(self):
        """R002-33: both units on the incident, and on site together."""
        incident = self._water_quality()
        with self.assertRefused(UserError, "Water-Quality Testing Center before"):
            incident.action_notify()
        with self.assertRefused(ValidationError, "two different units"):
            incident.write(
                {"testing_department_id": self.network.id, "state": "notified"}
            )
        incident.testing_department_id = self.testing_center
        with freeze_time("2026-11-18 02:00:00"):
            incident.action_notify()
            incident.action_start()
        self.assertEqual(incident.state, "in_progress")
        self.assertEqual(incident.site_visit_at, utc("2026-11-18 02:00:00"))
        with self.assertRefused(ValidationError, "handled jointly"):
            incident.testing_department_id = False

    def test_r002_34_test_records(self):
        """R002-34: sampling point and time, result, within the standard or not."""
        incident = self._water_quality(testing_department_id=self.testing_center.id)
        Test = self.env["helpdesk.outage.quality.test"].with_user(self.office_user)
        Test.create(
            {
                "outage_id": incident.id,
                "sampling_point": "Inlet valve",
                "sampled_at": utc("2026-11-18 02:00:00"),
                "result": "Turbidity 0.3 NTU",
                "within_standard": "yes",
            }
        )
        self.assertFalse(incident.quality_exceeded)
        Test.create(
            {
                "outage_id": incident.id,
                "sampling_point": "Building 5 tap",
                "sampled_at": utc("2026-11-18 02:10:00"),
                "tested_at": utc("2026-11-18 06:00:00"),
                "result": "Turbidity 2.4 NTU, iron 0.52 mg/L",
                "within_standard": "no",
            }
        )
        self.assertTrue(incident.quality_exceeded)
        self.assertEqual(len(incident.quality_test_ids), 2)
        with self.assertRefused(ValidationError, "tested before it is taken"):
            Test.create(
                {
                    "outage_id": incident.id,
                    "sampling_point": "x",
                    "sampled_at": utc("2026-11-18 02:00:00"),
                    "tested_at": utc("2026-11-18 01:00:00"),
                    "result": "x",
                    "within_standard": "yes",
                }
            )
        planned = self._outage()
        with self.assertRefused(ValidationError, "belong to a water-quality incident"):
            Test.create(
                {
                    "outage_id": planned.id,
                    "sampling_point": "x",
                    "sampled_at": utc("2026-11-18 02:00:00"),
                    "result": "x",
                    "within_standard": "yes",
                }
            )

    def test_r002_35_shutting_off_the_area_creates_an_unplanned_outage(self):
        """R002-35: valves closed: a linked unplanned outage, notified at once."""
        incident = self._water_quality(testing_department_id=self.testing_center.id)
        with self.assertRefused(UserError, "cannot be shut off"):
            incident.action_shut_off_area()
        with freeze_time("2026-11-18 02:00:00"):
            incident.action_notify()
            with self.assertRefused(UserError, "record the affected area"):
                incident.action_shut_off_area()
            incident.area = "Xincun compound, buildings 3 to 8"
            action = incident.action_shut_off_area()
        outage = self.env["helpdesk.outage"].browse(action["res_id"])
        self.assertEqual(outage.kind, "unplanned")
        self.assertEqual(outage.source_incident_id, incident)
        self.assertEqual(outage.area, incident.area)
        self.assertEqual(outage.department_id, self.network)
        self.assertEqual(outage.state, "in_progress")
        self.assertEqual(outage.start_at, utc("2026-11-18 02:00:00"))
        self.assertEqual(outage.csc_notified_at, utc("2026-11-18 02:00:00"))
        self.assertFalse(outage.notice_late)
        self.assertTrue(outage.publication_pending)  # R002-31 applies to it
        self.assertEqual(incident.shutoff_count, 1)
        self.assertTrue(outage.name.startswith("TS"))
        with self.assertRefused(UserError, "already shut off by outage"):
            incident.action_shut_off_area()
        with self.assertRefused(UserError, "Only a water-quality incident"):
            outage.action_shut_off_area()

    def test_r002_36_illegal_water_use_calls_in_the_inspection_brigade(self):
        """R002-36: illegal use: the brigade is recorded and its head gets a to-do."""
        incident = self._water_quality(testing_department_id=self.testing_center.id)
        with self.assertRefused(ValidationError, "name the inspection brigade"):
            incident.cause_kind = "illegal_use"
        with freeze_time("2026-11-18 05:00:00"):
            incident.write(
                {
                    "cause_kind": "illegal_use",
                    "inspection_department_id": self.brigade.id,
                }
            )
        activity = incident.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.brigade_head)
        self.assertIn("illegal water use", activity.summary)
        self.assertEqual(incident.inspection_requested_at, utc("2026-11-18 05:00:00"))
        self.assertIn("Inspection brigade", incident.message_ids[0].body)
        # Another cause does not call anyone in.
        other = self._water_quality(
            testing_department_id=self.testing_center.id, cause_kind="network"
        )
        self.assertFalse(other.activity_ids)
        headless = self.env["hr.department"].create({"name": "Brigade without a head"})
        with self.assertRefused(UserError, "has no manager with a user account"):
            other.write(
                {"cause_kind": "illegal_use", "inspection_department_id": headless.id}
            )
        self.assertEqual(other.cause_kind, "network")

    # ------------------------------------------------------------------
    # R002-23 fire hydrants
    # ------------------------------------------------------------------

    def test_r002_23_hydrant_notice_logged_before_the_start(self):
        """R002-23: a hydrant notice logged at or after the start is refused."""
        values = {
            "kind": "hydrant_operation",
            "hydrant_operation": "discharge",
            "area": "Hydrant at Renmin West Road 136",
            "start_at": utc("2026-11-18 02:00:00"),
            "operation_end_at": utc("2026-11-18 03:00:00"),
        }
        with freeze_time("2026-11-18 01:59:00"):
            in_time = self._outage(**values)
            in_time.action_notify()
        self.assertEqual(in_time.state, "notified")
        with freeze_time("2026-11-18 02:00:00"):
            late = self._outage(**values)
            with self.assertRefused(ValidationError, "before it starts"):
                late.action_notify()
        self.assertEqual(late.state, "draft")
        with freeze_time("2026-11-18 02:30:00"):
            # A notice typed in after the start is refused, even with an earlier time.
            with self.assertRefused(ValidationError, "logged at 2026-11-18 10:30"):
                self._outage(csc_notified_at=utc("2026-11-18 01:00:00"), **values)
        self.preset.hydrant_notice_lead_minutes = 60
        with freeze_time("2026-11-18 01:01:00"):
            with self.assertRefused(ValidationError, "at least 60 minutes ahead"):
                self._outage(**values).action_notify()
        with freeze_time("2026-11-18 01:00:00"):
            self._outage(**values).action_notify()

    # ------------------------------------------------------------------
    # R002-26 major emergencies
    # ------------------------------------------------------------------

    def test_r002_26_major_emergency_linked_notifies_the_recipients(self):
        """R002-26: an appeal in a major-emergency category linked to an incident is
        reported at once to the preset's recipients and logged on both."""
        self.assertFalse(self.preset.major_emergency_recipient_ids)
        self.preset.major_emergency_recipient_ids = self.complaint_manager
        outage = self._notified_unplanned()
        ordinary = self._appeal(name="No water", category_id=self.low_pressure.id)
        ordinary.outage_id = outage
        self.assertFalse(
            outage.message_ids.filtered(lambda m: "Major" in (m.body or ""))
        )
        emergency = self._appeal(
            name="Main burst, street flooded", category_id=self.major.id
        )
        emergency.outage_id = outage
        message = outage.message_ids.filtered(lambda m: "Major" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.complaint_manager.partner_id)
        self.assertIn(emergency.number, message.body)
        self.assertIn("Major", emergency.message_ids[0].body)
        # Re-saving the same link does not report it again.
        emergency.write({"outage_id": outage.id, "priority": "2"})
        self.assertEqual(
            len(outage.message_ids.filtered(lambda m: "Major" in (m.body or ""))), 1
        )
        # Linking from the outage side, or reclassifying a linked appeal, reports too.
        second = self._appeal(name="Second burst", category_id=self.major.id)
        outage.write({"ticket_ids": [(4, second.id)]})
        ordinary.category_id = self.major
        self.assertEqual(
            len(outage.message_ids.filtered(lambda m: "Major" in (m.body or ""))), 3
        )
        # A handler links their department's appeal without write access to the outage.
        own = self._appeal(
            name="Burst at the repair yard",
            category_id=self.major.id,
            department_id=self.network.id,
            section_id=self.repair_section.id,
        )
        own.with_user(self.network_handler).outage_id = outage
        reports = outage.message_ids.filtered(lambda m: "Major" in (m.body or ""))
        self.assertEqual(len(reports), 4)
        self.assertIn(own.number, reports[0].body)
        self.assertEqual(reports[0].author_id, self.network_handler.partner_id)

    def test_r002_26_appeal_creates_the_incident(self):
        """R002-26: a major-emergency appeal that creates its incident is reported;
        without recipients the chatter says it must be reported by hand."""
        appeal = self._appeal(name="Main burst", category_id=self.major.id)
        action = appeal.with_user(self.office_user).action_create_outage()
        outage = self.env["helpdesk.outage"].browse(action["res_id"])
        self.assertEqual(appeal.outage_id, outage)
        self.assertEqual(outage.kind, "unplanned")
        self.assertEqual(outage.state, "draft")
        message = outage.message_ids.filtered(lambda m: "Major" in (m.body or ""))
        self.assertIn("No recipients are configured", message.body)
        self.assertFalse(message.partner_ids)
        with self.assertRefused(UserError, "already linked"):
            appeal.with_user(self.office_user).action_create_outage()
        quality = self._appeal(
            name="Yellow water", category_id=self.quality_category.id
        )
        action = quality.with_user(self.office_user).action_create_outage()
        self.assertEqual(
            self.env["helpdesk.outage"].browse(action["res_id"]).kind, "water_quality"
        )

    # ------------------------------------------------------------------
    # The appeal side: banner, filter
    # ------------------------------------------------------------------

    def test_r002_27_banner_on_appeals_of_a_planned_outage_notified_in_time(self):
        """R002-27: a planned outage notified 48 h ahead shows on the linked appeals."""
        with freeze_time("2026-11-20 02:00:00"):
            outage = self._outage(
                start_at=utc("2026-11-22 02:00:00"),
                expected_restoration_at=utc("2026-11-22 10:00:00"),
            )
            outage.action_notify()
            appeal = self._appeal(
                category_id=self.planned_category.id, outage_id=outage.id
            )
        as_office = appeal.with_user(self.office_user).with_context(tz="Asia/Shanghai")
        self.assertEqual(
            as_office.outage_notice_info,
            "Planned outage notified on 2026-11-20 10:00 from 2026-11-22 10:00 to "
            "2026-11-22 18:00",
        )
        self.assertEqual(appeal.with_user(self.network_handler).outage_id, outage)
        # A breach, another kind or a cancellation shows no banner.
        outage.csc_notified_at = utc("2026-11-20 02:01:00")
        self.assertTrue(outage.notice_breached)
        self.assertFalse(as_office.outage_notice_info)
        outage.csc_notified_at = utc("2026-11-20 02:00:00")
        self.assertTrue(as_office.outage_notice_info)
        outage.action_cancel()
        self.assertFalse(as_office.outage_notice_info)
        unplanned = self._notified_unplanned()
        appeal.outage_id = unplanned
        self.assertFalse(as_office.outage_notice_info)
        # The form has the banner, the list the optional column, the search the filter.
        views = (
            self.env["helpdesk.ticket"]
            .with_user(self.office_user)
            .get_views([(False, "form"), (False, "list"), (False, "search")])["views"]
        )
        self.assertIn('name="outage_notice_banner"', views["form"]["arch"])
        self.assertIn('name="outage_id"', views["list"]["arch"])
        self.assertIn('name="linked_outage"', views["search"]["arch"])
        linked = self.env["helpdesk.ticket"].search(
            [("outage_id", "!=", False), ("id", "=", appeal.id)]
        )
        self.assertEqual(linked, appeal)

    # ------------------------------------------------------------------
    # Access, numbering, companies
    # ------------------------------------------------------------------

    def test_access_handler_reads_office_and_managers_write(self):
        """A handler reads incidents but cannot create them; the office and department
        managers create and change them; only complaint managers delete."""
        with self.assertRaises(AccessError):
            self._outage(user=self.network_handler)
        outage = self._outage()
        self.assertEqual(outage.with_user(self.network_handler).name, outage.name)
        with self.assertRaises(AccessError):
            outage.with_user(self.network_handler).write({"area": "Elsewhere"})
        appeal = self._appeal(
            department_id=self.network.id, section_id=self.repair_section.id
        )
        with self.assertRaises(AccessError):
            appeal.with_user(self.network_handler).action_create_outage()
        self.assertFalse(appeal.outage_id)
        by_manager = self._outage(user=self.network_manager, kind="unplanned")
        by_manager.with_user(self.network_manager).write({"affected_customers": 300})
        with self.assertRaises(AccessError):
            outage.with_user(self.office_user).unlink()
        by_manager.with_user(self.complaint_manager).unlink()
        self.assertFalse(by_manager.exists())
        menu = self.env.ref("helpdesk_utility_complaint.menu_outages")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.office_user)._visible_menu_ids())
        self.assertIn(menu.id, Menu.with_user(self.network_manager)._visible_menu_ids())
        self.assertNotIn(
            menu.id, Menu.with_user(self.network_handler)._visible_menu_ids()
        )

    def test_reference_per_company_with_the_year(self):
        with freeze_time("2026-11-18 02:00:00"):
            outage = self._outage()
            other_company = self.env["res.company"].create({"name": "Drainage Company"})
            foreign = self.env["helpdesk.outage"].create(
                {"kind": "unplanned", "company_id": other_company.id}
            )
        self.assertRegex(outage.name, r"^TS2026-\d{4}$")
        self.assertEqual(foreign.name, "TS2026-0001")
        self.assertNotIn(
            foreign, self.env["helpdesk.outage"].with_user(self.office_user).search([])
        )
        with self.assertRaises(AccessError):
            foreign.with_user(self.office_user).read(["name"])
        with self.assertRefused(ValidationError, "belong to different companies"):
            self._appeal(outage_id=foreign.id)

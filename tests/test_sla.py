from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCase

# Beijing is UTC+8; the preset calendar works 08:00-12:00 and 13:00-17:00 local time.
# All datetimes below are naive UTC, as Odoo stores them.


def utc(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestSla(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.water_company = cls.ref("preset_water_company")
        cls.hotline = cls.ref("preset_water_hotline")
        cls.heating = cls.ref("preset_heating")
        cls.own_hotline = cls.ref("channel_own_hotline")
        cls.calendar = cls.company._get_complaint_calendar()

    @classmethod
    def ref(cls, xmlid):
        return cls.env.ref(f"helpdesk_utility_complaint.{xmlid}")

    def _use(self, preset):
        self.company.complaint_preset_id = preset

    def _line(self, appeal, code):
        lines = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == code
        )
        self.assertEqual(len(lines), 1, f"one {code} line expected on {appeal.name}")
        return lines

    def _received(self, when, **values):
        with freeze_time(when):
            return self._appeal(received_at=utc(when), **values)

    # ------------------------------------------------------------------
    # Working-day deadlines of preset A (seed 000)
    # ------------------------------------------------------------------

    @freeze_time("2026-09-30 07:30:00")
    def test_r000_07_three_working_days_over_national_day(self):
        """R000-07, C-03: received 2026-09-30 15:00 Beijing; 10-01..10-07 are holidays
        and Saturday 10-10 is a make-up working day."""
        self._use(self.water_company)
        appeal = self._appeal(received_at=utc("2026-09-30 07:00:00"))
        self.assertEqual(
            appeal.deadline_policy_id, self.ref("sla_policy_water_company")
        )
        self.assertEqual(
            self._line(appeal, "verify").deadline, utc("2026-10-08 09:00:00")
        )
        self.assertEqual(
            self._line(appeal, "reply").deadline, utc("2026-10-10 09:00:00")
        )
        self.assertEqual(
            self._line(appeal, "resolve").deadline, utc("2026-10-27 09:00:00")
        )
        # R000-12: half a working day = 2 h on 09-30 and 2 h on 10-08.
        self.assertEqual(
            self._line(appeal, "leader").deadline, utc("2026-10-08 02:00:00")
        )
        codes = appeal.deadline_ids.milestone_id.mapped("code")
        self.assertNotIn(
            "department_report", codes, "no line before the appeal is dispatched"
        )
        self.assertEqual(self._line(appeal, "reply").status, "running")
        self.assertFalse(appeal.deadline_provisional)

    @freeze_time("2026-11-20 12:30:00")
    def test_c03_received_on_a_friday_evening(self):
        """C-03, R000-07: an appeal received Friday 20:00 counts from Monday."""
        self._use(self.water_company)
        appeal = self._appeal(received_at=utc("2026-11-20 12:00:00"))
        self.assertEqual(
            self._line(appeal, "verify").deadline, utc("2026-11-23 09:00:00")
        )
        self.assertEqual(
            self._line(appeal, "reply").deadline, utc("2026-11-25 09:00:00")
        )
        # Half a working day from outside working hours starts Monday 08:00.
        self.assertEqual(
            self._line(appeal, "leader").deadline, utc("2026-11-23 04:00:00")
        )

    def test_r000_12_half_working_day_across_lunch_and_evening(self):
        """R000-12: 4 working hours, skipping lunch (12:00-13:00) and the night."""
        self._use(self.water_company)
        morning = self._received("2026-11-18 02:30:00")  # Wednesday 10:30 Beijing
        self.assertEqual(
            self._line(morning, "leader").deadline, utc("2026-11-18 07:30:00")
        )
        afternoon = self._received("2026-11-18 07:00:00")  # 15:00 Beijing
        self.assertEqual(
            self._line(afternoon, "leader").deadline, utc("2026-11-19 02:00:00")
        )

    def test_events_stamp_reached_times_and_band_edges(self):
        """R000-07, R000-25, R000-32, C-05: stops come from recorded events; lateness in
        working days rounds up, any started day counting as one."""
        self._use(self.water_company)
        stops = {
            "2026-11-04 09:01:00": 1,  # one minute late
            "2026-11-06 09:00:00": 2,  # exactly two working days late
            "2026-11-09 00:01:00": 3,  # two working days and a minute
            "2026-11-10 04:00:00": 4,  # three and a half working days
        }
        for stop, expected_days in stops.items():
            appeal = self._received(
                "2026-11-02 01:00:00", department_id=self.network.id
            )
            with freeze_time("2026-11-02 02:00:00"):  # Monday 10:00 Beijing
                appeal._record_event("dispatch")
            line = self._line(appeal, "department_report")
            self.assertEqual(
                line.deadline, utc("2026-11-04 09:00:00")
            )  # Wednesday 17:00
            with freeze_time(stop):
                appeal._record_event("department_report")
            self.assertEqual(line.reached_at, utc(stop))
            self.assertEqual(line.status, "breached")
            self.assertEqual(line.overdue_working_days, expected_days, stop)
        on_time = self._received("2026-11-02 01:00:00")
        with freeze_time("2026-11-02 02:00:00"):
            on_time._record_event("dispatch")
        with freeze_time("2026-11-04 09:00:00"):
            on_time._record_event("department_report")
        self.assertEqual(self._line(on_time, "department_report").status, "met")
        self.assertEqual(
            self._line(on_time, "department_report").overdue_working_days, 0
        )

    def test_r000_04_answered_on_the_spot(self):
        """R000-04: an appeal answered on the spot skips the leader and verification."""
        self._use(self.water_company)
        appeal = self._received("2026-11-18 02:00:00", nature_id=self.consultation.id)
        with freeze_time("2026-11-18 02:05:00"):
            appeal._record_event("answered_on_spot")
        self.assertEqual(self._line(appeal, "leader").status, "cancelled")
        self.assertEqual(self._line(appeal, "verify").status, "cancelled")
        self.assertEqual(self._line(appeal, "reply").status, "met")
        self.assertEqual(appeal.deadline_state, "met")

    def test_r000_08_platform_deadline_overrides_internal(self):
        """R000-08, R002-19: the platform deadline replaces ours, earlier or later."""
        self._use(self.water_company)
        for platform_deadline in ("2026-11-20 09:00:00", "2026-12-31 09:00:00"):
            appeal = self._received(
                "2026-11-18 02:00:00",
                channel_id=self.hotline_12345.id,
                platform_reference=f"ZB-{platform_deadline[:10]}",
                platform_deadline=utc(platform_deadline),
            )
            resolve = self._line(appeal, "resolve")
            self.assertEqual(resolve.deadline, utc(platform_deadline))
            self.assertEqual(resolve.base_deadline, utc("2026-12-09 09:00:00"))
            self.assertTrue(resolve.platform_overridden)
            codes = set(appeal.deadline_ids.milestone_id.mapped("code"))
            self.assertNotIn(
                "reply", codes, "own-channel limits do not apply (R000-08)"
            )
            self.assertNotIn("verify", codes)
        own = self._received("2026-11-18 02:00:00")
        self.assertEqual(
            self._line(own, "resolve").deadline, utc("2026-12-09 09:00:00")
        )
        # Changing the platform deadline later moves the milestone at once.
        appeal.platform_deadline = utc("2026-12-01 09:00:00")
        self.assertEqual(
            self._line(appeal, "resolve").deadline, utc("2026-12-01 09:00:00")
        )

    # ------------------------------------------------------------------
    # Clock-time deadlines of preset B (seed 002)
    # ------------------------------------------------------------------

    def test_r002_17_clock_hours_do_not_skip_holidays(self):
        """R002-06, R002-17, C-04: 3 min, 24 clock hours from dispatch, National Day."""
        self._use(self.hotline)
        appeal = self._received(
            "2026-09-30 01:30:00",
            channel_id=self.own_hotline.id,
            category_id=self.ref("cat_water_bill").id,
        )
        with freeze_time("2026-09-30 02:00:00"):
            appeal._record_event("dispatch")
        self.assertEqual(
            self._line(appeal, "accept").deadline, utc("2026-09-30 02:03:00")
        )
        self.assertEqual(
            self._line(appeal, "complete").deadline, utc("2026-10-01 02:00:00")
        )
        with freeze_time("2026-09-30 02:02:00"):
            appeal._record_event("acceptance")
        self.assertEqual(self._line(appeal, "accept").status, "met")
        self.assertNotIn(
            "on_site",
            appeal.deadline_ids.milestone_id.mapped("code"),
            "a billing question needs no visit (R002-08)",
        )

    def test_r002_08_on_site_only_for_site_visit_categories(self):
        self._use(self.hotline)
        leak = self.ref("cat_water_leak")
        appeal = self._received(
            "2026-11-18 02:00:00", category_id=leak.id, pipe_diameter=600
        )
        with freeze_time("2026-11-18 02:10:00"):
            appeal._record_event("dispatch")
            appeal._record_event("acceptance")
        self.assertEqual(
            self._line(appeal, "on_site").deadline, utc("2026-11-18 03:10:00")
        )
        # R002-25: DN 600 is in the 24-hour band, DN 700 in the 48-hour band.
        with freeze_time("2026-11-18 04:00:00"):
            appeal._record_event("repair_started")
        self.assertEqual(
            self._line(appeal, "pipe_repair").deadline, utc("2026-11-19 04:00:00")
        )
        appeal.pipe_diameter = 700
        self.assertEqual(
            self._line(appeal, "pipe_repair_large").deadline, utc("2026-11-20 04:00:00")
        )
        self.assertNotIn("pipe_repair", appeal.deadline_ids.milestone_id.mapped("code"))

    def test_r002_13_hand_back_counts_only_when_it_happens(self):
        self._use(self.hotline)
        kept = self._received("2026-11-18 02:00:00", channel_id=self.own_hotline.id)
        handed_back = self._received(
            "2026-11-18 02:00:00", channel_id=self.own_hotline.id
        )
        with freeze_time("2026-11-18 02:00:00"):
            (kept | handed_back)._record_event("dispatch")
        with freeze_time("2026-11-18 05:00:00"):
            handed_back._record_event("hand_back")
            kept._record_event("acceptance")
        self.assertEqual(self._line(kept, "hand_back").status, "pending")
        late = self._line(handed_back, "hand_back")
        self.assertEqual(
            late.status, "breached", "handed back after 3 hours: an overdue hand-back"
        )
        self.assertEqual(late.overdue_duration, 1.0)
        self.assertEqual(self._line(handed_back, "complete").status, "cancelled")

    def _lines(self, appeal, code):
        lines = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == code
        )
        return lines.sorted("occurrence")

    def test_r002_06_r002_17_a_redispatch_runs_the_clocks_again(self):
        """After a hand-back, the unit the appeal is dispatched to next has its own 3
        minutes to accept and 24 hours to complete; the first unit's lines stay as they
        ended."""
        self._use(self.hotline)
        appeal = self._received("2026-11-18 02:00:00", channel_id=self.own_hotline.id)
        with freeze_time("2026-11-18 02:00:00"):
            appeal._record_event("dispatch")
        with freeze_time("2026-11-18 03:00:00"):
            appeal._record_event("hand_back")
        with freeze_time("2026-11-18 04:00:00"):
            appeal._record_event("dispatch")
        with freeze_time("2026-11-18 04:05:00"):
            appeal._record_event("acceptance")
        accept = self._lines(appeal, "accept")
        self.assertEqual(accept.mapped("occurrence"), [1, 2])
        self.assertEqual(accept.mapped("status"), ["cancelled", "breached"])
        self.assertEqual(accept[1].deadline, utc("2026-11-18 04:03:00"))
        self.assertEqual(accept[1].overdue_duration, 2.0, "2 minutes late")
        complete = self._lines(appeal, "complete")
        self.assertEqual(complete.mapped("status"), ["cancelled", "running"])
        self.assertEqual(complete[1].deadline, utc("2026-11-19 04:00:00"))
        hand_back = self._lines(appeal, "hand_back")
        self.assertEqual(hand_back.mapped("status"), ["met", "pending"])
        # Recomputing keeps one line per run.
        self.env["helpdesk.ticket.deadline"]._sync_tickets(appeal)
        self.assertEqual(len(self._lines(appeal, "accept")), 2)

    def test_r002_22_a_redo_runs_the_department_clocks_again(self):
        """R002-22: a redo returns the appeal to the department, whose report (R000-25,
        water company) or completion (R002-17, hotline) is timed again from the redo."""
        self._use(self.water_company)
        appeal = self._received("2026-11-02 01:00:00")
        with freeze_time("2026-11-02 02:00:00"):
            appeal._record_event("dispatch")
        with freeze_time("2026-11-03 02:00:00"):
            appeal._record_event("department_report")
        with freeze_time("2026-11-10 02:00:00"):  # Tuesday 10:00 Beijing
            appeal._record_event("redo")
        report = self._lines(appeal, "department_report")
        self.assertEqual(report.mapped("status"), ["met", "running"])
        self.assertEqual(report[1].start_at, utc("2026-11-10 02:00:00"))
        self.assertEqual(
            report[1].deadline,
            utc("2026-11-12 09:00:00"),
            "2 working days from the next day",
        )
        self._use(self.hotline)
        hotline = self._received("2026-11-18 02:00:00", channel_id=self.own_hotline.id)
        with freeze_time("2026-11-18 02:01:00"):
            hotline._record_event("dispatch")
            hotline._record_event("acceptance")
        with freeze_time("2026-11-18 10:00:00"):
            hotline._record_event("completion")
        with freeze_time("2026-11-19 02:00:00"):
            hotline._record_event("redo")
        complete = self._lines(hotline, "complete")
        self.assertEqual(complete.mapped("status"), ["met", "running"])
        self.assertEqual(complete[1].deadline, utc("2026-11-20 02:00:00"))
        self.assertEqual(
            self._lines(hotline, "accept").mapped("status"), ["met", "running"]
        )

    def test_r003_40_every_unsatisfied_rating_is_reviewed_within_24_hours(self):
        self._use(self.heating)
        appeal = self._received(
            "2026-11-16 02:00:00", category_id=self.ref("cat_heating_temperature").id
        )
        for rated, reviewed in (
            ("2026-11-17 02:00:00", "2026-11-17 08:00:00"),
            ("2026-11-19 02:00:00", "2026-11-20 03:00:00"),
        ):
            with freeze_time(rated):
                appeal._record_event("unsatisfied_callback")
            with freeze_time(reviewed):
                appeal._record_event("cause_review")
        reviews = self._lines(appeal, "unsatisfied_review")
        self.assertEqual(reviews.mapped("status"), ["met", "breached"])
        self.assertEqual(
            reviews.mapped("deadline"),
            [utc("2026-11-18 02:00:00"), utc("2026-11-20 02:00:00")],
        )

    def test_a_milestone_that_is_not_recurring_runs_once(self):
        """R000-07: the reply clock runs once from receipt; a 2nd reply is ignored."""
        self._use(self.water_company)
        appeal = self._received("2026-11-16 02:00:00")
        for when in ("2026-11-17 02:00:00", "2026-11-19 02:00:00"):
            with freeze_time(when):
                appeal._record_event("final_reply")
        reply = self._lines(appeal, "reply")
        self.assertEqual(
            (len(reply), reply.reached_at), (1, utc("2026-11-17 02:00:00"))
        )

    def test_r002_24_facility_made_safe_within_4_hours(self):
        """R002-24: a public-facility problem is made safe (or repaired) within 4 clock
        hours of receipt, nights included; other categories have no such clock."""
        self._use(self.hotline)
        facility = self._received(
            "2026-11-18 14:00:00",
            channel_id=self.own_hotline.id,
            category_id=self.ref("cat_water_facility").id,
        )
        line = self._line(facility, "facility")
        self.assertEqual(
            line.deadline, utc("2026-11-18 18:00:00"), "22:00 to 02:00 Beijing"
        )
        with freeze_time("2026-11-18 17:30:00"):
            facility._record_event("safety_measures")
        self.assertEqual(line.status, "met")
        other = self._received("2026-11-18 14:00:00", channel_id=self.own_hotline.id)
        self.assertNotIn("facility", other.deadline_ids.milestone_id.mapped("code"))

    def test_paused_milestone(self):
        """A milestone paused in the on-hold stage stops its clock while the department
        holds the appeal; the deadline moves by the time spent on hold."""
        self._use(self.hotline)
        on_hold = self.ref("stage_on_hold")
        self.ref("sla_hotline_complete").pause_stage_ids = on_hold
        self.network.complaint_handler_id = self.network_handler
        appeal = self._received(
            "2026-11-02 01:00:00",
            channel_id=self.own_hotline.id,
            category_id=self.ref("cat_water_bill").id,
            department_id=self.network.id,
            section_id=self.repair_section.id,
        )
        with freeze_time("2026-11-02 02:00:00"):
            appeal.with_user(self.office_user).action_dispatch()
        with freeze_time("2026-11-02 04:00:00"):
            appeal.with_user(
                self.network_handler
            ).hold_reason = "The customer is away until 13:00."
            with self.assertRaises(AccessError):
                appeal.with_user(self.billing_handler).action_hold()
            appeal.with_user(self.network_handler).action_hold()
        line = self._line(appeal, "complete")
        self.assertEqual(appeal.stage_id, on_hold)
        self.assertEqual(line.status, "paused")
        with freeze_time("2026-11-02 07:00:00"):
            appeal.with_user(self.network_handler).action_resume()
        self.assertEqual(appeal.state, "dispatched")
        self.assertEqual(line.status, "running")
        self.assertEqual(line.base_deadline, utc("2026-11-03 02:00:00"))
        self.assertEqual(line.deadline, utc("2026-11-03 05:00:00"))

    def test_r002_18_extension_approved_rejected_capped(self):
        """R002-18: the handling department asks, the office decides; the new deadline
        is at most 5 calendar days after dispatch; only an approved request moves it."""
        self._use(self.hotline)
        appeal = self._received(
            "2026-11-02 01:00:00",
            channel_id=self.own_hotline.id,
            department_id=self.network.id,
            section_id=self.repair_section.id,
        )
        with freeze_time("2026-11-02 02:00:00"):
            appeal._record_event("dispatch")
        line = self._line(appeal, "complete")
        Extension = self.env["helpdesk.sla.extension"].with_user(self.network_handler)
        with freeze_time("2026-11-02 10:00:00"):
            too_far = {
                "line_id": line.id,
                "reason": "Road closed",
                "new_deadline": utc("2026-11-08 02:00:00"),
            }
            with self.assertRefused(ValidationError, "at the latest"):
                Extension.create(too_far)
            request = Extension.create(
                dict(too_far, new_deadline=utc("2026-11-05 02:00:00"))
            )
            self.assertEqual(
                line.deadline,
                utc("2026-11-03 02:00:00"),
                "a pending request changes nothing",
            )
            with self.assertRefused(AccessError, "decide extensions"):
                request.with_user(self.network_handler).action_approve()
            request.with_user(self.office_user).action_reject()
            self.assertEqual(request.state, "rejected")
            self.assertEqual(
                line.deadline,
                utc("2026-11-03 02:00:00"),
                "a rejected request changes nothing",
            )
            approved = Extension.create(
                dict(too_far, new_deadline=utc("2026-11-06 02:00:00"))
            )
            approved.with_user(self.office_user).action_approve()
        self.assertEqual(line.deadline, utc("2026-11-06 02:00:00"))
        self.assertEqual(line.base_deadline, utc("2026-11-03 02:00:00"))
        with (
            freeze_time("2026-11-06 03:00:00"),
            self.assertRefused(UserError, "before its deadline"),
        ):
            Extension.create(dict(too_far, new_deadline=utc("2026-11-07 01:00:00")))

    def test_r000_28_extension_needs_the_right_role(self):
        """R000-28: extending the 15-working-day limit needs the preset's approver."""
        self._use(self.water_company)
        appeal = self._received("2026-11-18 02:00:00", department_id=self.network.id)
        line = self._line(appeal, "resolve")
        with freeze_time("2026-11-19 02:00:00"):
            request = (
                self.env["helpdesk.sla.extension"]
                .with_user(self.network_manager)
                .create(
                    {
                        "line_id": line.id,
                        "reason": "Pipe renewal needs a permit",
                        "new_deadline": utc("2026-12-31 09:00:00"),
                    }
                )
            )
            with self.assertRefused(AccessError, "decide extensions"):
                request.with_user(self.office_user).action_approve()
            request.with_user(self.complaint_manager).action_approve()
        self.assertEqual(line.deadline, utc("2026-12-31 09:00:00"))
        with (
            freeze_time("2026-11-19 03:00:00"),
            self.assertRefused(UserError, "cannot be extended"),
        ):
            self.env["helpdesk.sla.extension"].with_user(self.network_manager).create(
                {
                    "line_id": self._line(appeal, "verify").id,
                    "reason": "x",
                    "new_deadline": utc("2026-12-31 09:00:00"),
                }
            )

    # ------------------------------------------------------------------
    # Preset C (seed 003): deadlines by petition type
    # ------------------------------------------------------------------

    def test_r003_18_to_24_deadlines_by_type(self):
        self._use(self.heating)
        consultation = self._received(
            "2026-11-18 02:00:00",
            category_id=self.ref("cat_heating_policy").id,
            nature_id=None,
        )
        self.assertEqual(
            self._line(consultation, "accept").deadline, utc("2026-11-18 02:30:00")
        )
        self.assertEqual(
            self._line(consultation, "consultation").deadline,
            utc("2026-11-18 06:00:00"),
        )
        complaint = self._received(
            "2026-11-18 02:00:00", category_id=self.ref("cat_heating_temperature").id
        )
        self.assertEqual(
            self._line(complaint, "solution").deadline, utc("2026-11-19 02:00:00")
        )
        self.assertNotIn(
            "complex_plan", complaint.deadline_ids.milestone_id.mapped("code")
        )
        complex_problem = self._received(
            "2026-11-18 02:00:00", category_id=self.ref("cat_heating_pipe").id
        )
        # R003-24: 3 working days counted from the next day, Wednesday -> Monday 17:00.
        self.assertEqual(
            self._line(complex_problem, "complex_plan").deadline,
            utc("2026-11-23 09:00:00"),
        )
        self.assertNotIn(
            "solution", complex_problem.deadline_ids.milestone_id.mapped("code")
        )
        with freeze_time("2026-11-20 02:00:00"):
            complex_problem._record_event("unsatisfied_callback")
        self.assertEqual(
            self._line(complex_problem, "unsatisfied_review").deadline,
            utc("2026-11-21 02:00:00"),
        )

    # ------------------------------------------------------------------
    # Years without a confirmed arrangement, recomputation, cron
    # ------------------------------------------------------------------

    def test_late_december_runs_into_a_provisional_year(self):
        """C-03: 15 working days from 2026-12-21 run into 2027, whose official
        arrangement is not loaded: the deadline skips the statutory New Year's Day, is
        marked provisional, and is recomputed when the arrangement is entered."""
        self._use(self.water_company)
        with freeze_time("2026-12-21 02:00:00"):
            appeal = self._appeal(received_at=utc("2026-12-21 01:00:00"))
            resolve = self._line(appeal, "resolve")
            self.assertEqual(resolve.deadline, utc("2027-01-12 09:00:00"))
            self.assertTrue(resolve.provisional)
            self.assertTrue(appeal.deadline_provisional)
            self.assertFalse(
                self._line(appeal, "reply").provisional, "3 WD stay in 2026"
            )
            # The company learns 2027-01-04 is a day off: the open deadline moves now.
            self.env["resource.calendar.leaves"].create(
                {
                    "name": "Local day off",
                    "calendar_id": self.calendar.id,
                    "date_from": utc("2027-01-03 16:00:00"),
                    "date_to": utc("2027-01-04 15:59:59"),
                }
            )
            self.assertEqual(resolve.deadline, utc("2027-01-13 09:00:00"))
            year = self.calendar.holiday_year_ids.filtered(lambda y: y.year == 2027)
            year.action_confirm_arrangement()
            self.assertFalse(resolve.provisional)
            self.assertFalse(appeal.deadline_provisional)

    def test_recomputing_is_idempotent(self):
        self._use(self.water_company)
        appeal = self._received("2026-11-18 02:00:00")
        with freeze_time("2026-11-18 03:00:00"):
            appeal._record_event("dispatch")
        before = appeal.deadline_ids.read(
            ["deadline", "status", "start_at", "reached_at"]
        )
        with freeze_time("2026-11-18 03:30:00"):
            self.env["helpdesk.ticket.deadline"]._sync_tickets(appeal)
            self.env["helpdesk.ticket.deadline"]._sync_tickets(appeal)
        self.assertEqual(
            appeal.deadline_ids.read(["deadline", "status", "start_at", "reached_at"]),
            before,
        )
        self.assertEqual(
            self.env["helpdesk.ticket.deadline"]
            .with_context(active_test=False)
            .search_count([("ticket_id", "=", appeal.id)]),
            len(before),
        )

    def test_deadline_lines_are_read_only(self):
        """Reached times come from the workflow: no deadline line is edited by hand."""
        self._use(self.water_company)
        appeal = self._received("2026-11-18 02:00:00")
        with self.assertRaises(AccessError):
            self._line(appeal, "reply").with_user(self.complaint_manager).write(
                {"reached_at": utc("2026-11-18 03:00:00")}
            )

    def test_changing_the_preset_rematches(self):
        self._use(self.water_company)
        appeal = self._received("2026-11-18 02:00:00")
        self._use(self.heating)
        appeal._sla_recompute()
        self.assertEqual(appeal.deadline_policy_id, self.ref("sla_policy_heating"))
        self.assertEqual(appeal.deadline_ids.policy_id, self.ref("sla_policy_heating"))
        archived = (
            self.env["helpdesk.ticket.deadline"]
            .with_context(active_test=False)
            .search([("ticket_id", "=", appeal.id), ("active", "=", False)])
        )
        self.assertEqual(archived.policy_id, self.ref("sla_policy_water_company"))

    def test_cron_flags_due_soon_then_breached(self):
        """The cron warns the owner before the deadline, the leader once it passed."""
        self._use(self.hotline)
        self.network.supervising_leader_id = self.complaint_manager
        appeal = self._received(
            "2026-11-02 01:00:00",
            channel_id=self.own_hotline.id,
            category_id=self.ref("cat_water_bill").id,
            department_id=self.network.id,
            section_id=self.repair_section.id,
            handler_employee_id=self.network_handler.employee_id.id,
        )
        with freeze_time("2026-11-02 02:00:00"):
            appeal._record_event("dispatch")
            appeal._record_event("acceptance")
        line = self._line(appeal, "complete")
        self.assertEqual(line.warning_at, utc("2026-11-02 22:00:00"))
        Line = self.env["helpdesk.ticket.deadline"]
        with freeze_time("2026-11-02 23:00:00"):
            Line._cron_flag_deadlines()
        self.assertTrue(line.is_due_soon)
        self.assertEqual(appeal.deadline_state, "due_soon")
        activity = appeal.activity_ids.filtered(lambda a: "approaching" in a.summary)
        self.assertEqual(activity.user_id, self.network_handler)
        with freeze_time("2026-11-03 03:00:00"):
            Line._cron_flag_deadlines()
        self.assertEqual(line.status, "breached")
        self.assertEqual(line.overdue_duration, 1.0)
        self.assertEqual(appeal.deadline_state, "breached")
        self.assertTrue(appeal.activity_ids.filtered(lambda a: "missed" in a.summary))
        note = appeal.message_ids.filtered(
            lambda m: self.complaint_manager.partner_id in m.partner_ids
        )
        self.assertTrue(note, "the supervising leader is told (R000-24)")
        with freeze_time("2026-11-03 04:00:00"):
            Line._cron_flag_deadlines()
        self.assertEqual(
            len(appeal.activity_ids.filtered(lambda a: "missed" in a.summary)),
            1,
            "told once",
        )

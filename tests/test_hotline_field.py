from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .appeal_walk import AppealWalkCase, utc
from .common import GROUP_HANDLER, GROUP_OFFICE

STEP = "helpdesk_utility_complaint.mail_activity_appeal_step"


@tagged("post_install", "-at_install")
class TestHotlineField(AppealWalkCase):
    """Seed 002's field handling inside a unit: duty roster, re-assignment, a new
    arrival time, site records, first-contact responsibility, completion feedback and
    problems a unit finds itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.valve_team = cls.env["hr.department"].create(
            {"name": "Valve Team", "parent_id": cls.network.id}
        )
        cls.valve_fitter = cls._user("valve_fitter", GROUP_HANDLER, cls.valve_team)
        cls.night_duty = cls._user("night_duty", GROUP_HANDLER, cls.network)
        cls.leak = cls.env.ref("helpdesk_utility_complaint.cat_water_leak")

    def setUp(self):
        super().setUp()
        self._use("water_hotline")

    def _step_users(self, appeal):
        return appeal.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(STEP)
        ).user_id

    def _shift(self, user, start, end, department=None, as_user=None):
        return (
            self.env["helpdesk.duty.shift"]
            .with_user(as_user or self.network_manager)
            .create(
                {
                    "department_id": (department or self.network).id,
                    "employee_id": user.employee_id.id,
                    "start_at": start,
                    "end_at": end,
                }
            )
        )

    # ------------------------------------------------------------------
    # R002-05 duty roster
    # ------------------------------------------------------------------

    @freeze_time("2026-11-18 14:00:00")
    def test_r002_05_dispatch_goes_to_the_person_on_duty(self):
        """R002-05: the unit's person on duty at the dispatch time gets the appeal; a
        shift that ended at that very moment does not count."""
        self._shift(self.night_duty, "2026-11-18 10:00:00", "2026-11-18 22:00:00")
        self._shift(self.valve_fitter, "2026-11-18 02:00:00", "2026-11-18 14:00:00")
        appeal = self._register()
        self._dispatch(appeal)
        self.assertEqual(self._step_users(appeal), self.night_duty)
        # Whoever accepts becomes the handler; later steps go to that person.
        self._click(self.night_duty, appeal, "action_accept")
        self.assertEqual(appeal.handler_employee_id, self.night_duty.employee_id)

    @freeze_time("2026-11-18 23:00:00")
    def test_r002_05_nobody_on_duty_alerts_the_office(self):
        """R002-05: with nobody on duty the appeal goes to the unit's dedicated handler
        and the customer service center is alerted; the toggle off, nothing is said."""
        self._shift(self.night_duty, "2026-11-18 10:00:00", "2026-11-18 22:00:00")
        appeal = self._register()
        self._dispatch(appeal)
        users = self._step_users(appeal)
        self.assertIn(self.network_handler, users)
        self.assertTrue(users.filtered(lambda user: user.has_group(GROUP_OFFICE)))
        self.assertTrue(
            any(
                "Nobody is on duty" in body
                for body in appeal.message_ids.mapped("body")
            )
        )

        self.presets["water_hotline"].duty_roster_dispatch = False
        quiet = self._register()
        self._dispatch(quiet)
        self.assertEqual(self._step_users(quiet), self.network_handler)

    def test_r002_05_each_unit_keeps_its_own_roster(self):
        """R002-05: a department manager keeps the own unit's roster, not another's;
        the person on duty works in the unit and a shift ends after it starts."""
        with self.assertRaises(AccessError):
            self._shift(
                self.billing_handler,
                "2026-11-18 10:00:00",
                "2026-11-18 22:00:00",
                department=self.billing,
            )
        with self.assertRefused(ValidationError, "does not work in"):
            self._shift(self.billing_handler, "2026-11-18 10:00", "2026-11-18 22:00")
        with self.assertRefused(ValidationError, "end after it starts"):
            self._shift(self.night_duty, "2026-11-18 22:00", "2026-11-18 22:00")
        shift = self._shift(self.night_duty, "2026-11-18 10:00", "2026-11-18 22:00")
        # Every handler reads the rosters; the unit's manager or the office changes.
        self.assertTrue(shift.with_user(self.billing_handler).read(["employee_id"]))
        with self.assertRaises(AccessError):
            shift.with_user(self.network_handler).write({"phone": "110"})
        shift.with_user(self.office_user).write({"phone": "0533-1234567"})

    # ------------------------------------------------------------------
    # R002-07 re-assignment inside the unit
    # ------------------------------------------------------------------

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_07_reassignment_stays_inside_the_unit(self):
        """R002-07: the unit passes the appeal to another section and person: no state,
        event, clock or office step changes; a person of another unit is refused."""
        appeal = self._register(category_id=self.leak.id)
        self._bring_to(appeal, "accepted")
        events = appeal.event_ids
        deadlines = {line.id: line.deadline for line in appeal.deadline_ids}
        with freeze_time("2026-11-18 02:20:00"):
            self._click(
                self.network_manager,
                appeal,
                "action_open_reassign",
                employee_id=self.valve_fitter.employee_id.id,
                note="A valve job.",
            )
        self.assertEqual(appeal.state, "accepted")
        self.assertEqual(appeal.section_id, self.valve_team)
        self.assertEqual(appeal.handler_employee_id, self.valve_fitter.employee_id)
        self.assertEqual(appeal.event_ids, events)
        self.assertEqual(
            {line.id: line.deadline for line in appeal.deadline_ids}, deadlines
        )
        self.assertEqual(self._step_users(appeal), self.valve_fitter)
        with self.assertRaises(ValidationError):
            appeal.with_user(self.network_manager)._reassign_within_unit(
                self.env["hr.department"], self.billing_handler.employee_id, "No."
            )
        with self.assertRaises(AccessError):  # another unit's handler
            appeal.with_user(self.billing_handler).action_open_reassign()
        with self.assertRefused(UserError, "section or the person"):
            appeal.with_user(self.network_manager)._reassign_within_unit(
                self.env["hr.department"], self.env["hr.employee"], ""
            )

    # ------------------------------------------------------------------
    # R002-09 can't get there in time
    # ------------------------------------------------------------------

    def _accepted_leak(self):
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._register(category_id=self.leak.id)
            self._dispatch(appeal)
        with freeze_time("2026-11-18 02:10:00"):
            self._click(self.network_handler, appeal, "action_accept")
        self.assertEqual(
            self._line(appeal, "on_site").deadline, utc("2026-11-18 03:10:00")
        )
        return appeal

    def test_r002_09_phone_within_the_hour_and_book_a_new_time(self):
        """R002-09: phoned within the on-site hour, the agreed time becomes the on-site
        deadline; the call, the reason and the time are on record."""
        appeal = self._accepted_leak()
        with freeze_time("2026-11-18 03:10:00"):  # the last moment of the hour
            self._click(
                self.network_handler,
                appeal,
                "action_open_arrival_reschedule",
                called_at=utc("2026-11-18 03:10:00"),
                reason="The road is closed by snow.",
                new_arrival_at=utc("2026-11-18 05:00:00"),
            )
        line = self._line(appeal, "on_site")
        self.assertEqual(line.deadline, utc("2026-11-18 05:00:00"))
        self.assertEqual(line.extension_ids.state, "approved")
        event = appeal.event_ids.filtered(
            lambda e: e.event_code == "arrival_rescheduled"
        )
        self.assertEqual(event.occurred_at, utc("2026-11-18 03:10:00"))
        self.assertEqual(event.contact_method, "phone")
        self.assertIn("snow", event.note)
        with freeze_time("2026-11-18 04:30:00"):
            self._log(self.network_handler, appeal, "arrival")
        self.assertEqual(self._line(appeal, "on_site").status, "met")

    def test_r002_09_too_late_or_incomplete_is_refused(self):
        """R002-09: a call after the on-site deadline, a time before the call, no
        reason, or an appeal without an on-site deadline: refused, nothing written."""
        appeal = self._accepted_leak()
        handler = appeal.with_user(self.network_handler)
        with freeze_time("2026-11-18 03:20:00"):
            with self.assertRefused(ValidationError, "too late"):
                handler._reschedule_arrival(
                    utc("2026-11-18 03:11:00"), "Snow.", utc("2026-11-18 05:00:00")
                )
        with freeze_time("2026-11-18 02:40:00"):
            with self.assertRefused(ValidationError, "after the call"):
                handler._reschedule_arrival(
                    utc("2026-11-18 02:40:00"), "Snow.", utc("2026-11-18 02:30:00")
                )
            with self.assertRefused(UserError, "R002-09"):
                handler._reschedule_arrival(
                    utc("2026-11-18 02:40:00"), " ", utc("2026-11-18 05:00:00")
                )
            with self.assertRefused(ValidationError, "future"):
                handler._reschedule_arrival(
                    utc("2026-11-18 02:50:00"), "Snow.", utc("2026-11-18 05:00:00")
                )
        self.assertFalse(self._line(appeal, "on_site").extension_ids)
        self.assertNotIn("arrival_rescheduled", appeal.event_ids.mapped("event_code"))
        with freeze_time("2026-11-18 02:00:00"):
            no_site = self._register(category_id=self.ref("cat_water_bill").id)
            self._bring_to(no_site, "accepted")
            with self.assertRefused(UserError, "no on-site deadline"):
                no_site.with_user(self.network_handler).action_open_arrival_reschedule()

    # ------------------------------------------------------------------
    # R002-10, R002-11 site records
    # ------------------------------------------------------------------

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_10_r002_11_site_records_logged_by_the_handler(self):
        """R002-10: the explanation on site needs its note; R002-11: the customer and
        the duty officer told of the result, each with how. Hotline preset only."""
        appeal = self._register(category_id=self.leak.id)
        self._bring_to(appeal, "accepted")
        codes = (
            appeal.with_user(self.network_handler)
            ._loggable_event_types()
            .mapped("code")
        )
        for code in ("site_explained", "result_told_customer", "result_told_duty"):
            self.assertIn(code, codes)
        with self.assertRefused(UserError, "short note"):
            self._log(self.network_handler, appeal, "site_explained")
        self._log(
            self.network_handler,
            appeal,
            "site_explained",
            note="The main must be drained first; back tonight.",
        )
        with self.assertRefused(UserError, "how the customer was reached"):
            self._log(self.network_handler, appeal, "result_told_customer")
        self._log(
            self.network_handler, appeal, "result_told_customer", contact_method="phone"
        )
        self._log(
            self.network_handler, appeal, "result_told_duty", contact_method="other"
        )
        logged = appeal.event_ids.filtered(
            lambda e: e.event_code in ("result_told_customer", "result_told_duty")
        )
        self.assertEqual(set(logged.mapped("contact_method")), {"phone", "other"})
        # Another unit cannot log them; another preset does not ask for them.
        self.assertFalse(appeal.with_user(self.billing_handler)._loggable_event_types())
        self._use("heating")
        heating = self._register()
        self._bring_to(heating, "accepted")
        self.assertNotIn(
            "site_explained",
            heating.with_user(self.network_handler)
            ._loggable_event_types()
            .mapped("code"),
        )

    # ------------------------------------------------------------------
    # R002-12 first-contact responsibility
    # ------------------------------------------------------------------

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_12_the_first_unit_keeps_the_appeal_and_adds_helpers(self):
        """R002-12: the first unit adds co-handling units and keeps the appeal; it
        cannot hand it back to go to a unit already helping."""
        appeal = self._register()
        self._bring_to(appeal, "accepted")
        self._click(
            self.network_handler,
            appeal,
            "action_open_co_handling",
            department_ids=[(6, 0, self.billing.ids)],
            note="Check the meter reading.",
        )
        self.assertEqual(appeal.department_id, self.network)
        self.assertIn(self.billing, appeal.co_department_ids)
        self.assertIn(self.billing_handler, self._step_users(appeal))
        with self.assertRefused(UserError, "first unit keeps it"):
            appeal.with_user(self.network_handler)._hand_back(
                "Billing should do it.", self.billing
            )
        with self.assertRefused(AccessError, "handling department"):
            appeal.with_user(self.billing_handler)._hand_back("Not ours.", self.network)
        with self.assertRefused(UserError, "not already on it"):
            appeal.with_user(self.network_handler)._add_co_handling(
                self.billing | self.network, "Again."
            )
        self.assertEqual(appeal.state, "accepted")

    # ------------------------------------------------------------------
    # R002-15 completion feedback, R002-16 problems a unit finds itself
    # ------------------------------------------------------------------

    def test_r002_15_completion_feedback_stops_the_24_hours(self):
        """R002-15: the completion feedback needs its result; it records who and when,
        and stops the 24-hour completion clock (R002-17)."""
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._register()
            self._bring_to(appeal, "accepted")
        handler = appeal.with_user(self.network_handler)
        with freeze_time("2026-11-18 10:00:00"):
            handler.write({"report_facts": "Valve reopened.", "report_cause": "Valve."})
            with self.assertRefused(UserError, "fill in"):
                handler.action_submit_report()
            self._report(appeal)
        self.assertEqual(appeal.report_submitted_at, utc("2026-11-18 10:00:00"))
        self.assertEqual(appeal.report_submitted_by_id, self.network_handler)
        self.assertEqual(appeal.handler_employee_id, self.network_handler.employee_id)
        line = self._line(appeal, "complete")
        self.assertEqual(line.status, "met")
        self.assertEqual(line.reached_at, utc("2026-11-18 10:00:00"))

    def test_r002_16_a_problem_found_outside_the_remit_goes_to_the_csc(self):
        """R002-16: a unit reports a problem outside its remit; the CSC registers it
        with origin "Found by a Unit" and dispatches it to the unit it belongs to."""
        channel = self.ref("channel_self_discovered")
        found = (
            self.env["helpdesk.ticket"]
            .with_user(self.network_handler)
            .create(
                {
                    "name": "Meter box broken at 华光路100号",
                    "description": "<p>Seen during a valve job.</p>",
                    "channel_id": channel.id,
                    "nature_id": self.complaint.id,
                }
            )
        )
        self.assertEqual(found.receiving_department_id, self.repair_section)
        self.assertEqual(found.channel_id.code, "self_discovered")
        self.assertIn(
            found, self.env["helpdesk.ticket"].with_user(self.office_user).search([])
        )
        self._dispatch(found, self.billing)
        self.assertEqual(found.state, "dispatched")
        self.assertEqual(found.department_id, self.billing)

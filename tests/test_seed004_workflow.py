from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .appeal_walk import AppealWalkCase
from .common import GROUP_OFFICE

FEATURES = (
    "feature_person_liability",
    "feature_closure_gates",
    "feature_typical_cases",
    "feature_callback_team",
    "feature_more_channels",
    "feature_area_dispatch",
    "feature_first_contact_updates",
    "feature_difficult_cases",
    "feature_three_level_reply",
    "feature_step_owners",
    "feature_site_verification",
    "feature_mediation",
    "feature_result_notice",
)


@tagged("post_install", "-at_install")
class TestSeed004Workflow(AppealWalkCase):
    """Seed 004's workflow features, each a preset toggle that is off by default
    (RULES.md §6): R004-02, R004-03, R004-05, R004-09, R004-10, R004-11, R004-12,
    R004-13, R004-16, R004-19, R004-20, R004-21, R004-22."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotline = cls.presets["water_hotline"]
        cls.company.complaint_preset_id = cls.hotline
        cls.second_clerk = cls._user(
            "second_clerk", GROUP_OFFICE, cls.office_department
        )
        cls.third_clerk = cls._user("third_clerk", GROUP_OFFICE, cls.office_department)

    def _enable(self, *features, **values):
        self.company.complaint_preset_id.write(
            dict(dict.fromkeys(features, True), **values)
        )

    def _replied(self, **values):
        appeal = self._register(**values)
        self._bring_to(appeal, "replied")
        return appeal

    def _closed(self):
        appeal = self._replied()
        self._callback(appeal)
        self.assertEqual(appeal.state, "closed")
        return appeal

    # ------------------------------------------------------------------
    # Toggles
    # ------------------------------------------------------------------

    def test_r004_toggles_are_off_by_default(self):
        """Seed 004 is a set of features any preset may turn on; none is on as
        shipped (RULES.md §6), and each is on the preset form."""
        for preset in self.presets.values():
            for feature in FEATURES:
                self.assertFalse(preset[feature], f"{preset.code}: {feature}")
        arch = (
            self.env["helpdesk.complaint.preset"]
            .with_user(self.complaint_manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        for feature in FEATURES:
            self.assertIn(f'name="{feature}"', arch)

    def test_r004_turning_toggles_on_changes_nothing_decided(self):
        """A company running without seed 004 turns every feature on: its closed
        appeal stays closed with its callback, its replied one keeps its reply, no
        check, level, notice or name is added after the fact (R004-03, R004-09,
        R004-16, R004-22)."""
        closed = self._closed()
        replied = self._replied()
        area = self.env["helpdesk.service.area"].create(
            {"name": "West", "department_id": self.billing.id}
        )
        dispatched = self._register(area_id=area.id)
        self._bring_to(dispatched, "dispatched")
        before = {
            appeal: (appeal.state, appeal.replied_at, appeal.department_id)
            for appeal in closed | replied | dispatched
        }
        messages = len(closed.message_ids)
        self._enable(
            *[f for f in FEATURES if f != "feature_step_owners"],
            callback_team_user_ids=[(6, 0, self.second_clerk.ids)],
            difficult_group_user_ids=[(6, 0, self.office_leader.ids)],
        )
        for appeal, facts in before.items():
            self.assertEqual(
                (appeal.state, appeal.replied_at, appeal.department_id), facts
            )
            self.assertFalse(appeal.closure_check_ids)
            self.assertFalse(appeal.result_notice_ids)
            self.assertFalse(appeal.callback_user_id)
            self.assertFalse(appeal.closure_pending)
        self.assertEqual(closed.next_reply_level, 0)
        self.assertEqual(len(closed.message_ids), messages)

    # ------------------------------------------------------------------
    # R004-02: liability down to the team and the person
    # ------------------------------------------------------------------

    def _finding(self, appeal, employee=None):
        form = Form(
            self.env["helpdesk.liability.finding"]
            .with_user(self.hr_officer)
            .with_context(default_ticket_id=appeal.id)
        )
        form.rule_id = self.env["helpdesk.deduction.rule"].search(
            [
                ("preset_id", "=", self.presets["water_company"].id),
                ("code", "=", "R000-59"),
            ]
        )
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                line.department_id = self.network
                if employee:
                    line.employee_id = employee
        return form.save()

    def test_r004_02_liability_traced_to_team_and_person(self):
        """R004-02: with the toggle, a finding names the person and the team of each
        liable department, and the deduction reaches that team; a finding confirmed
        before the toggle stays as it was."""
        self._use("water_company")
        handler = self.network_handler.employee_id
        earlier = self._finding(self._appeal(department_id=self.network.id))
        earlier.action_confirm()
        self.assertEqual(earlier.state, "confirmed")
        self._enable("feature_person_liability")
        self.assertEqual(earlier.state, "confirmed")
        appeal = self._appeal(
            department_id=self.network.id,
            complainant_phone="13900001111",
            complainant_address="人民西路1号",
        )
        finding = self._finding(appeal)
        with self.assertRefused(UserError, "team and the person"):
            finding.action_confirm()
        finding = self._finding(appeal, employee=handler)
        self.assertEqual(finding.line_ids.team_id, self.repair_section)
        finding.action_confirm()
        line = appeal.deduction_ids.filtered(lambda d: d.finding_id == finding)
        self.assertEqual(line.employee_id, handler)
        self.assertEqual(line.section_id, self.repair_section)
        with self.assertRefused(ValidationError, "does not work in team"):
            finding.line_ids.team_id = self.network

    # ------------------------------------------------------------------
    # R004-03: four not let go
    # ------------------------------------------------------------------

    def _check(self, user, appeal, gate, evidence="Checked."):
        return appeal.with_user(user).write(
            {"closure_check_ids": [(0, 0, {"gate": gate, "evidence": evidence})]}
        )

    def test_r004_03_four_not_let_go(self):
        """R004-03: a satisfied customer no longer closes the appeal by itself; the
        office closes once the four checks carry their evidence. Without the toggle
        the callback closes it and no check can be recorded."""
        appeal = self._replied()
        with self.assertRefused(UserError, "does not use the closure checks"):
            self._check(self.network_handler, appeal, "verified")
        self._enable("feature_closure_gates")
        self._callback(appeal)
        self.assertEqual(appeal.state, "replied")
        self.assertTrue(appeal.closure_pending)
        self.assertIn("action_close_checked", self._buttons(self.office_user))
        with self.assertRefused(UserError, "Problem Verified.*Rectification"):
            appeal.with_user(self.office_user).action_close_checked()
        for gate in ("verified", "corrected", "rectified"):
            self._check(self.network_handler, appeal, gate, f"{gate}: photo on file")
        with self.assertRefused(AccessError, "handling department or the office"):
            self._check(self.hr_officer, appeal, "satisfied")
        with self.assertRefused(UserError, "once per appeal"):
            self._check(self.network_handler, appeal, "verified")
        with self.assertRefused(UserError, "Customer Satisfied"):
            appeal.with_user(self.office_user).action_close()
        self._check(self.office_user, appeal, "satisfied", "Rated satisfied by phone.")
        with self.assertRefused(UserError, "not changed"):
            appeal.closure_check_ids[:1].with_user(self.office_user).evidence = "x"
        appeal.with_user(self.office_user).action_close_checked()
        self.assertEqual(appeal.state, "closed")
        self.assertFalse(appeal.closure_pending)

    def test_r004_03_an_unsatisfied_rating_is_dealt_with_first(self):
        """R004-03, check 4: while the customer is unsatisfied and nothing was done
        about it, the check is refused; once the office explained, it waits only for
        the checks."""
        self._enable("feature_closure_gates")
        appeal = self._replied()
        self._callback(appeal, result="unsatisfied", cause="objective")
        with self.assertRefused(UserError, "deal with the rating"):
            self._check(self.office_user, appeal, "satisfied")
        self._click(
            self.office_user,
            appeal,
            "action_open_cause_review",
            outcome="explained",
            note="The pressure is within the standard.",
        )
        self.assertEqual(appeal.state, "unsatisfied")
        self.assertTrue(appeal.closure_pending)
        for gate in ("verified", "corrected", "rectified", "satisfied"):
            self._check(self.office_user, appeal, gate)
        appeal.with_user(self.office_user).action_close_checked()
        self.assertEqual(appeal.state, "closed")

    # ------------------------------------------------------------------
    # R004-05: typical cases
    # ------------------------------------------------------------------

    def test_r004_05_typical_case_library_by_business_line(self):
        """R004-05: the office adds an answered appeal to the library under a
        business line; every handler reads the library; only under the toggle."""
        Case = self.env["helpdesk.typical.case"].with_user(self.office_user)
        line = self.ref("business_line_supply_quality")
        values = {"name": "Low pressure", "business_line_id": line.id}
        values.update(summary="Pressure low at night.", lesson="Check the valve.")
        appeal = self._register()
        with self.assertRefused(UserError, "no typical case library"):
            Case.create(dict(values, ticket_id=appeal.id))
        self._enable("feature_typical_cases")
        with self.assertRefused(UserError, "not been answered"):
            Case.create(dict(values, ticket_id=appeal.id))
        self._bring_to(appeal, "replied")
        self.assertIn("action_add_typical_case", self._buttons(self.office_user))
        self.assertNotIn("action_add_typical_case", self._buttons(self.network_handler))
        action = appeal.with_user(self.office_user).action_add_typical_case()
        case = Case.with_context(**action["context"]).create(
            {k: v for k, v in values.items() if k != "name"}
        )
        self.assertEqual(case.name, appeal.name)
        self.assertEqual(
            self.env["helpdesk.typical.case"]
            .with_user(self.billing_handler)
            .search([("business_line_id", "=", line.id)]),
            case,
            "another department's handler learns from the library",
        )
        with self.assertRefused(UserError, "already a typical case"):
            appeal.with_user(self.office_user).action_add_typical_case()
        with self.assertRefused(AccessError, "not allowed to create"):
            self.env["helpdesk.typical.case"].with_user(self.network_handler).create(
                dict(values, ticket_id=appeal.id)
            )
        names = self.env["helpdesk.business.line"].search([]).mapped("code")
        for code in ("connection", "meter_reading", "metering", "supply_quality"):
            self.assertIn(code, names)

    # ------------------------------------------------------------------
    # R004-09: named callback team
    # ------------------------------------------------------------------

    def test_r004_09_named_callback_team_and_method(self):
        """R004-09: the callback goes to the team member with the fewest waiting,
        named on the appeal; only the team calls back, by phone or in person.
        Without the toggle any office clerk calls back."""
        free = self._replied()
        self._callback(free)
        self.assertEqual(free.callback_ids.called_by_id, self.office_user)
        with self.assertRaises(ValidationError):
            self._enable("feature_callback_team")
        self._enable(
            "feature_callback_team",
            callback_team_user_ids=[(6, 0, (self.second_clerk | self.third_clerk).ids)],
        )
        first, second = self._replied(), self._replied()
        self.assertEqual(first.callback_user_id, self.second_clerk)
        self.assertEqual(second.callback_user_id, self.third_clerk, "fewest waiting")
        activity = first.activity_ids.filtered(
            lambda a: a.summary == "Call the customer back"
        )
        self.assertEqual(activity.user_id, self.second_clerk)
        with self.assertRefused(AccessError, "callback team"):
            self._callback(first)
        with self.assertRefused(UserError, "by phone or in person"):
            first.with_user(self.second_clerk)._log_callback(
                {"channel": "online", "reached": True, "result": "satisfied"}
            )
        first.with_user(self.second_clerk)._log_callback(
            {"channel": "visit", "reached": True, "result": "satisfied"}
        )
        self.assertEqual(first.callback_ids.channel, "visit")
        self.assertEqual(first.state, "closed")

    # ------------------------------------------------------------------
    # R004-10: more channels
    # ------------------------------------------------------------------

    def test_r004_10_more_channels(self):
        """R004-10: the GM's hotline, the service desk and the 24-hour terminals are
        channels only under the toggle; an appeal received through one keeps it when
        the toggle goes off again."""
        channels = [
            self.ref(xmlid)
            for xmlid in (
                "channel_gm_hotline",
                "channel_service_desk",
                "channel_self_service",
            )
        ]
        with self.assertRefused(ValidationError, "not offered"):
            self._register(channel_id=channels[0].id)
        self._enable("feature_more_channels")
        appeals = [self._register(channel_id=channel.id) for channel in channels]
        self.assertEqual([a.channel_id for a in appeals], channels)
        self.hotline.feature_more_channels = False
        appeals[0].with_user(self.office_user).name = "Renamed"
        self.assertEqual(appeals[0].channel_id, channels[0])
        with self.assertRefused(ValidationError, "not offered"):
            appeals[1].with_user(self.office_user).channel_id = channels[0]

    # ------------------------------------------------------------------
    # R004-11: area responsibility
    # ------------------------------------------------------------------

    def test_r004_11_dispatch_by_area_to_its_first_responsible(self):
        """R004-11: an appeal of an area goes to the area's unit and to its first
        responsible person, who gets the acceptance; the office may still choose
        another department. Without the toggle the office names the department."""
        Area = self.env["helpdesk.service.area"]
        with self.assertRefused(ValidationError, "works in its responsible unit"):
            Area.create(
                {
                    "name": "East",
                    "department_id": self.billing.id,
                    "first_responsible_id": self.network_handler.employee_id.id,
                }
            )
        area = Area.create(
            {
                "name": "North",
                "department_id": self.network.id,
                "first_responsible_id": self.network_handler.employee_id.id,
                "responsible_kind": "unit_head",
            }
        )
        appeal = self._register(area_id=area.id)
        with self.assertRefused(UserError, "Responsible Department"):
            self._click(self.office_user, appeal, "action_dispatch")
        self._enable("feature_area_dispatch")
        self._click(self.office_user, appeal, "action_dispatch")
        self.assertEqual(appeal.state, "dispatched")
        self.assertEqual(appeal.department_id, self.network)
        self.assertEqual(appeal.section_id, self.repair_section)
        self.assertEqual(appeal.handler_employee_id, self.network_handler.employee_id)
        self.assertIn(self.network_handler, appeal.activity_ids.user_id)
        other = self._register(area_id=area.id)
        other.with_user(self.office_user).department_id = self.billing
        self._click(self.office_user, other, "action_dispatch")
        self.assertEqual(other.department_id, self.billing)
        self.assertFalse(other.handler_employee_id)

    # ------------------------------------------------------------------
    # R004-12: the first contact hears back
    # ------------------------------------------------------------------

    def _told(self, appeal, user):
        return appeal.message_ids.filtered(
            lambda m: user.partner_id in m.partner_ids and "first received" in m.body
        )

    def test_r004_12_first_contact_hears_back(self):
        """R004-12: whoever first took the appeal is recorded and, with the toggle,
        told of each step taken by others and of the outcome; not of their own."""
        quiet = self._register()
        self.assertEqual(quiet.first_receiver_id, self.office_user)
        self._bring_to(quiet, "accepted")
        self.assertFalse(self._told(quiet, self.office_user))
        self._enable("feature_first_contact_updates")
        own = self._register()
        self._bring_to(own, "accepted")
        told = self._told(own, self.office_user)
        self.assertEqual(len(told), 1, "the acceptance only, not their own dispatch")
        self.assertIn("Accepted", told.body)
        appeal = (
            self.env["helpdesk.ticket"]
            .with_user(self.second_clerk)
            .create(
                {
                    "name": "No water since the morning",
                    "description": "<p>No water on the third floor.</p>",
                    "channel_id": self.phone.id,
                    "nature_id": self.complaint.id,
                    "category_id": self.low_pressure.id,
                    "partner_name": "李女士",
                    "complainant_phone": "13805339999",
                }
            )
        )
        self.assertEqual(appeal.first_receiver_id, self.second_clerk)
        self._bring_to(appeal, "replied")
        self._callback(appeal)
        bodies = self._told(appeal, self.second_clerk).mapped("body")
        self.assertTrue(any("Progress" in b and "Dispatched" in b for b in bodies))
        self.assertTrue(any("Outcome" in b and "Closed" in b for b in bodies))

    # ------------------------------------------------------------------
    # R004-13: difficult cases and focused supervision
    # ------------------------------------------------------------------

    def test_r004_13_difficult_case_to_the_group(self):
        """R004-13: the office escalates a difficult appeal with its reason to the
        difficult-problems group, once; not without the toggle and its group."""
        appeal = self._register()
        self._bring_to(appeal, "accepted")
        appeal.with_user(self.office_user).difficult_reason = "Three units involved."
        with self.assertRefused(UserError, "no difficult-problems group"):
            appeal.with_user(self.office_user).action_escalate_difficult()
        with self.assertRaises(ValidationError):
            self._enable("feature_difficult_cases")
        self._enable(
            "feature_difficult_cases",
            difficult_group_user_ids=[
                (6, 0, (self.office_leader | self.general_manager).ids)
            ],
        )
        with self.assertRefused(AccessError, "Response Office"):
            appeal.with_user(self.network_handler).action_escalate_difficult()
        self._click(self.office_user, appeal, "action_escalate_difficult")
        self.assertTrue(appeal.difficult)
        self.assertEqual(
            appeal.activity_ids.filtered(lambda a: "Difficult" in a.summary).user_id,
            self.office_leader | self.general_manager,
        )
        with self.assertRefused(UserError, "already with"):
            appeal.with_user(self.office_user).action_escalate_difficult()
        self.assertIn("difficult", self.ref("action_difficult_appeals").domain)

    def test_r004_13_focused_supervision_of_a_poor_performer(self):
        """R004-13: the offices put a unit or person under focused supervision; the
        unit writes and reports its rectification; the office closes it with its
        conclusion, or cancels it with a reason."""
        Supervision = self.env["helpdesk.focused.supervision"]
        today = fields.Date.today()
        values = {
            "department_id": self.network.id,
            "employee_id": self.network_handler.employee_id.id,
            "reason": "Two appeals handed back without cause.",
            "due_date": today + timedelta(days=14),
        }
        with self.assertRefused(UserError, "does not use focused supervision"):
            Supervision.with_user(self.office_user).create(values)
        self._enable(
            "feature_difficult_cases",
            difficult_group_user_ids=[(6, 0, self.office_leader.ids)],
        )
        with self.assertRefused(AccessError, "offices"):
            Supervision.with_user(self.network_manager).create(values)
        with self.assertRefused(UserError, "works in the unit"):
            Supervision.with_user(self.office_user).create(
                dict(values, employee_id=self.billing_handler.employee_id.id)
            )
        record = Supervision.with_user(self.office_user).create(values)
        self.assertEqual(record.activity_ids.user_id, self.network_manager)
        own = record.with_user(self.network_manager)
        with self.assertRefused(AccessError, "everything else"):
            own.due_date = today + timedelta(days=30)
        with self.assertRefused(UserError, "rectification record first"):
            own.action_report_rectification()
        own.rectification = "Hand-backs now checked by the head."
        own.action_report_rectification()
        self.assertEqual(record.state, "rectified")
        with self.assertRefused(AccessError, "while the focused supervision is open"):
            own.rectification = "Changed afterwards."
        self.assertFalse(
            Supervision.with_user(self.billing_handler).search([("id", "=", record.id)])
        )
        office = record.with_user(self.office_user)
        with self.assertRefused(UserError, "conclusion"):
            office.action_close()
        office.result = "No hand-back without cause for a month."
        office.action_close()
        self.assertEqual(record.state, "closed")
        other = Supervision.with_user(self.office_user).create(values)
        with self.assertRefused(UserError, "Say why"):
            other.action_cancel()
        other.cancel_reason = "Raised twice."
        other.action_cancel()
        self.assertEqual(other.state, "cancelled")

    # ------------------------------------------------------------------
    # R004-16: three-level reply
    # ------------------------------------------------------------------

    def _level(self, user, appeal, result, reply="We looked again."):
        return self._click(
            user, appeal, "action_open_level_reply", reply=reply, result=result
        )

    def test_r004_16_three_level_reply_one_level_at_a_time(self):
        """R004-16: department, then office, then a company leader, each only when
        the customer is still unsatisfied; the wrong level's owner is refused; a
        satisfied customer closes the appeal; three levels at most."""
        appeal = self._replied()
        self._callback(appeal, result="unsatisfied", cause="subjective")
        self.assertEqual(appeal.next_reply_level, 0, "toggle off")
        with self.assertRefused(UserError, "no level"):
            appeal.with_user(self.office_user).action_open_level_reply()
        self._enable("feature_three_level_reply")
        self.assertEqual(appeal.next_reply_level, 1)
        with self.assertRefused(AccessError, "Handling Department"):
            appeal.with_user(self.hr_officer)._reply_at_level("No.", "satisfied")
        self._level(self.network_handler, appeal, "unsatisfied")
        self.assertEqual(appeal.next_reply_level, 2)
        with self.assertRefused(AccessError, "Customer-Service Office"):
            appeal.with_user(self.network_handler)._reply_at_level("x", "satisfied")
        self._level(self.office_user, appeal, "unsatisfied")
        with self.assertRefused(AccessError, "Company Leader"):
            appeal.with_user(self.office_user)._reply_at_level("x", "satisfied")
        level_3 = appeal.activity_ids.filtered(lambda a: "level 3" in a.summary)
        self.assertEqual(level_3.user_id, self.office_leader | self.general_manager)
        self._level(self.general_manager, appeal, "unsatisfied")
        self.assertEqual(appeal.next_reply_level, 0, "three levels at most")
        self.assertEqual(appeal.level_reply_ids.mapped("level"), ["1", "2", "3"])
        self.assertEqual(appeal.state, "unsatisfied")
        satisfied = self._replied()
        self._callback(satisfied, result="unsatisfied", cause="subjective")
        self._level(self.network_handler, satisfied, "basically_satisfied")
        self.assertEqual(satisfied.state, "closed")
        self.assertEqual(satisfied.next_reply_level, 0)

    # ------------------------------------------------------------------
    # R004-19: step owners
    # ------------------------------------------------------------------

    def test_r004_19_every_step_has_an_owner_and_a_limit(self):
        """R004-19: the toggle holds only for a preset whose policies have a
        milestone with an owner for routing, acceptance, handling and reply: the
        water company's and heating's do; the hotline's dispatch and reply have no
        clock of their own."""
        for code in ("water_company", "heating"):
            preset = self.presets[code]
            preset.feature_step_owners = True
            summary = preset.step_owner_summary
            for step in ("Routing", "Acceptance", "Handling", "Reply"):
                line = next(r for r in summary.splitlines() if f"/ {step}:" in r)
                self.assertRegex(line, r"\((Response Office|Handling Department)")
        with self.assertRefused(ValidationError, "Routing, Reply"):
            self.hotline.feature_step_owners = True

    # ------------------------------------------------------------------
    # R004-20: site verification
    # ------------------------------------------------------------------

    def test_r004_20_site_verification_before_liability(self):
        """R004-20: with the toggle, no finding is confirmed before the department
        has recorded on site whether the problem exists; recorded only after
        acceptance, by the handling department."""
        self._use("water_company")
        appeal = self._register()
        self._bring_to(appeal, "dispatched")
        self._enable("feature_site_verification")
        finding = self._finding(appeal, employee=self.network_handler.employee_id)
        with self.assertRefused(UserError, "no site verification"):
            finding.action_confirm()
        with self.assertRefused(UserError, "Dispatched"):
            appeal.with_user(self.network_handler).action_open_site_verification()
        self._click(self.network_handler, appeal, "action_accept")
        with self.assertRefused(AccessError, "handling department"):
            appeal.with_user(self.hr_officer)._record_site_verification(
                "confirmed", "x"
            )
        self._click(
            self.network_handler,
            appeal,
            "action_open_site_verification",
            result="not_confirmed",
            note="Pressure measured at 0.3 MPa, within the standard.",
        )
        self.assertEqual(appeal.site_verification, "not_confirmed")
        self.assertEqual(appeal.site_verified_by_id, self.network_handler)
        finding.action_confirm()
        self.assertEqual(finding.state, "confirmed")

    # ------------------------------------------------------------------
    # R004-21: mediation
    # ------------------------------------------------------------------

    def test_r004_21_mediation_record(self):
        """R004-21: a mediation keeps both parties, steps, outcome and feedback to
        the complainant, written by the handling department, only under the toggle."""
        appeal = self._register()
        self._bring_to(appeal, "accepted")
        now = fields.Datetime.now()
        values = {
            "complainant_party": "张先生",
            "other_party": "Repair Team",
            "steps": "Met both sides at the site; explained the repair schedule.",
            "outcome": "agreement",
            "feedback": "Told Mr Zhang the agreed date by phone.",
            "feedback_at": now + timedelta(hours=1),
        }
        write = appeal.with_user(self.network_handler).write
        with self.assertRefused(UserError, "no mediation records"):
            write({"mediation_ids": [(0, 0, values)]})
        self._enable("feature_mediation")
        with self.assertRefused(AccessError, "handling department or the office"):
            appeal.with_user(self.hr_officer).write({"mediation_ids": [(0, 0, values)]})
        with self.assertRefused(UserError, "feedback follows"):
            write(
                {
                    "mediation_ids": [
                        (0, 0, dict(values, feedback_at=now - timedelta(days=1)))
                    ]
                }
            )
        write({"mediation_ids": [(0, 0, values)]})
        mediation = appeal.mediation_ids
        self.assertEqual(mediation.mediator_id, self.network_handler)
        self.assertEqual(
            (mediation.complainant_party, mediation.other_party, mediation.outcome),
            ("张先生", "Repair Team", "agreement"),
        )

    # ------------------------------------------------------------------
    # R004-22: the result told within the limit
    # ------------------------------------------------------------------

    def test_r004_22_result_told_within_the_reply_limit(self):
        """R004-22: with the toggle the final reply says how the complainant was
        told; the notice is logged against the reply deadline (the water company's
        15 working days, not the 3-day first answer an interim reply meets): on time
        for a fresh appeal, late for one received two months ago."""
        self._use("water_company")
        plain = self._replied()
        self.assertFalse(plain.result_notice_ids)
        self._enable("feature_result_notice")
        fresh = self._register()
        self._bring_to(fresh, "approved")
        fresh.with_user(self.office_user).reply_text = "Solved."
        with self.assertRefused(UserError, "how the complainant is told"):
            fresh.with_user(self.office_user).action_final_reply()
        fresh.with_user(self.office_user).result_notice_method = "phone"
        self._click(self.office_user, fresh, "action_final_reply")
        notice = fresh.result_notice_ids
        self.assertEqual(len(notice), 1)
        resolve = fresh.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "resolve"
        )
        self.assertEqual(notice.reply_deadline, resolve.deadline)
        self.assertTrue(notice.on_time)
        self.assertEqual(notice.method, "phone")
        old = self._register(received_at=fields.Datetime.now() - timedelta(days=60))
        self._bring_to(old, "approved")
        old.with_user(self.office_user).write(
            {"reply_text": "Solved late.", "result_notice_method": "letter"}
        )
        self._click(self.office_user, old, "action_final_reply")
        self.assertFalse(old.result_notice_ids.on_time)
        self.assertLess(old.result_notice_ids.reply_deadline, old.replied_at)

    def test_r004_menus_for_their_roles(self):
        """R004-05, R004-13: the library and focused supervision are in every
        handler's Appeals menu; difficult appeals in the office's; business lines in
        the configuration."""
        Menu = self.env["ir.ui.menu"]
        menus = {
            name: self.ref(name).id
            for name in (
                "menu_typical_cases",
                "menu_focused_supervision",
                "menu_difficult_appeals",
                "menu_business_lines",
            )
        }
        handler = Menu.with_user(self.network_handler)._visible_menu_ids()
        office = Menu.with_user(self.office_user)._visible_menu_ids()
        manager = Menu.with_user(self.complaint_manager)._visible_menu_ids()
        self.assertIn(menus["menu_typical_cases"], handler)
        self.assertIn(menus["menu_focused_supervision"], handler)
        self.assertNotIn(menus["menu_difficult_appeals"], handler)
        self.assertIn(menus["menu_difficult_appeals"], office)
        self.assertIn(menus["menu_business_lines"], manager)

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP_LEADER
from .people_common import PeopleCase


@tagged("post_install", "-at_install")
class TestPeoplePenalty(PeopleCase):
    """Seed 001's money penalties: per case with the fall-back from person to section to
    department, thresholds per unit and period charged once, bonus factors and rating
    caps that never compound, outsourced staff, seed 004's toggles."""

    # ------------------------------------------------------------------
    # Per case (R001-11, R001-13, R001-14, R001-28, R001-29)
    # ------------------------------------------------------------------

    def test_r001_28_only_the_csc_confirms_a_service_case(self):
        appeal = self._appeal(
            department_id=self.network.id, category_id=self.attitude_category.id
        )
        with self.assertRefused(AccessError, "customer service center"):
            self.Case.with_user(self.network_manager).create(
                {
                    "ticket_id": appeal.id,
                    "kind": "attitude",
                    "department_id": self.network.id,
                }
            )
        with self.assertRefused(AccessError, "confirm a service complaint"):
            appeal.with_user(self.network_handler).action_open_service_case()
        action = appeal.with_user(self.office_user).action_open_service_case()
        self.assertEqual(action["context"]["default_ticket_id"], appeal.id)

    def test_r001_11_r001_29_each_case_costs_the_person_500_after_the_window(self):
        case = self._service_case(employee_id=self.reader.id, confirm=False)
        self.assertEqual((case.level, case.section_id), ("person", self.repair_section))
        line = case.money_line_ids
        self.assertEqual(
            (line.rule_code, line.employee_id, line.amount, line.state),
            ("R001-11", self.reader, -500, "draft"),
        )
        self.assertEqual(line.contest_deadline, case.contest_deadline)
        with self.assertRefused(UserError, "change with their facts"):
            line.with_user(self.hr_officer).amount = -100
        with self.assertRefused(UserError, "changes only through"):
            case.with_user(self.office_user).employee_id = self.patroller
        self.assertEqual(
            case.contest_deadline, datetime(2026, 3, 12, 9, 0), "Thursday 17:00 Beijing"
        )
        self.assertIn("liability_notice", case.ticket_id.event_ids.mapped("event_code"))
        with freeze_time("2026-03-12 08:59:00"):
            self.Case._cron_confirm_uncontested()
        self.assertEqual((case.state, line.state), ("draft", "draft"))
        with freeze_time("2026-03-12 09:00:00"):
            self.Case._cron_confirm_uncontested()
        self.assertEqual((case.state, line.state), ("confirmed", "confirmed"))
        self.assertEqual((line.period_id.name, line.year), ("2026-03", 2026))

    def test_r001_11_one_appeal_in_two_categories_counts_once(self):
        case = self._service_case(
            employee_id=self.reader.id,
            channel=self.hotline_12345,
            also_unsatisfied_12345=True,
        )
        self.assertEqual(self._lines("R001-11").mapped("amount"), [-500])
        with self.assertRefused(ValidationError, "counts once"):
            self.Case.with_user(self.office_user).create(
                {
                    "ticket_id": case.ticket_id.id,
                    "kind": "unsatisfied_12345",
                    "department_id": self.network.id,
                    "employee_id": self.reader.id,
                }
            )
        self.assertEqual(len(case.ticket_id.service_case_ids), 1)
        with self.assertRefused(ValidationError, "Only a 12345 appeal"):
            self._service_case(employee_id=self.reader.id, also_unsatisfied_12345=True)

    def test_r001_13_no_person_the_section_head_pays(self):
        case = self._service_case(section_id=self.repair_section.id)
        self.assertEqual(case.level, "section")
        self.assertEqual(
            [
                (line.rule_code, line.employee_id, line.amount)
                for line in case.money_line_ids
            ],
            [("R001-13", self.repair_head, -500)],
        )

    def test_r001_14_no_person_and_no_section_the_department_leaders_pay(self):
        case = self._service_case()
        self.assertEqual(case.level, "department")
        self.assertEqual(
            sorted(
                (line.rule_code, line.employee_id.name, line.amount)
                for line in case.money_line_ids
            ),
            sorted(
                [
                    ("R001-14", self.principal.name, -500),
                    ("R001-14", self.leader.employee_id.name, -500),
                ]
            ),
        )

    def test_a_case_is_charged_where_its_person_works(self):
        with self.assertRefused(ValidationError, "does not work"):
            self._service_case(employee_id=self.billing_handler.employee_id.id)
        with self.assertRefused(ValidationError, "is a section"):
            self._service_case(department_id=self.repair_section.id)

    # ------------------------------------------------------------------
    # Contest (R001-29 to R001-31) and what follows confirmation
    # ------------------------------------------------------------------

    def _contest(self, case, user):
        return (
            self.env["helpdesk.liability.contest"]
            .with_user(user)
            .create(
                {
                    "ticket_id": case.ticket_id.id,
                    "department_id": case.department_id.id,
                    "statement": "The customer was never visited by our staff.",
                }
            )
        )

    def test_r001_30_upheld_contest_means_no_penalty_points_or_exposure(self):
        case = self._service_case(employee_id=self.reader.id, confirm=False)
        points = case.deduction_line_id
        self.assertEqual((points.rule_code, points.points), ("R001-08", 2.0))
        with freeze_time(datetime(2026, 3, 11, 2, 0)):
            contest = self._contest(case, self.network_manager)
        self.assertEqual(contest.service_case_ids, case)
        self.assertEqual(contest.line_ids, points)
        self.assertEqual(
            (case.state, case.money_line_ids.state, points.state),
            ("contested", "contested", "contested"),
        )
        with freeze_time(datetime(2026, 3, 20, 2, 0)):
            self.Case._cron_confirm_uncontested()
            self.assertEqual(case.state, "contested", "a contest stops the clock")
            contest.with_user(self.office_user).action_uphold()
        self.assertEqual(
            (case.state, case.money_line_ids.state, points.state),
            ("cancelled", "cancelled", "cancelled"),
        )
        self.assertFalse(
            self.env["helpdesk.exposure.entry"].search([("case_id", "=", case.id)])
        )

    def test_r001_31_rejected_contest_confirms_the_money(self):
        principal_leader = self._user("principal_leader", GROUP_LEADER, None)
        case = self._service_case(
            employee_id=self.reader.id,
            channel=self.hotline_12345,
            kind="unsatisfied_12345",
            confirm=False,
        )
        self.assertFalse(case.deduction_line_id, "R001-08 is about service conduct")
        with freeze_time(datetime(2026, 3, 11, 2, 0)):
            contest = self._contest(case, self.network_manager)
            self.assertEqual(contest.route, "external")
            contest.with_user(principal_leader).action_reject()
        self.assertEqual(
            (case.state, case.money_line_ids.state), ("confirmed", "confirmed")
        )
        self.assertEqual(case.period_id.name, "2026-03")

    def test_r001_29_no_contest_after_the_window(self):
        case = self._service_case(employee_id=self.reader.id, confirm=False)
        with freeze_time(datetime(2026, 3, 12, 10, 0)):
            with self.assertRefused(UserError, "two working days"):
                self._contest(case, self.network_manager)
        with self.assertRefused(AccessError, "contests its own"):
            self._contest(case, self.billing_handler)

    def test_r001_08_service_conduct_points_reach_the_department_appraisal(self):
        case = self._service_case(employee_id=self.reader.id)
        points = case.deduction_line_id
        self.assertEqual(
            (points.department_id, points.state, points.period_id.name),
            (self.network, "confirmed", "2026-03"),
        )

    def test_r001_07_confirmed_cases_are_exposed_once_with_the_complainant_masked(self):
        case = self._service_case(employee_id=self.reader.id, confirm=False)
        Entry = self.env["helpdesk.exposure.entry"]
        self.assertFalse(
            Entry.search([("case_id", "=", case.id)]), "not before liability"
        )
        with freeze_time(case.contest_deadline):
            self.Case._cron_confirm_uncontested()
            self.Case._cron_confirm_uncontested()
        entry = Entry.with_user(self.billing_handler).search(
            [("case_id", "=", case.id)]
        )
        self.assertEqual(len(entry), 1)
        self.assertEqual(
            (entry.employee_name, entry.ticket_number),
            (self.reader.name, case.ticket_id.number),
        )
        phone = case.ticket_id.sudo().complainant_phone
        self.assertNotIn(phone, entry.complainant_masked)
        self.assertNotIn("张先生", entry.complainant_masked)
        self.assertTrue(entry.complainant_masked.startswith("张"))
        self.assertIn(phone[-4:], entry.complainant_masked)

    # ------------------------------------------------------------------
    # Thresholds (R001-12, R001-15 to R001-17, R001-19)
    # ------------------------------------------------------------------

    def test_r001_12_exactly_two_in_a_year_cap_the_person(self):
        self._service_case(employee_id=self.reader.id)
        self.assertFalse(self._lines("R001-12"))
        self._service_case(employee_id=self.reader.id, when=datetime(2026, 6, 2, 2, 0))
        line = self._lines("R001-12")
        self.assertEqual(
            (line.employee_id, line.bonus_factor, line.rating_cap, line.amount),
            (self.reader, 0.8, "basically_competent", 0),
        )
        self.assertEqual(
            (line.state, line.period_id.name, line.year), ("confirmed", "2026-06", 2026)
        )
        self.Rule._sync_thresholds(self.company, {2026})
        self.assertEqual(
            len(self._lines("R001-12")), 1, "charged once per person and year"
        )
        self._service_case(employee_id=self.reader.id, when=datetime(2026, 7, 1, 2, 0))
        self.assertEqual(len(self._lines("R001-12")), 1)

    def test_r001_12_one_case_of_each_kind_is_no_threshold(self):
        self._service_case(employee_id=self.reader.id)
        self._service_case(
            employee_id=self.reader.id,
            channel=self.hotline_12345,
            kind="unsatisfied_12345",
        )
        self.assertFalse(self._lines("R001-12"), "the proposed reading counts per kind")
        self.env.ref("helpdesk_utility_complaint.penalty_r001_12").combine_kinds = True
        self.Rule._sync_thresholds(self.company, {2026})
        self.assertEqual(len(self._lines("R001-12")), 1, "combined kinds reach it")

    def test_r001_12_outsourced_staff_are_recommended_for_dismissal(self):
        for month in (3, 4):
            self._service_case(
                employee_id=self.contractor.id, when=datetime(2026, month, 2, 2, 0)
            )
        line = self._lines("R001-12")
        self.assertEqual(
            (
                line.employee_id,
                line.dismissal_recommended,
                line.vendor_id,
                line.bonus_factor,
            ),
            (self.contractor, True, self.vendor, 0.0),
        )
        self.assertFalse(line.rating_cap)

    def test_r001_15_two_in_a_section_month_cost_the_head_1000_once(self):
        self._service_case(employee_id=self.reader.id, when=datetime(2026, 3, 2, 2, 0))
        self._service_case(
            employee_id=self.patroller.id, when=datetime(2026, 4, 1, 2, 0)
        )
        self.assertFalse(self._lines("R001-15"), "March and April are two months")
        self._service_case(
            section_id=self.repair_section.id, when=datetime(2026, 4, 2, 2, 0)
        )
        line = self._lines("R001-15")
        self.assertEqual(
            (line.employee_id, line.amount, line.period_id.name),
            (self.repair_head, -1000, "2026-04"),
        )
        self._service_case(employee_id=self.reader.id, when=datetime(2026, 4, 6, 2, 0))
        self.assertEqual(len(self._lines("R001-15")), 1, "once per section and month")
        self.assertEqual(len(self._lines("R001-13")), 1, "stacks with R001-13")

    def test_r001_16_three_months_over_the_threshold_in_a_year(self):
        for month in (1, 3):
            for day in (5, 6):
                self._service_case(
                    employee_id=self.patroller.id, when=datetime(2026, month, day, 2, 0)
                )
        self.assertEqual(len(self._lines("R001-15")), 2)
        self.assertFalse(self._lines("R001-16"))
        for day in (4, 5):
            self._service_case(
                employee_id=self.reader.id, when=datetime(2026, 5, day, 2, 0)
            )
        line = self._lines("R001-16")
        self.assertEqual(
            (line.employee_id, line.bonus_factor, line.rating_cap),
            (self.repair_head, 0.8, "basically_competent"),
        )

    def _department_cases(self, count, kind="attitude", **values):
        for index in range(count):
            self._service_case(
                when=datetime(2026, 2 + index, 3, 2, 0), kind=kind, **values
            )

    def test_r001_17_exactly_five_in_a_department_year(self):
        self._department_cases(4)
        self.assertFalse(self._lines("R001-17"))
        self._department_cases(1, section_id=self.repair_section.id)
        lines = self._lines("R001-17")
        people = lines.filtered("employee_id")
        self.assertEqual(
            people.employee_id, self.principal | self.party_head | self.deputy
        )
        self.assertEqual(set(people.mapped("bonus_factor")), {0.8})
        self.assertEqual(set(people.mapped("rating_cap")), {"competent"})
        self.assertEqual(
            lines.filtered("collective_cancel_recommended").mapped("employee_id"),
            self.env["hr.employee"],
            "the advanced-collective recommendation is the department's",
        )

    def test_r001_17_three_and_two_of_different_kinds_are_not_five(self):
        self._department_cases(3)
        self._department_cases(2, kind="unsatisfied_12345", channel=self.hotline_12345)
        self.assertFalse(self._lines("R001-17"))

    def test_r001_18_eighty_percent_reached_twice_is_paid_once(self):
        # The section head is caught as a person (R001-12) and as section head
        # (R001-16).
        head = self.repair_head
        for month in (1, 3, 5):
            for day in (5, 6):
                self._service_case(
                    employee_id=head.id, when=datetime(2026, month, day, 2, 0)
                )
        self.assertEqual(
            sorted(
                self._lines(employee_id=head.id)
                .filtered("bonus_factor")
                .mapped("rule_code")
            ),
            ["R001-12", "R001-16"],
        )
        self.assertEqual(self.Money._bonus_factors(head, 2026)[head], 0.8)
        self.assertEqual(
            self.Money._rating_caps(head, 2026)[head], "basically_competent"
        )
        self.preset.bonus_factor_mode = "multiply"
        self.assertEqual(self.Money._bonus_factors(head, 2026)[head], 0.64)
        self.assertEqual(self.Money._bonus_factors(self.reader, 2026)[self.reader], 1.0)

    def test_r001_19_counters_are_grouped_queries_over_confirmed_cases(self):
        self._service_case(employee_id=self.reader.id)
        self._service_case(
            employee_id=self.patroller.id, when=datetime(2026, 4, 1, 2, 0)
        )
        self._service_case(employee_id=self.reader.id, confirm=False)
        counts = dict(
            self.Case._read_group(
                [
                    ("state", "=", "confirmed"),
                    ("section_id", "=", self.repair_section.id),
                ],
                ["year"],
                ["__count"],
            )
        )
        self.assertEqual(counts, {2026: 2})
        by_person = dict(
            self.Case._read_group(
                [("state", "=", "confirmed"), ("department_id", "=", self.network.id)],
                ["employee_id"],
                ["__count"],
            )
        )
        self.assertEqual(by_person, {self.reader: 1, self.patroller: 1})

    def test_a_withdrawn_case_takes_its_threshold_with_it(self):
        first = self._service_case(employee_id=self.reader.id)
        self._service_case(employee_id=self.reader.id, when=datetime(2026, 4, 2, 2, 0))
        threshold = self._lines("R001-12")
        april = threshold.period_id
        with freeze_time("2026-05-04 02:00:00"):
            april.with_user(self.hr_officer).action_lock()
            with self.assertRefused(AccessError, "customer service center"):
                first.with_user(self.network_manager).action_open_cancel()
            wizard = (
                self.env["helpdesk.people.cancel"]
                .with_user(self.office_user)
                .create(
                    {
                        "res_model": "helpdesk.service.case",
                        "res_ids": first.ids,
                        "reason": "The customer withdrew the complaint.",
                    }
                )
            )
            wizard.action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.assertEqual(first.money_line_ids.state, "cancelled")
        self.assertEqual(threshold.state, "confirmed", "April is locked")
        self.assertEqual(
            (threshold.correction_ids.period_id.name, threshold.correction_ids.amount),
            ("2026-05", 0),
        )
        self.assertFalse(
            self._lines("R001-12").filtered(
                lambda line: not line.correction_ids and not line.correction_of_id
            )
        )

    # ------------------------------------------------------------------
    # The ledger's integrity (C-09)
    # ------------------------------------------------------------------

    def test_c09_an_amount_on_a_locked_month_is_refused(self):
        with freeze_time("2026-03-20 02:00:00"):
            march = self.env["helpdesk.appraisal.period"]._for_date(
                self.company, date(2026, 3, 20)
            )
            line = self.Money.with_user(self.hr_officer).create(
                {
                    "employee_id": self.reader.id,
                    "department_id": self.network.id,
                    "amount": -200,
                    "period_id": march.id,
                    "reason": "Late for the inspection.",
                }
            )
            line.action_confirm()
            march.with_user(self.hr_officer).action_lock()
        with self.assertRefused(UserError, "locked"):
            self.Money.with_user(self.hr_officer).create(
                {
                    "employee_id": self.reader.id,
                    "department_id": self.network.id,
                    "amount": -100,
                    "period_id": march.id,
                }
            )
        with self.assertRefused(UserError, "locked"):
            line.with_user(self.hr_officer).amount = -300
        with self.assertRefused(UserError, "cancel them"):
            line.sudo().unlink()
        with self.assertRefused(AccessError, "appraisal officers"):
            line.with_user(self.network_manager).action_open_cancel()
        with freeze_time("2026-04-02 02:00:00"):
            line._cancel("Entered for the wrong person.")
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(
            (
                line.correction_ids.amount,
                line.correction_ids.period_id.name,
                line.correction_ids.direction,
            ),
            (200, "2026-04", "penalty"),
        )

    # ------------------------------------------------------------------
    # Seed 004 toggles (R004-15, R004-18)
    # ------------------------------------------------------------------

    def test_r004_15_a_major_complaint_vetoes_the_month_only_when_enabled(self):
        self._service_case(employee_id=self.reader.id, is_major=True)
        self.assertFalse(self._lines(source="veto"))
        self.preset.major_complaint_veto = True
        self._service_case(employee_id=self.patroller.id, is_major=True)
        veto = self._lines(source="veto")
        self.assertEqual(len(veto.filtered("veto")), 1)
        self.assertEqual(
            (
                veto.department_id,
                veto.employee_id,
                veto.rating_cap,
                veto.period_id.name,
            ),
            (self.network, self.env["hr.employee"], "incompetent", "2026-03"),
        )
        self.assertTrue(veto.collective_cancel_recommended)

    def test_r004_18_linked_money_for_over_level_complaints_when_enabled(self):
        case = self._service_case(employee_id=self.reader.id, is_over_level=True)
        self.assertEqual(len(case.money_line_ids), 1)
        self.preset.linked_money = True
        case = self._service_case(employee_id=self.reader.id, is_over_level=True)
        self.assertEqual(
            sorted(
                (line.rule_code, line.employee_id.name, line.amount)
                for line in case.money_line_ids
            ),
            [
                ("R001-11", self.reader.name, -500),
                ("R004-18a", self.leader.employee_id.name, -50),
                ("R004-18b", self.line_head.name, -150),
            ],
        )
        plain = self._service_case(employee_id=self.reader.id)
        self.assertEqual(
            len(plain.money_line_ids), 1, "only over-level or company liability"
        )

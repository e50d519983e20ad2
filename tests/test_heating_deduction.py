from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplaintCase


def utc(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestHeatingDeduction(ComplaintCase):
    """The heating scorecard's timing items (seed 003), generated from the milestones
    the workflow stops. Times are naive UTC; Beijing is UTC+8."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "complaint_preset_id": cls.env.ref(
                    "helpdesk_utility_complaint.preset_heating"
                ).id,
                "complaint_office_department_id": cls.office_department.id,
            }
        )
        cls.temperature = cls.env.ref(
            "helpdesk_utility_complaint.cat_heating_temperature"
        )

    def _received(self, when, **values):
        with freeze_time(when):
            return self._appeal(
                received_at=utc(when),
                category_id=self.temperature.id,
                department_id=self.network.id,
                **values,
            )

    def _event(self, appeal, code, when):
        with freeze_time(when):
            appeal._record_event(code)

    def _lines(self, appeal, code):
        return appeal.deduction_ids.filtered(
            lambda line: line.rule_code == code and line.state != "cancelled"
        )

    def test_r003_20_late_acceptance_per_started_30_minutes(self):
        """Due 10:30 Beijing: 10 or 30 minutes late costs 1 point, 31 minutes 2 (C-06),
        to the office."""
        for dispatched, points in (
            ("2026-11-18 02:30:00", None),
            ("2026-11-18 02:40:00", 1.0),
            ("2026-11-18 03:00:00", 1.0),
            ("2026-11-18 03:01:00", 2.0),
        ):
            appeal = self._received("2026-11-18 02:00:00")
            self._event(appeal, "dispatch", dispatched)
            lines = self._lines(appeal, "R003-20")
            self.assertEqual(
                lines.mapped("points"), [points] if points else [], dispatched
            )
            if points:
                self.assertEqual(lines.department_id, self.office_department)

    def test_r003_21_late_contact_per_started_hour(self):
        for contact, points in (
            ("2026-11-18 04:00:00", None),
            ("2026-11-18 04:30:00", 2.0),
            ("2026-11-18 05:01:00", 4.0),
        ):
            appeal = self._received("2026-11-18 01:50:00")
            self._event(appeal, "dispatch", "2026-11-18 02:00:00")
            self._event(appeal, "first_contact", contact)
            self.assertEqual(
                self._lines(appeal, "R003-21").mapped("points"),
                [points] if points else [],
                contact,
            )
            if points:
                self.assertEqual(
                    self._lines(appeal, "R003-21").department_id, self.network
                )

    def test_r003_26_handling_time_bands(self):
        """Solution due Thursday 10:00 Beijing: late into the 1st, 2nd and 3rd working
        day costs 3, 5 and 10 points; on time costs nothing."""
        cases = (
            ("2026-11-19 01:59:00", 0, None),
            ("2026-11-19 03:00:00", 1, 3.0),  # Thursday
            ("2026-11-20 03:00:00", 2, 5.0),  # Friday
            ("2026-11-23 03:00:00", 3, 10.0),  # Monday: the weekend does not count
        )
        for index, (solved, days, points) in enumerate(cases):
            appeal = self._received(
                "2026-11-18 02:00:00", complainant_phone=f"1380000{index:04d}"
            )
            self._event(appeal, "solution_proposed", solved)
            solution = appeal.deadline_ids.filtered(
                lambda line: line.milestone_id.code == "solution"
            )
            self.assertEqual(solution.overdue_working_days, days, solved)
            self.assertEqual(
                self._lines(appeal, "R003-26/solution").mapped("points"),
                [points] if points else [],
                solved,
            )

    def test_r003_27_the_same_problem_late_again_doubles(self):
        first = self._received("2026-11-02 02:00:00")
        self._event(first, "solution_proposed", "2026-11-03 03:00:00")
        second = self._received("2026-11-16 02:00:00")
        self.assertEqual(
            second.repeat_of_id,
            first,
            "same customer and problem within 30 days (R003-32)",
        )
        self._event(second, "solution_proposed", "2026-11-17 03:00:00")
        self.assertEqual(self._lines(first, "R003-26/solution").points, 3.0)
        self.assertEqual(self._lines(second, "R003-26/solution").points, 6.0)
        other = self._received(
            "2026-11-16 02:00:00",
            complainant_phone="13900001111",
            partner_name="王女士",
        )
        self._event(other, "solution_proposed", "2026-11-17 03:00:00")
        self.assertEqual(
            self._lines(other, "R003-26/solution").points,
            3.0,
            "another customer is no repeat",
        )

    def test_r003_41_unsatisfied_rating_reviewed_late(self):
        appeal = self._received("2026-11-16 02:00:00")
        self._event(appeal, "unsatisfied_callback", "2026-11-17 02:00:00")
        self._event(appeal, "cause_review", "2026-11-18 01:59:00")
        self.assertFalse(self._lines(appeal, "R003-41"), "reviewed within 24 hours")
        # Every unsatisfied rating has its own review clock (a recurring milestone).
        self._event(appeal, "unsatisfied_callback", "2026-11-19 02:00:00")
        self._event(appeal, "cause_review", "2026-11-20 02:30:00")
        self.assertEqual(
            self._lines(appeal, "R003-41").mapped("points"),
            [1.0],
            "the second review was late",
        )
        late = self._received("2026-11-16 02:00:00", complainant_phone="13900002222")
        self._event(late, "unsatisfied_callback", "2026-11-17 02:00:00")
        self._event(late, "cause_review", "2026-11-18 02:01:00")
        self.assertEqual(
            [
                (line.department_id, line.points)
                for line in self._lines(late, "R003-41")
            ],
            [(self.office_department, 1.0)],
        )

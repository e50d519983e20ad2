from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP_DEPARTMENT_MANAGER
from .people_common import PeopleCase


@tagged("post_install", "-at_install")
class TestServiceStars(PeopleCase):
    """Service stars (R001-20 to R001-25): eligibility from the records, the quota and
    its pools, nomination by the department, audit and approval by the group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk_post = cls.env.ref(
            "helpdesk_utility_complaint.job_customer_service_clerk"
        )
        cls.hall = cls.env["hr.department"].create({"name": "Business Hall"})
        cls.hall_counter = cls.env["hr.department"].create(
            {"name": "Counter Section", "parent_id": cls.hall.id}
        )
        cls.hall_manager = cls._user("hall_manager", GROUP_DEPARTMENT_MANAGER, cls.hall)
        cls.hall.manager_id = cls.hall_manager.employee_id
        cls.hall_rep = cls._employee("Representative Chen", cls.hall_counter)
        cls.clerks = [
            cls._employee(f"Clerk {index}", cls.hall_counter, job=cls.clerk_post)
            for index in range(9)
        ]
        cls.Round = cls.env["helpdesk.star.round"]

    def _round(self, department=None, user=None, **values):
        return self.Round.with_user(user or self.hall_manager).create(
            {
                "department_id": (department or self.hall).id,
                "period_type": "quarter",
                "year": 2026,
                "quarter": "1",
                **values,
            }
        )

    def _nominate(self, round_, employee, user=None):
        return (
            self.env["helpdesk.star.nomination"]
            .with_user(user or self.hall_manager)
            .create({"round_id": round_.id, "employee_id": employee.id})
        )

    def _staffed(self, posts, managers=0):
        department = self.env["hr.department"].create(
            {"name": f"Dept {posts}/{managers}"}
        )
        for index in range(posts):
            self._employee(f"Post {index}", department, job=self.clerk_post)
        for index in range(managers):
            self._employee(
                f"Supervisor {index}", department, is_section_level_manager=True
            )
        return self._round(department, user=self.hr_officer)

    # ------------------------------------------------------------------
    # Quota (R001-22, R001-23)
    # ------------------------------------------------------------------

    def test_r001_23_quota_is_rounded_down_at_9_10_and_11_posts(self):
        quotas = [self._staffed(posts).quota_staff for posts in (9, 10, 11)]
        self.assertEqual(quotas, [1, 2, 2])
        self.preset.star_quota_rounding = "half_up"
        self.assertEqual(self._staffed(13).quota_staff, 3)
        self.preset.star_quota_rounding = "at_least_one"
        self.assertEqual(self._staffed(4).quota_staff, 1)

    def test_r001_22_managers_have_their_own_pool_from_five(self):
        four = self._staffed(10, managers=4)
        self.assertEqual(
            (four.separate_manager_pool, four.headcount_staff, four.quota_staff),
            (False, 14, 2),
        )
        five = self._staffed(10, managers=5)
        self.assertEqual(
            (
                five.separate_manager_pool,
                five.headcount_staff,
                five.quota_staff,
                five.headcount_managers,
                five.quota_managers,
            ),
            (True, 10, 2, 5, 1),
        )

    # ------------------------------------------------------------------
    # Eligibility (R001-20, R001-21)
    # ------------------------------------------------------------------

    def test_r001_20_three_clean_months_of_the_quarter(self):
        c = self.clerks
        # A confirmed complaint in February, an inspection finding in January, a dispute
        # in March; a cancelled complaint and one of April do not count.
        self._service_case(
            department_id=self.hall.id,
            employee_id=c[0].id,
            when=datetime(2026, 2, 3, 2, 0),
        )
        inspection = (
            self.env["helpdesk.service.inspection"]
            .with_user(self.office_user)
            .create(
                {
                    "date": date(2026, 1, 20),
                    "employee_id": c[1].id,
                    "result": "finding",
                    "findings": "Uniform not worn.",
                }
            )
        )
        inspection.action_confirm()
        self.env["helpdesk.service.dispute"].with_user(self.office_user).create(
            {
                "date": date(2026, 3, 31),
                "employee_id": c[2].id,
                "description": "Argued.",
            }
        )
        withdrawn = self._service_case(
            department_id=self.hall.id, employee_id=c[3].id, confirm=False
        )
        withdrawn._cancel("Not our staff.")
        self._service_case(
            department_id=self.hall.id,
            employee_id=c[4].id,
            when=datetime(2026, 4, 1, 2, 0),
        )
        outside = self._employee(
            "Driver Sun", self.hall_counter, job=self.env["hr.job"]
        )
        round_ = self._round()
        eligible = round_.eligible_employee_ids
        self.assertFalse((c[0] | c[1] | c[2] | outside) & eligible)
        self.assertEqual(
            (c[3] | c[4] | self.hall_rep) & eligible, c[3] | c[4] | self.hall_rep
        )
        with self.assertRefused(ValidationError, "not eligible"):
            self._nominate(round_, c[0])
        with self.assertRefused(ValidationError, "not in a service post"):
            self._nominate(round_, outside)

    def test_r001_21_six_consecutive_clean_months_in_the_year(self):
        Dispute = self.env["helpdesk.service.dispute"].with_user(self.office_user)
        for employee, months in ((self.clerks[5], (3, 10)), (self.clerks[6], (3, 9))):
            for month in months:
                Dispute.create(
                    {
                        "date": date(2026, month, 15),
                        "employee_id": employee.id,
                        "description": "Dispute at the counter.",
                    }
                )
        annual = self._round(period_type="year", quarter=False)
        self.assertIn(
            self.clerks[5], annual.eligible_employee_ids, "April to September"
        )
        self.assertNotIn(self.clerks[6], annual.eligible_employee_ids, "five at most")

    # ------------------------------------------------------------------
    # Nomination, audit, approval (R001-24)
    # ------------------------------------------------------------------

    def _submitted_round(self):
        round_ = self._round()
        self._nominate(round_, self.hall_rep)
        self._nominate(round_, self.clerks[0])
        with freeze_time("2026-04-10 02:00:00"):
            round_.action_submit()
        return round_

    def test_r001_24_the_group_audits_then_approves_and_stars_are_paid(self):
        with self.assertRefused(UserError, "once its period is over"):
            with freeze_time("2026-03-31 02:00:00"):
                round_ = self._round()
                self._nominate(round_, self.hall_rep)
                round_.action_submit()
        round_ = self._submitted_round()
        self.assertEqual(round_.state, "submitted")
        with self.assertRefused(AccessError, "not your turn"):
            round_.with_user(self.office_user).validate_tier()
        with self.assertRefused(AccessError, "not your turn"):
            round_.with_user(self.leader).validate_tier()
        with freeze_time("2026-04-15 02:00:00"):
            round_.with_user(self.hr_officer).validate_tier()
            self.assertEqual(round_.state, "submitted")
            round_.with_user(self.leader).validate_tier()
        self.assertEqual(round_.state, "approved")
        self.assertEqual(set(round_.nomination_ids.mapped("state")), {"approved"})
        lines = round_.nomination_ids.money_line_ids
        self.assertEqual(
            sorted((line.employee_id.name, line.amount) for line in lines),
            sorted([(self.hall_rep.name, 1000), (self.clerks[0].name, 500)]),
        )
        self.assertEqual(set(lines.mapped("period_id.name")), {"2026-04"})
        self.assertEqual(set(lines.mapped("state")), {"confirmed"})
        with self.assertRefused(UserError, "no longer open"):
            self._nominate(round_, self.clerks[1])

    def test_r001_24_a_false_nomination_disqualifies_the_whole_round(self):
        round_ = self._submitted_round()
        false = round_.nomination_ids.filtered(
            lambda n: n.employee_id == self.clerks[0]
        )
        with self.assertRefused(AccessError, "not your turn"):
            false.with_user(self.hall_manager).write({"audit_note": "fine"})
        false.with_user(
            self.hr_officer
        ).audit_note = "Had a dispute in March the department hid."
        with self.assertRefused(AccessError, "audits nominations"):
            false.with_user(self.office_user).action_mark_false()
        false.with_user(self.hr_officer).action_mark_false()
        self.assertEqual(round_.state, "disqualified")
        self.assertEqual(set(round_.nomination_ids.mapped("state")), {"rejected"})
        self.assertIn("hid", round_.disqualified_reason)
        self.assertFalse(round_.nomination_ids.money_line_ids)
        self.assertFalse(round_.with_user(self.leader).can_review)

    def test_r001_24_bad_nominations_are_refused_and_nothing_is_written(self):
        round_ = self._round()
        self._nominate(round_, self.hall_rep)
        self._nominate(round_, self.clerks[0])
        with self.assertRefused(ValidationError, "over the quota"):
            self._nominate(round_, self.clerks[1])
        self.assertEqual(len(round_.nomination_ids), 2)
        with self.assertRefused(ValidationError, "nominates its own people"):
            round_.nomination_ids[0].with_user(
                self.hall_manager
            ).employee_id = self.reader
        with self.assertRefused(AccessError, "."):
            self._nominate(round_, self.clerks[2], user=self.network_manager)
        with self.assertRefused(AccessError, "."):
            self._round(self.hall, user=self.network_manager, quarter="2")
        with self.assertRefused(UserError, "moves only with its buttons"):
            round_.with_user(self.hall_manager).write({"state": "approved"})
        with self.assertRefused(UserError, "audit decides the rest"):
            round_.nomination_ids[0].with_user(self.hall_manager).state = "approved"
        with self.assertRefused(UserError, "departments, not sections"):
            self._round(self.hall_counter, user=self.hr_officer)
        self.assertEqual(len(round_.nomination_ids), 2)

    def test_r001_22_section_level_managers_earn_the_higher_tier(self):
        supervisor = self._employee(
            "Supervisor Zhou",
            self.hall_counter,
            job=self.clerk_post,
            is_section_level_manager=True,
        )
        round_ = self._round(period_type="year", quarter=False)
        nomination = self._nominate(round_, supervisor)
        self.assertEqual(
            (nomination.star_pool, nomination.tier, nomination.amount),
            ("staff", "high", 2000),
            "fewer than 5 managers: in the staff pool, at the higher tier",
        )

    # ------------------------------------------------------------------
    # Ratings (R001-25, R001-09, R001-12, R001-18)
    # ------------------------------------------------------------------

    def test_r001_25_excellent_needs_the_years_service_star(self):
        Rating = self.env["helpdesk.people.rating"].with_user(self.hr_officer)
        with self.assertRefused(ValidationError, "needs a service star"):
            Rating.create(
                {"employee_id": self.hall_rep.id, "year": 2026, "rating": "excellent"}
            )
        with self.assertRefused(AccessError, "appraisal officers"):
            self.env["helpdesk.people.rating"].with_user(self.hall_manager).create(
                {"employee_id": self.hall_rep.id, "year": 2026, "rating": "competent"}
            )
        quarterly = self._submitted_round()
        quarterly.with_user(self.hr_officer).validate_tier()
        quarterly.with_user(self.leader).validate_tier()
        with self.assertRefused(ValidationError, "needs a service star"):
            Rating.create(
                {"employee_id": self.hall_rep.id, "year": 2026, "rating": "excellent"}
            )
        self.preset.excellent_star_scope = "any"
        rating = Rating.create(
            {"employee_id": self.hall_rep.id, "year": 2026, "rating": "excellent"}
        )
        self.assertEqual(rating.rating, "excellent")
        manager = Rating.create(
            {
                "employee_id": self.hall_manager.employee_id.id,
                "year": 2026,
                "rating": "excellent",
            }
        )
        self.assertEqual(manager.rating, "excellent", "not a service post")

    def test_r001_12_r001_18_ratings_stay_within_the_lowest_cap(self):
        for month in (3, 4):
            self._service_case(
                employee_id=self.reader.id, when=datetime(2026, month, 2, 2, 0)
            )
        Rating = self.env["helpdesk.people.rating"].with_user(self.hr_officer)
        with self.assertRefused(ValidationError, "at most Basically Competent"):
            Rating.create(
                {"employee_id": self.reader.id, "year": 2026, "rating": "competent"}
            )
        rating = Rating.create(
            {
                "employee_id": self.reader.id,
                "year": 2026,
                "rating": "basically_competent",
            }
        )
        self.assertEqual(
            (rating.cap, rating.bonus_factor), ("basically_competent", 0.8)
        )
        other_year = Rating.create(
            {"employee_id": self.reader.id, "year": 2025, "rating": "competent"}
        )
        self.assertFalse(other_year.cap)

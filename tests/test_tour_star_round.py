from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_APPRAISAL, GROUP_DEPARTMENT_MANAGER, GROUP_LEADER


@tagged("post_install", "-at_install")
class TestStarRoundTour(HttpCase):
    """R001-20 to R001-24 in the web client: a quarterly round, each step by its
    role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.company.complaint_preset_id = env.ref(
            "helpdesk_utility_complaint.preset_water_hotline"
        )
        cls.hall = env["hr.department"].create({"name": "Tour Business Hall"})

        def user(login, group, department=None):
            account = new_test_user(
                env, login=login, groups=group, name=login, password=login
            )
            if department:
                env["hr.employee"].create(
                    {
                        "name": login,
                        "user_id": account.id,
                        "department_id": department.id,
                    }
                )
            return account

        cls.hall_head = user("tour_hall_head", GROUP_DEPARTMENT_MANAGER, cls.hall)
        cls.hall.manager_id = cls.hall_head.employee_id
        cls.hr_officer = user("tour_star_hr", GROUP_APPRAISAL)
        cls.leader = user("tour_star_leader", GROUP_LEADER)
        representative = env.ref(
            "helpdesk_utility_complaint.job_customer_representative"
        )
        clerk = env.ref("helpdesk_utility_complaint.job_customer_service_clerk")
        cls.representative = env["hr.employee"].create(
            {
                "name": "Tour Representative",
                "department_id": cls.hall.id,
                "job_id": representative.id,
            }
        )
        env["hr.employee"].create(
            [
                {
                    "name": f"Tour Clerk {n}",
                    "department_id": cls.hall.id,
                    "job_id": clerk.id,
                }
                for n in range(4)
            ]
        )
        # The last quarter that is over.
        today = fields.Date.today()
        quarter = (today.month - 1) // 3
        year = today.year if quarter else today.year - 1
        cls.round = (
            env["helpdesk.star.round"]
            .with_user(cls.hall_head)
            .create(
                {
                    "department_id": cls.hall.id,
                    "period_type": "quarter",
                    "year": year,
                    "quarter": str(quarter or 4),
                }
            )
        )

    def test_r001_24_a_quarterly_star_round_in_the_browser(self):
        url = f"/odoo/star-rounds/{self.round.id}"
        self.start_tour(url, "star_round_nominate", login=self.hall_head.login)
        self.assertEqual(self.round.state, "submitted")
        self.assertEqual(self.round.nomination_ids.employee_id, self.representative)
        self.start_tour(url, "star_round_audit", login=self.hr_officer.login)
        self.start_tour(url, "star_round_approve", login=self.leader.login)
        self.assertEqual(self.round.state, "approved")
        line = self.round.nomination_ids.money_line_ids
        self.assertEqual((line.employee_id, line.amount), (self.representative, 1000))

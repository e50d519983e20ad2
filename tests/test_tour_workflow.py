from odoo.tests import HttpCase, new_test_user, tagged

from .common import (
    GROUP_APPRAISAL,
    GROUP_DEPARTMENT_MANAGER,
    GROUP_HANDLER,
    GROUP_LEADER,
    GROUP_OFFICE,
)


@tagged("post_install", "-at_install")
class TestWorkflowTour(HttpCase):
    """The main flows in the browser, each step by the role that owns it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        company = env.company
        company.complaint_preset_id = env.ref(
            "helpdesk_utility_complaint.preset_water_company"
        )
        Department = env["hr.department"]
        office = Department.create({"name": "Tour Customer Service"})
        cls.billing = Department.create({"name": "Tour Billing"})
        cls.network = Department.create({"name": "Tour Network"})
        cls.repair = Department.create(
            {"name": "Tour Repair Team", "parent_id": cls.network.id}
        )

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

        cls.office_user = user("tour_office", GROUP_OFFICE, office)
        cls.office_leader = user("tour_office_leader", GROUP_LEADER)
        cls.billing_handler = user("tour_billing", GROUP_HANDLER, cls.billing)
        cls.network_handler = user("tour_network", GROUP_HANDLER, cls.repair)
        cls.network_head = user(
            "tour_network_head", GROUP_DEPARTMENT_MANAGER, cls.network
        )
        cls.network_leader = user("tour_network_leader", GROUP_LEADER)
        cls.general_manager = user("tour_gm", GROUP_LEADER)
        cls.network.write(
            {
                "manager_id": cls.network_head.employee_id.id,
                "supervising_leader_id": cls.network_leader.id,
            }
        )
        office.supervising_leader_id = cls.office_leader
        hr = Department.create({"name": "Tour HR"})
        cls.hr_officer = user("tour_hr", GROUP_APPRAISAL, hr)
        company.write(
            {
                "complaint_office_department_id": office.id,
                "complaint_general_manager_id": cls.general_manager.id,
                "complaint_hr_department_id": hr.id,
            }
        )

    def _step(self, tour, user, appeal=None):
        url = f"/odoo/appeal-ledger/{appeal.id}" if appeal else "/odoo/appeal-ledger"
        self.start_tour(url, tour, login=user.login)

    def test_complaint_from_registration_to_closed(self):
        """R000-04..R000-06, R000-11, R000-13, R000-22, R002-13, R002-21: one complaint,
        every role, in the web client."""
        self._step("appeal_flow_register", self.office_user)
        appeal = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour complaint: no water on floor 6")]
        )
        self.assertEqual(appeal.state, "awaiting_instruction")
        self._step("appeal_flow_instruct", self.office_leader, appeal)
        self._step("appeal_flow_dispatch_billing", self.office_user, appeal)
        self.assertEqual(appeal.department_id, self.billing)
        self._step("appeal_flow_hand_back", self.billing_handler, appeal)
        self.assertEqual(appeal.hand_back_count, 1)
        self._step("appeal_flow_dispatch_network", self.office_user, appeal)
        self._step("appeal_flow_report", self.network_handler, appeal)
        self.assertEqual(appeal.state, "reported")
        self.assertEqual(appeal.report_attachment_ids.name, "signed-report.pdf")
        for approver in (
            self.network_head,
            self.network_leader,
            self.office_leader,
            self.general_manager,
        ):
            self._step("appeal_flow_approve", approver, appeal)
        self.assertEqual(appeal.state, "approved")
        self._step("appeal_flow_reply_and_callback", self.office_user, appeal)
        self.assertEqual(appeal.state, "closed")
        self.assertEqual(appeal.satisfaction, "satisfied")
        self.assertEqual(
            [
                code
                for code in appeal.event_ids.mapped("event_code")
                if code != "stage_change"
            ],
            [
                "receipt", "leader_submission", "dispatch", "hand_back", "dispatch",
                "investigation_started", "acceptance", "completion",
                "department_report", "final_reply", "callback", "close",
            ],
        )  # fmt: skip
        self.assertTrue(
            all(review.status == "approved" for review in appeal.review_ids)
        )

    def test_consultation_answered_on_the_spot(self):
        """R000-04, R002-04: answered at once by the office, then closed."""
        self._step("appeal_flow_consultation_on_the_spot", self.office_user)
        appeal = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour consultation: how to pay the bill")]
        )
        self.assertEqual(appeal.state, "closed")
        self.assertTrue(appeal.answered_on_spot)
        self.assertNotIn("dispatch", appeal.event_ids.mapped("event_code"))

    def test_liability_finding_by_hr(self):
        """R000-57, R000-59, R001-29: HR records the finding in the browser; the table's
        points go to the ledger as a draft line open to contest."""
        appeal = (
            self.env["helpdesk.ticket"]
            .with_user(self.office_user)
            .create(
                {
                    "name": "Tour complaint: nobody came to check the pressure",
                    "description": "<p>Nobody came in three days.</p>",
                    "channel_id": self.env.ref(
                        "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                    ).id,
                    "nature_id": self.env.ref(
                        "helpdesk_utility_complaint.nature_complaint"
                    ).id,
                    "category_id": self.env.ref(
                        "helpdesk_utility_complaint.cat_water_pressure"
                    ).id,
                    "partner_name": "钱先生",
                    "complainant_phone": "13905332222",
                    "department_id": self.network.id,
                    "section_id": self.repair.id,
                }
            )
        )
        self._step("appeal_flow_liability_finding", self.hr_officer, appeal)
        finding = appeal.finding_ids
        self.assertEqual(
            (finding.rule_id.code, finding.state, finding.investigator_id),
            ("R000-59", "confirmed", self.hr_officer),
        )
        line = appeal.deduction_ids
        self.assertEqual(
            (line.department_id, line.points, line.state), (self.network, 2.0, "draft")
        )
        self.assertTrue(line.contest_deadline)

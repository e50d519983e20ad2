from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComplaintCase

# Odoo's message for a relation to a record of another company (_check_company).
OTHER_COMPANY = "belongs to company|company inconsistencies|Incompatible companies"


@tagged("post_install", "-at_install")
class TestCompanyConsistency(ComplaintCase):
    """Multi-company: an appeal, a deadline policy, a company's complaint settings,
    early warnings and supervision orders only point at records of their own company
    (or shared ones without a company), with a clear error otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "Heating Company B"})
        cls.env.user.company_ids |= cls.other
        cls.other_department = cls.env["hr.department"].create(
            {"name": "B Network", "company_id": cls.other.id}
        )
        cls.other_section = cls.env["hr.department"].create(
            {
                "name": "B Repair",
                "company_id": cls.other.id,
                "parent_id": cls.other_department.id,
            }
        )
        cls.other_employee = cls.env["hr.employee"].create(
            {
                "name": "B Handler",
                "company_id": cls.other.id,
                "department_id": cls.other_department.id,
            }
        )
        cls.other_team = cls.env["helpdesk.ticket.team"].create(
            {"name": "B Hotline", "company_id": cls.other.id}
        )
        cls.other_calendar = cls.env["resource.calendar"].create(
            {"name": "B hours", "company_id": cls.other.id}
        )
        cls.other_category = cls.env["helpdesk.ticket.category"].create(
            {"name": "B Radiators", "company_id": cls.other.id}
        )
        cls.other_nature = cls.env["helpdesk.ticket.nature"].create(
            {"name": "B Complaint", "code": "b_complaint", "company_id": cls.other.id}
        )

    def assertOtherCompanyRefused(self):
        return self.assertRefused(UserError, OTHER_COMPANY)

    def _appeal_as_admin(self, **values):
        # As an administrator of both companies: record rules would hide the other
        # company's records from the office before the company check could speak.
        return self._appeal(**values).with_env(self.env)

    def test_appeal_refuses_units_of_another_company(self):
        """Departments, section, handler, co-handling departments of another company."""
        appeal = self._appeal_as_admin()
        for values in (
            {"department_id": self.other_department.id},
            {"receiving_department_id": self.other_department.id},
            {"co_department_ids": [Command.set(self.other_department.ids)]},
            {
                "department_id": self.other_department.id,
                "section_id": self.other_section.id,
            },
        ):
            with self.subTest(values=values), self.assertOtherCompanyRefused():
                appeal.write(values)
        # The handler check (R000-21) may speak first: both refuse.
        with self.assertRefused(UserError, f"{OTHER_COMPANY}|does not work in"):
            appeal.write({"handler_employee_id": self.other_employee.id})
        with self.assertOtherCompanyRefused():
            self.env["helpdesk.ticket"].create(
                {
                    "name": "Cold radiators",
                    "description": "<p>x</p>",
                    "channel_id": self.phone.id,
                    "nature_id": self.complaint.id,
                    "department_id": self.other_department.id,
                }
            )
        self.assertFalse(appeal.department_id)
        self.assertNotEqual(appeal.receiving_department_id, self.other_department)

    def test_appeal_refuses_team_category_nature_of_another_company(self):
        appeal = self._appeal_as_admin()
        for values in (
            {"team_id": self.other_team.id},
            {"category_id": self.other_category.id},
            {"nature_id": self.other_nature.id},
        ):
            with self.subTest(values=values), self.assertOtherCompanyRefused():
                appeal.write(values)
        self.assertEqual(appeal.nature_id, self.complaint)
        # A team of the other company moves a new ticket there (helpdesk_mgmt); then
        # this company's departments are the foreign ones.
        with self.assertOtherCompanyRefused():
            self.env["helpdesk.ticket"].create(
                {
                    "name": "Cold radiators",
                    "description": "<p>x</p>",
                    "team_id": self.other_team.id,
                    "department_id": self.network.id,
                }
            )

    def test_shared_records_without_company_are_accepted(self):
        shared_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Shared team", "company_id": False}
        )
        appeal = self._appeal(team_id=shared_team.id)
        self.assertEqual(appeal.team_id, shared_team)
        self.assertFalse(self.phone.company_id, "shipped channels are shared")
        self.assertEqual(appeal.channel_id, self.phone)

    def test_deadline_policy_refuses_calendar_team_category_of_another_company(self):
        policy = self.env["helpdesk.sla.policy"].create(
            {
                "name": "A policy",
                "preset_id": self.env.ref(
                    "helpdesk_utility_complaint.preset_water_hotline"
                ).id,
                "company_id": self.company.id,
            }
        )
        for values in (
            {"calendar_id": self.other_calendar.id},
            {"team_ids": [Command.set(self.other_team.ids)]},
            {"category_ids": [Command.set(self.other_category.ids)]},
            {"nature_ids": [Command.set(self.other_nature.ids)]},
        ):
            with self.subTest(values=values), self.assertOtherCompanyRefused():
                policy.write(values)
        self.assertFalse(policy.calendar_id)

    def test_company_settings_refuse_records_of_another_company(self):
        """The preset's company settings: office, HR and chief engineer departments,
        the complaint calendar and the general manager belong to the company."""
        outsider = self.env["res.users"].create(
            {
                "name": "B General Manager",
                "login": "test_b_general_manager",
                "company_id": self.other.id,
                "company_ids": [Command.set(self.other.ids)],
            }
        )
        for values in (
            {"complaint_office_department_id": self.other_department.id},
            {"complaint_hr_department_id": self.other_department.id},
            {"complaint_chief_engineer_department_id": self.other_department.id},
            {"complaint_calendar_id": self.other_calendar.id},
            {"complaint_general_manager_id": outsider.id},
        ):
            with self.subTest(values=values), self.assertOtherCompanyRefused():
                self.company.write(values)
        self.company.complaint_office_department_id = self.office_department
        self.assertEqual(
            self.company.complaint_office_department_id.company_id, self.company
        )

    def test_supervision_order_and_early_warning_refuse_another_company(self):
        appeal = self._appeal_as_admin(department_id=self.network.id)
        with self.assertOtherCompanyRefused():
            self.env["helpdesk.supervision.order"].create(
                {
                    "ticket_id": appeal.id,
                    "trigger": "manual",
                    "reason": "Checking",
                    "department_id": self.other_department.id,
                }
            )
        with self.assertOtherCompanyRefused():
            self.env["helpdesk.early.warning"].create(
                {
                    "company_id": self.company.id,
                    "department_id": self.other_department.id,
                    "ticket_ids": [Command.set(appeal.ids)],
                }
            )

from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.helpdesk_utility_complaint import groups

GROUP_HANDLER = groups.HANDLER
GROUP_DEPARTMENT_MANAGER = groups.DEPARTMENT_MANAGER
GROUP_OFFICE = groups.OFFICE
GROUP_APPRAISAL = groups.APPRAISAL
GROUP_MANAGER = groups.MANAGER
GROUP_LEADER = groups.LEADER


class ComplaintCase(TransactionCase):
    """A company with two handling departments, a section, and one user per role.

    Tests build their own data: they never rely on the demo utility.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # System texts follow the company's language (Chinese in the demo); the tests
        # read them in English unless they choose a language themselves.
        cls.company.partner_id.lang = "en_US"
        Department = cls.env["hr.department"]
        cls.office_department = Department.create({"name": "Customer Service Center"})
        cls.network = Department.create({"name": "Network Department"})
        cls.repair_section = Department.create(
            {"name": "Repair Team", "parent_id": cls.network.id}
        )
        cls.billing = Department.create({"name": "Billing Department"})

        cls.office_user = cls._user("office_clerk", GROUP_OFFICE, cls.office_department)
        cls.network_handler = cls._user(
            "network_handler", GROUP_HANDLER, cls.repair_section
        )
        cls.network_manager = cls._user(
            "network_manager", GROUP_DEPARTMENT_MANAGER, cls.network
        )
        cls.billing_handler = cls._user("billing_handler", GROUP_HANDLER, cls.billing)
        cls.hr_officer = cls._user("hr_officer", GROUP_APPRAISAL, None)
        cls.complaint_manager = cls._user("complaint_manager", GROUP_MANAGER, None)
        cls.network.manager_id = cls.network_manager.employee_id

        cls.phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.hotline_12345 = cls.env.ref("helpdesk_utility_complaint.channel_12345")
        cls.complaint = cls.env.ref("helpdesk_utility_complaint.nature_complaint")
        cls.consultation = cls.env.ref("helpdesk_utility_complaint.nature_consultation")
        cls.low_pressure = cls.env.ref("helpdesk_utility_complaint.cat_water_pressure")

    @classmethod
    def _user(cls, login, groups, department):
        user = new_test_user(cls.env, login=f"test_{login}", groups=groups, name=login)
        if department:
            cls.env["hr.employee"].create(
                {"name": login, "user_id": user.id, "department_id": department.id}
            )
        return user

    @contextmanager
    def assertRefused(self, exception, pattern):
        """The call is refused with ``exception`` whose message matches ``pattern``.

        Built on assertRaises, which rolls back to a savepoint: whatever the refused
        call wrote is undone, as the request's transaction would be.
        """
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def _appeal(cls, **values):
        """Register an appeal as the response office would (None leaves a value out)."""
        vals = {
            "name": "Low water pressure on the sixth floor",
            "description": "<p>No water above the fifth floor in the evening.</p>",
            "channel_id": cls.phone.id,
            "nature_id": cls.complaint.id,
            "category_id": cls.low_pressure.id,
            "partner_name": "张先生",
            "complainant_phone": "13805331234",
            "complainant_address": "华光路100号3单元",
        }
        vals.update(values)
        vals = {key: value for key, value in vals.items() if value is not None}
        return cls.env["helpdesk.ticket"].with_user(cls.office_user).create(vals)

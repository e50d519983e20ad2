from datetime import datetime

from freezegun import freeze_time

from .common import GROUP_LEADER, ComplaintCase


class PeopleCase(ComplaintCase):
    """The water-group hotline preset (seed 001) with people in posts: a department with
    a section and its head, a department principal, supervising leader, Party head,
    deputy and professional line head, and service-post staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.preset = env.ref("helpdesk_utility_complaint.preset_water_hotline")
        cls.company.write(
            {
                "complaint_preset_id": cls.preset.id,
                "complaint_office_department_id": cls.office_department.id,
            }
        )
        cls.leadership = env["hr.department"].create({"name": "Group Leadership"})
        cls.leader = cls._user("group_leader", GROUP_LEADER, cls.leadership)
        cls.representative = env.ref(
            "helpdesk_utility_complaint.job_customer_representative"
        )
        cls.inspector_post = env.ref("helpdesk_utility_complaint.job_network_inspector")
        cls.repair_head = cls._employee("Repair Head", cls.repair_section)
        cls.repair_section.manager_id = cls.repair_head
        cls.party_head = cls._employee("Network Party Head", cls.network)
        cls.deputy = cls._employee("Network Deputy", cls.network)
        cls.line_head = cls._employee("Water Supply Line Head", cls.leadership)
        cls.network.write(
            {
                "supervising_leader_id": cls.leader.id,
                "party_secretary_id": cls.party_head.id,
                "deputy_employee_ids": [(6, 0, cls.deputy.ids)],
                "professional_line_head_id": cls.line_head.id,
            }
        )
        cls.principal = cls.network_manager.employee_id
        cls.reader = cls._employee("Meter Reader Wang", cls.repair_section)
        cls.patroller = cls._employee(
            "Patroller Li", cls.repair_section, job=cls.inspector_post
        )
        cls.vendor = env["res.partner"].create({"name": "Labour Services Ltd."})
        cls.contractor = cls._employee(
            "Contract Worker Zhao",
            cls.repair_section,
            is_outsourced=True,
            staffing_vendor_id=cls.vendor.id,
        )
        cls.attitude_category = env.ref(
            "helpdesk_utility_complaint.cat_service_attitude"
        )
        cls.Case = env["helpdesk.service.case"]
        cls.Money = env["helpdesk.money.line"]
        cls.Rule = env["helpdesk.penalty.rule"]

    @classmethod
    def _employee(cls, name, department, job=None, **values):
        return cls.env["hr.employee"].create(
            {
                "name": name,
                "department_id": department.id,
                "job_id": (cls.representative if job is None else job).id,
                **values,
            }
        )

    def _service_case(self, when=None, confirm=True, **values):
        """A service case as the CSC records it on an appeal; confirmed after its window
        unless ``confirm`` is False."""
        when = when or datetime(2026, 3, 10, 2, 0)
        self._appeals = getattr(self, "_appeals", 0) + 1
        appeal_values = {
            "category_id": self.attitude_category.id,
            "department_id": self.network.id,
            "received_at": when,
            "complainant_phone": f"1380000{self._appeals:04d}",
        }
        channel = values.pop("channel", None)
        if channel:
            appeal_values["channel_id"] = channel.id
        if channel == self.hotline_12345:
            appeal_values.update(
                platform_reference=f"ZB-{self._appeals}",
                platform_deadline=datetime(2099, 1, 1),
            )
        with freeze_time(when):
            appeal = self._appeal(**appeal_values)
            case = self.Case.with_user(self.office_user).create(
                {
                    "ticket_id": appeal.id,
                    "kind": "attitude",
                    "department_id": self.network.id,
                    "facts": "Spoke rudely to the customer.",
                    **values,
                }
            )
        if confirm:
            with freeze_time(case.contest_deadline):
                self.Case._cron_confirm_uncontested()
        return case

    def _lines(self, code=None, **domain):
        lines = self.Money.search(
            [("company_id", "=", self.company.id), ("state", "!=", "cancelled")]
            + [(name, "=", value) for name, value in domain.items()]
        )
        return lines.filtered(lambda line: line.rule_code == code) if code else lines

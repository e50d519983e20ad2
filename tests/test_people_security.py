import io
from datetime import datetime

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.helpdesk_utility_complaint import groups

from .common import GROUP_DEPARTMENT_MANAGER
from .people_common import PeopleCase


@tagged("post_install", "-at_install")
class TestPeopleAccess(PeopleCase):
    """A department sees its own people, cases, money lines and nominations; a person
    their own; HR, the CSC and the group's leaders see all. Payroll gets one sheet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.billing_manager = cls._user(
            "billing_manager", GROUP_DEPARTMENT_MANAGER, cls.billing
        )
        cls.billing.manager_id = cls.billing_manager.employee_id
        cls.cashier = cls._employee("Cashier Liu", cls.billing)

    def _both_departments(self):
        network_case = self._service_case(employee_id=self.reader.id)
        billing_case = self._service_case(
            department_id=self.billing.id, employee_id=self.cashier.id
        )
        Round = self.env["helpdesk.star.round"]
        network_round = Round.with_user(self.network_manager).create(
            {"department_id": self.network.id, "year": 2026, "quarter": "1"}
        )
        billing_round = Round.with_user(self.billing_manager).create(
            {"department_id": self.billing.id, "year": 2026, "quarter": "1"}
        )
        return network_case, billing_case, network_round, billing_round

    def test_a_department_sees_its_own_people_and_nominations_only(self):
        network_case, billing_case, network_round, billing_round = (
            self._both_departments()
        )
        for model, network_records, billing_records in (
            ("helpdesk.service.case", network_case, billing_case),
            (
                "helpdesk.money.line",
                network_case.money_line_ids,
                billing_case.money_line_ids,
            ),
            ("helpdesk.star.round", network_round, billing_round),
        ):
            Model = self.env[model]
            for user, own, other in (
                (self.network_manager, network_records, billing_records),
                (self.billing_manager, billing_records, network_records),
            ):
                seen = Model.with_user(user).search([("id", "in", (own | other).ids)])
                self.assertEqual(seen, own, f"{model} for {user.login}")
                with self.assertRaises(AccessError):
                    other.with_user(user).read(["id"])
            for user in (self.hr_officer, self.office_user, self.leader):
                seen = Model.with_user(user).search(
                    [("id", "in", (network_records | billing_records).ids)]
                )
                self.assertEqual(seen, network_records | billing_records, user.login)

    def test_a_person_sees_their_own_money_lines(self):
        network_case, billing_case, _network_round, _billing_round = (
            self._both_departments()
        )
        reader_user = self._user("meter_reader", groups.INTERNAL_USER, None)
        self.reader.user_id = reader_user
        reader_user.group_ids = [(4, self.env.ref(groups.HANDLER).id)]
        lines = self.Money.with_user(reader_user).search([])
        self.assertEqual(lines, network_case.money_line_ids)
        self.assertFalse(
            self.Money.with_user(self.network_handler).search(
                [("id", "in", network_case.money_line_ids.ids)]
            ),
            "a colleague does not see another's penalties",
        )

    def test_payroll_receives_one_row_per_person(self):
        for month in (3, 4):
            self._service_case(
                employee_id=self.reader.id, when=datetime(2026, month, 2, 2, 0)
            )
        with freeze_time("2026-04-20 02:00:00"):
            april = self.env["helpdesk.appraisal.period"]._for_date(
                self.company, datetime(2026, 4, 20).date()
            )
            award = self.Money.with_user(self.hr_officer).create(
                {
                    "employee_id": self.reader.id,
                    "department_id": self.network.id,
                    "amount": 300,
                    "period_id": april.id,
                    "reason": "Exam award.",
                }
            )
            award.action_confirm()
        export = (
            self.env["helpdesk.payroll.export"]
            .with_user(self.hr_officer)
            .create({"period_id": april.id})
        )
        with self.assertRaises(AccessError):
            export.with_user(self.network_manager).action_export()
        rows = export._rows()
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(
            (
                row["name"],
                row["penalties"],
                row["awards"],
                row["net"],
                row["bonus_factor"],
            ),
            (self.reader.name, -500, 300, -200, 0.8),
        )
        self.assertEqual(row["rating_cap"], "Basically Competent")
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.hr_officer)
            ._render(
                "helpdesk_utility_complaint.action_report_payroll_xlsx", export.ids
            )
        )
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "2026-04")
        values = [cell.value for cell in sheet[2]]
        self.assertIn(self.reader.name, values)
        self.assertIn(-200, values)
        self.assertIn(0.8, values)
        self.assertEqual(sheet.max_row, 2)

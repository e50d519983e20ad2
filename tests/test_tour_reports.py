import io
from datetime import date
from unittest.mock import patch

from openpyxl import load_workbook

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.report_xlsx.report.report_abstract_xlsx import ReportXlsxAbstract

from ..reports.report_appraisal_pdf import ReportAppraisalPeriod
from .common import GROUP_DEPARTMENT_MANAGER


@tagged("post_install", "-at_install")
class TestReportsTour(HttpCase):
    def test_manager_opens_the_dashboard_and_exports_a_filtered_ledger(self):
        """A department manager opens the complaint desk dashboard, exports the
        ledger of their filtered list (the file holds exactly that list), then prints
        the month's appraisal from the cards they see: their department's card."""
        env = self.env
        network = env["hr.department"].create({"name": "Tour Network"})
        billing = env["hr.department"].create({"name": "Tour Billing"})
        manager = new_test_user(
            env,
            login="tour_manager",
            groups=GROUP_DEPARTMENT_MANAGER,
            name="Tour Manager",
            password="tour_manager",
        )
        env["hr.employee"].create(
            {"name": "Tour Manager", "user_id": manager.id, "department_id": network.id}
        )
        network.manager_id = manager.employee_id
        phone = env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        complaint = env.ref("helpdesk_utility_complaint.nature_complaint")
        consultation = env.ref("helpdesk_utility_complaint.nature_consultation")
        appeals = env["helpdesk.ticket"].create(
            [
                {
                    "name": name,
                    "description": "<p>Tour</p>",
                    "channel_id": phone.id,
                    "nature_id": nature.id,
                    "department_id": department.id,
                    "complainant_phone": f"139053300{index:02d}",
                    "partner_name": f"客户{index}",
                }
                for index, (name, nature, department) in enumerate(
                    [
                        ("Tour complaint one", complaint, network),
                        ("Tour complaint two", complaint, network),
                        ("Tour consultation", consultation, network),
                        ("Tour billing complaint", complaint, billing),
                    ]
                )
            ]
        )
        # The month's appraisal, with 3 points on the manager's department.
        period = env["helpdesk.appraisal.period"]._for_date(
            env.company, date(2025, 3, 1)
        )
        env["helpdesk.deduction.line"].sudo().create(
            {
                "company_id": env.company.id,
                "ticket_id": appeals[0].id,
                "rule_id": env.ref("helpdesk_utility_complaint.rule_r000_59").id,
                "party": "responsible_department",
                "department_id": network.id,
                "base_points": 3,
                "state": "confirmed",
                "period_id": period.id,
                "confirmed_at": "2025-03-20 02:00:00",
                "reason": "Tour line",
            }
        )
        env["helpdesk.appraisal.run"]._start(period, period.appraisal_template_id)
        exported, printed = [], []
        original = ReportXlsxAbstract.create_xlsx_report
        original_values = ReportAppraisalPeriod._get_report_values

        def create_xlsx_report(report, docids, data):
            result = original(report, docids, data)
            exported.append(result[0])
            return result

        def get_report_values(report, docids, data=None):
            values = original_values(report, docids, data)
            # Read now: the request's cursor is closed when the tour ends.
            printed.extend(
                (
                    pack["period"].id,
                    [
                        (card["card"].department_id.id, card["card"].total)
                        for card in pack["cards"]
                    ],
                )
                for pack in values["packs"]
            )
            return values

        with (
            patch.object(ReportXlsxAbstract, "create_xlsx_report", create_xlsx_report),
            patch.object(
                ReportAppraisalPeriod, "_get_report_values", get_report_values
            ),
        ):
            self.start_tour(
                "/odoo", "helpdesk_utility_complaint_reports", login="tour_manager"
            )
        self.assertEqual(printed, [(period.id, [(network.id, 97.0)])])
        self.assertEqual(len(exported), 1)
        sheet = load_workbook(io.BytesIO(exported[0]), read_only=True).worksheets[0]
        subjects = {row[8] for row in list(sheet.iter_rows(values_only=True))[1:-1]}
        self.assertEqual(subjects, set(appeals[:2].mapped("name")))

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_APPRAISAL


@tagged("post_install", "-at_install")
class TestAppraisalTour(HttpCase):
    """HR runs a month in the browser, opens a card, drills to an appeal and locks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # A company of its own, so the demo history does not enter the tour's month.
        company = env["res.company"].create(
            {
                "name": "Tour Water Company",
                "complaint_preset_id": env.ref(
                    "helpdesk_utility_complaint.preset_water_company"
                ).id,
            }
        )
        Department = env["hr.department"].with_company(company)
        office = Department.create({"name": "Tour Service Center"})
        hr = Department.create({"name": "Tour HR"})
        cls.network = Department.create({"name": "Tour Network"})
        company.write(
            {
                "complaint_office_department_id": office.id,
                "complaint_hr_department_id": hr.id,
            }
        )
        cls.hr_officer = new_test_user(
            env,
            login="tour_appraisal",
            groups=GROUP_APPRAISAL,
            name="tour_appraisal",
            password="tour_appraisal",
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )
        env["hr.employee"].with_company(company).create(
            {
                "name": "tour_appraisal",
                "user_id": cls.hr_officer.id,
                "department_id": hr.id,
                "company_id": company.id,
            }
        )
        today = fields.Date.context_today(cls.hr_officer)
        month = today.replace(day=1) - relativedelta(months=1)
        cls.period = env["helpdesk.appraisal.period"]._for_date(company, month)
        appeal = (
            env["helpdesk.ticket"]
            .with_company(company)
            .create(
                {
                    "name": "Tour appeal: meter read twice",
                    "description": "<p>Billed twice for one month.</p>",
                    "company_id": company.id,
                    "channel_id": env.ref(
                        "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                    ).id,
                    "nature_id": env.ref(
                        "helpdesk_utility_complaint.nature_complaint"
                    ).id,
                    "partner_name": "王先生",
                    "department_id": cls.network.id,
                }
            )
        )
        env["helpdesk.deduction.line"].sudo().create(
            {
                "company_id": company.id,
                "ticket_id": appeal.id,
                "rule_id": env.ref("helpdesk_utility_complaint.rule_r000_59").id,
                "party": "responsible_department",
                "department_id": cls.network.id,
                "base_points": 3,
                "state": "confirmed",
                "period_id": cls.period.id,
                "reason": "Overtime handling.",
            }
        )
        # The office entered the month's 般阳民生 result: nothing lost.
        env["helpdesk.platform.shortfall"].sudo().create(
            {
                "period_id": cls.period.id,
                "rule_id": env.ref("helpdesk_utility_complaint.rule_r000_54").id,
                "points": 0,
                "state": "confirmed",
            }
        )
        cls.appeal = appeal

    def test_hr_runs_a_month_drills_to_an_appeal_and_locks(self):
        """Issue 10: preview, compute, a card, its drill-down to the appeal, the
        lock."""
        url = "/odoo/run-appraisal"
        self.start_tour(url, "appraisal_run_and_drill", login=self.hr_officer.login)
        card = self.env["helpdesk.scorecard"].search(
            [
                ("period_id", "=", self.period.id),
                ("department_id", "=", self.network.id),
            ]
        )
        self.assertEqual(card.total, 97.0)
        self.start_tour(url, "appraisal_lock", login=self.hr_officer.login)
        self.assertEqual(self.period.state, "locked")
        self.assertTrue(card.frozen_at)

import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GROUP_DEPARTMENT_MANAGER
from .people_common import PeopleCase


@tagged("post_install", "-at_install")
class TestGrievanceAward(PeopleCase):
    """The grievance award (R001-26, R001-27): the unit files it with evidence of both
    conditions, the CSC reviews, the group approves with the amount."""

    def _request(self, user=None, evidence=True, **values):
        vals = {
            "employee_id": self.reader.id,
            "incident_date": date(2026, 3, 3),
            "incident": "The customer shouted at him for an hour over a bill.",
            "service_given": "He explained the bill; the customer calmed down.",
            "no_fault": True,
            "no_fault_evidence": "The meter reading was correct.",
            "treated_unfairly": True,
            "treated_unfairly_evidence": "Recorded on the body camera.",
            "unit_verification": "The section head watched the recording.",
        }
        if evidence:
            vals["attachment_ids"] = [
                (
                    0,
                    0,
                    {
                        "name": "body-camera.txt",
                        "datas": base64.b64encode(b"recording"),
                    },
                )
            ]
        vals.update(values)
        return (
            self.env["helpdesk.grievance.award"]
            .with_user(user or self.network_manager)
            .create(vals)
        )

    def test_r001_26_an_award_without_evidence_is_refused(self):
        award = self._request(evidence=False)
        with self.assertRefused(UserError, "the attached evidence"):
            award.action_submit()
        award.write({"no_fault": False})
        with self.assertRefused(UserError, "condition 1"):
            award.action_submit()
        self.assertEqual((award.state, award.review_ids.ids), ("draft", []))

    def test_r001_27_only_the_unit_files_for_its_people(self):
        billing_manager = self._user(
            "billing_manager", GROUP_DEPARTMENT_MANAGER, self.billing
        )
        with self.assertRefused(AccessError, "."):
            self._request(user=billing_manager)
        with self.assertRefused(AccessError, "."):
            self._request(employee_id=self.billing_handler.employee_id.id)
        with self.assertRefused(AccessError, "."):
            self._request(user=self.network_handler)

    def test_r001_27_unit_then_csc_then_the_group_with_the_amount(self):
        award = self._request()
        award.action_submit()
        self.assertEqual(award.state, "submitted")
        with self.assertRefused(AccessError, "not your turn"):
            award.with_user(self.network_handler).validate_tier()
        with self.assertRefused(AccessError, "not your turn"):
            award.with_user(self.leader).validate_tier()
        with self.assertRefused(AccessError, "entered by the group"):
            award.with_user(self.office_user).amount = 800
        award.with_user(self.office_user).validate_tier()
        with self.assertRefused(UserError, "Enter the award amount"):
            award.with_user(self.leader).validate_tier()
        with freeze_time("2026-03-20 02:00:00"):
            award.with_user(self.leader).amount = 800
            award.with_user(self.leader).validate_tier()
        self.assertEqual(award.state, "approved")
        line = award.money_line_ids
        self.assertEqual(
            (
                line.employee_id,
                line.amount,
                line.direction,
                line.state,
                line.period_id.name,
            ),
            (self.reader, 800, "award", "confirmed", "2026-03"),
        )

    def test_r001_27_an_amount_on_a_locked_month_is_refused(self):
        award = self._request()
        award.action_submit()
        award.with_user(self.office_user).validate_tier()
        with freeze_time("2026-03-20 02:00:00"):
            march = self.env["helpdesk.appraisal.period"]._for_date(
                self.company, date(2026, 3, 20)
            )
            march.with_user(self.hr_officer).action_lock()
            award.with_user(self.leader).amount = 600
            with self.assertRefused(UserError, "locked"):
                award.with_user(self.leader).validate_tier()
        self.assertEqual(award.state, "submitted")
        self.assertFalse(award.money_line_ids)
        self.assertTrue(award.with_user(self.leader).can_review)

    def test_r001_27_a_rejected_request_pays_nothing(self):
        award = self._request()
        award.action_submit()
        award.with_user(self.office_user).reject_tier()
        self.assertEqual(award.state, "rejected")
        self.assertFalse(award.money_line_ids)

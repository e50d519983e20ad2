from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestLedger(ComplaintCase):
    def test_r000_01_channel_and_nature_are_recorded(self):
        """R000-01: every appeal records its channel and its nature; one created without
        a nature waits "to classify" (test_intake.py) instead of being refused."""
        appeal = self._appeal()
        self.assertEqual(appeal.channel_id, self.phone)
        self.assertEqual(appeal.nature_id, self.complaint)
        unclassified = (
            self.env["helpdesk.ticket"]
            .with_user(self.office_user)
            .create({"name": "Meter question", "description": "<p>?</p>"})
        )
        self.assertEqual(unclassified.nature_kind, "to_classify")

    def test_r000_01_form_registration_by_the_office(self):
        """R000-01, R003-10: the office registers an appeal through the form."""
        form = Form(self.env["helpdesk.ticket"].with_user(self.office_user))
        form.name = "Water outage without notice"
        form.description = "<p>No water since this morning.</p>"
        form.channel_id = self.phone
        form.category_id = self.env.ref(
            "helpdesk_utility_complaint.cat_water_outage_unplanned"
        )
        form.partner_name = "李女士"
        form.complainant_phone = "0533-2281234"
        form.complainant_address = "人民西路8号"
        appeal = form.save()
        self.assertEqual(
            appeal.nature_id, self.complaint, "nature comes from the category"
        )
        self.assertEqual(appeal.receiving_department_id, self.office_department)
        self.assertTrue(appeal.number.startswith(f"SQ{fields.Date.today().year}-"))
        self.assertLessEqual(appeal.received_at, fields.Datetime.now())

    def test_r003_46_nature_follows_category_default(self):
        """R003-46: the category's default type proposes the nature; a set one wins."""
        heating_policy = self.env.ref("helpdesk_utility_complaint.cat_heating_policy")
        appeal = self._appeal(category_id=heating_policy.id, nature_id=None)
        self.assertEqual(appeal.nature_id, self.consultation)
        explicit = self._appeal(
            category_id=heating_policy.id, nature_id=self.complaint.id
        )
        self.assertEqual(explicit.nature_id, self.complaint)

    def test_r003_10_phone_numbers(self):
        """R003-10: the complainant's phone is a real mainland number."""
        for valid in (
            "13805331234",
            "+86 138 0533 1234",
            "0533-2281234",
            "053322812345",
            "(0533)2281234",
            "2281234",
            "400-123-4567",
            "12345",
            "95598",
        ):
            appeal = self._appeal(complainant_phone=valid)
            self.assertEqual(appeal.sudo().complainant_phone, valid)
        for invalid in (
            "1380533123",
            "23805331234",
            "phone",
            "0533-12",
            "138053312345",
        ):
            with self.assertRefused(ValidationError, "not a valid phone number"):
                self._appeal(complainant_phone=invalid)

    def test_r000_08_platform_appeal_needs_reference_and_deadline(self):
        """R000-08, R002-19: a platform appeal has its platform number and deadline."""
        received = fields.Datetime.now() - timedelta(hours=2)
        with self.assertRefused(ValidationError, "platform deadline"):
            self._appeal(
                channel_id=self.hotline_12345.id,
                platform_reference="ZB12345-0001",
                received_at=received,
            )
        with self.assertRefused(ValidationError, "reference number"):
            self._appeal(
                channel_id=self.hotline_12345.id,
                platform_deadline=received + timedelta(days=3),
                received_at=received,
            )
        appeal = self._appeal(
            channel_id=self.hotline_12345.id,
            platform_reference="ZB12345-0001",
            platform_deadline=received + timedelta(days=3),
            received_at=received,
        )
        self.assertTrue(appeal.is_platform)
        with self.assertRefused(ValidationError, "platform deadline"):
            appeal.platform_deadline = False
        own = self._appeal()
        self.assertFalse(
            own.is_platform, "an own-channel appeal needs no platform data"
        )

    def test_wrong_dates_are_refused(self):
        now = fields.Datetime.now()
        with self.assertRefused(ValidationError, "future"):
            self._appeal(received_at=now + timedelta(hours=1))
        with self.assertRefused(ValidationError, "occurred after"):
            self._appeal(
                received_at=now - timedelta(hours=3),
                occurred_at=now - timedelta(hours=1),
            )
        with self.assertRefused(
            ValidationError, "later than the time the appeal was received"
        ):
            self._appeal(
                channel_id=self.hotline_12345.id,
                platform_reference="ZB12345-0002",
                received_at=now - timedelta(hours=3),
                platform_deadline=now - timedelta(hours=4),
            )

    def test_section_and_handler_belong_to_the_department(self):
        appeal = self._appeal(department_id=self.network.id)
        appeal.section_id = self.repair_section
        appeal.handler_employee_id = self.network_handler.employee_id
        with self.assertRefused(ValidationError, "not part of department"):
            appeal.department_id = self.billing
        with self.assertRefused(ValidationError, "does not work in"):
            appeal.handler_employee_id = self.billing_handler.employee_id

    def test_repeat_link_cannot_loop(self):
        first = self._appeal()
        second = self._appeal(repeat_of_id=first.id)
        self.assertEqual(first.repeat_count, 1)
        with self.assertRefused(ValidationError, "repeat of itself"):
            first.repeat_of_id = second

    def test_numbering_is_per_company(self):
        """A readable number per company, with the year: SQ2026-000001."""
        other_company = self.env["res.company"].create({"name": "Heating Branch"})
        first = self._appeal()
        second = self._appeal()
        self.assertNotEqual(first.number, second.number)
        other = (
            self.env["helpdesk.ticket"]
            .with_company(other_company)
            .create(
                {
                    "name": "Cold radiators",
                    "description": "<p>18°C at home.</p>",
                    "channel_id": self.phone.id,
                    "nature_id": self.complaint.id,
                    "company_id": other_company.id,
                }
            )
        )
        self.assertEqual(other.number, f"SQ{fields.Date.today().year}-000001")

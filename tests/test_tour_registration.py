from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_OFFICE


@tagged("post_install", "-at_install")
class TestRegistrationTour(HttpCase):
    def test_r000_01_office_registers_a_platform_appeal_in_the_browser(self):
        """R000-01, R000-08: the office registers a 12345 appeal in the web client."""
        new_test_user(
            self.env, login="tour_office", groups=GROUP_OFFICE, name="Tour Office"
        )
        self.start_tour(
            "/odoo", "helpdesk_utility_complaint_registration", login="tour_office"
        )
        appeal = self.env["helpdesk.ticket"].search(
            [("platform_reference", "=", "ZB12345-TOUR-1")]
        )
        self.assertEqual(len(appeal), 1)
        self.assertEqual(
            appeal.channel_id, self.env.ref("helpdesk_utility_complaint.channel_12345")
        )
        self.assertEqual(
            appeal.nature_id, self.env.ref("helpdesk_utility_complaint.nature_help")
        )
        self.assertEqual(appeal.sudo().complainant_phone, "13905330000")
        self.assertTrue(appeal.number.startswith("SQ"))

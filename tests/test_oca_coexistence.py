from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import ComplaintCase


# Runs only in .ci/test's coexistence database, where OCA's helpdesk_mgmt_sla and
# helpdesk_mgmt_rating are installed next to this addon.
@tagged("-standard", "oca_coexistence", "post_install", "-at_install")
class TestOcaCoexistence(ComplaintCase):
    """Smoke tests of OCA's SLA policies and ratings on appeals of this addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.complaint_preset_id = cls.env.ref(
            "helpdesk_utility_complaint.preset_water_hotline"
        )
        cls.network.complaint_handler_id = cls.network_handler
        cls.in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.around_the_clock = cls.env["resource.calendar"].create(
            {
                "name": "24x7",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Hotline team",
                "use_sla": True,
                "resource_calendar_id": cls.around_the_clock.id,
            }
        )
        cls.env["helpdesk.sla"].search([]).active = False  # demo SLAs
        cls.sla = cls.env["helpdesk.sla"].create(
            {
                "name": "Dispatch within 2 hours",
                "team_ids": [Command.set(cls.team.ids)],
                "hours": 2,
                "stage_id": cls.in_progress.id,
            }
        )

    def _dispatch(self, appeal):
        appeal.with_user(self.office_user).department_id = self.network
        appeal.with_user(self.office_user).action_dispatch()

    def test_oca_sla_applies_to_a_new_appeal_with_its_deadline(self):
        """An SLA of the appeal's team applies at registration; its deadline runs on the
        team's calendar beside this addon's own deadline lines."""
        appeal = self._appeal(team_id=self.team.id)
        self.assertEqual(appeal.sla_ids, self.sla)
        ticket_sla = appeal.ticket_sla_ids
        self.assertEqual(ticket_sla.state, "in_progress")
        self.assertAlmostEqual(
            ticket_sla.deadline,
            appeal.create_date + timedelta(hours=2),
            delta=timedelta(minutes=1),
        )
        self.assertEqual(appeal.sla_deadline, ticket_sla.deadline)
        self.assertFalse(appeal.sla_expired)
        # This addon's deadlines are its own model and fields (no clash with OCA's).
        self.assertEqual(ticket_sla._name, "helpdesk.ticket.sla")
        self.assertTrue(appeal.deadline_policy_id)
        self.assertEqual(appeal.deadline_ids._name, "helpdesk.ticket.deadline")

    def test_oca_sla_does_not_apply_to_another_team(self):
        appeal = self._appeal()
        self.assertFalse(appeal.sla_ids)
        self.assertFalse(appeal.sla_deadline)

    def test_oca_sla_expires(self):
        appeal = self._appeal(team_id=self.team.id)
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time(appeal.ticket_sla_ids.deadline + timedelta(hours=1)):
            appeal.invalidate_recordset()
            self.assertTrue(appeal.sla_expired)
            self.assertIn(appeal, Ticket.search([("sla_expired", "=", True)]))
            self.assertEqual(appeal.ticket_sla_ids.color, 1)

    def test_oca_sla_accomplished_when_the_workflow_reaches_its_stage(self):
        """The dispatch step moves the appeal to "In Progress", the SLA's stage."""
        appeal = self._appeal(team_id=self.team.id)
        deadline = appeal.ticket_sla_ids.deadline
        with freeze_time(deadline - timedelta(hours=1)):
            self._dispatch(appeal)
        self.assertEqual(appeal.state, "dispatched")
        self.assertEqual(appeal.stage_id, self.in_progress)
        self.assertEqual(appeal.ticket_sla_ids.state, "accomplished")
        self.assertTrue(appeal.deadline_ids, "this addon's clocks run on too")
        self.assertTrue(appeal.next_deadline)
        with freeze_time(deadline + timedelta(hours=1)):
            appeal.invalidate_recordset()
            self.assertFalse(appeal.sla_expired)

    def test_oca_sla_missed_stays_expired_after_a_late_dispatch(self):
        appeal = self._appeal(team_id=self.team.id)
        with freeze_time(appeal.ticket_sla_ids.deadline + timedelta(hours=1)):
            self._dispatch(appeal)
            self.assertEqual(appeal.ticket_sla_ids.state, "expired")

    def test_oca_rating_request_on_a_stage_with_a_template(self):
        """helpdesk_mgmt_rating asks the complainant for a rating when the workflow
        brings the appeal to a stage with a rating template."""
        self.in_progress.rating_mail_template_id = self.env.ref(
            "helpdesk_mgmt_rating.rating_ticket_email_template"
        )
        customer = self.env["res.partner"].create(
            {"name": "王女士", "email": "wang@example.com"}
        )
        appeal = self._appeal(partner_id=customer.id)
        self.assertEqual(appeal.rating_status, "stage_change")
        self.assertEqual(appeal.positive_rate_percentage, -1)
        messages = appeal.message_ids
        self._dispatch(appeal)
        self.assertIn(customer, (appeal.message_ids - messages).partner_ids)
        rating = appeal.rating_ids.filtered(lambda r: r.partner_id == customer)
        self.assertEqual(len(rating), 1)
        rating.write({"rating": 5, "consumed": True})
        self.assertEqual(appeal.positive_rate_percentage, 100)

    def test_oca_rating_not_requested_without_a_template(self):
        customer = self.env["res.partner"].create(
            {"name": "赵先生", "email": "zhao@example.com"}
        )
        appeal = self._appeal(partner_id=customer.id)
        self._dispatch(appeal)
        self.assertFalse(appeal.rating_ids)

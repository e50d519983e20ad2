from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestDataContracts(ComplaintCase):
    """Issue 9 item 3: what data tells the code (domains, workflow states, category
    flags, the fields that recompute deadlines) is checked, not a string taken on
    trust."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hotline = cls.env.ref("helpdesk_utility_complaint.preset_water_hotline")
        cls.hotline_policy = cls.env.ref(
            "helpdesk_utility_complaint.sla_policy_water_hotline"
        )
        cls.receipt = cls.env.ref("helpdesk_utility_complaint.sla_event_receipt")
        cls.completion = cls.env.ref("helpdesk_utility_complaint.sla_event_completion")

    def _milestone(self, **values):
        vals = {
            "policy_id": self.hotline_policy.id,
            "name": "Call back a landmark address",
            "code": "landmark_callback",
            "start_event_id": self.receipt.id,
            "stop_event_ids": [(6, 0, self.completion.ids)],
            "duration": 1,
            "unit": "clock_hours",
        }
        vals.update(values)
        return self.env["helpdesk.sla.milestone"].create(vals)

    def test_every_shipped_domain_and_stage_validates(self):
        """Every domain stored in the shipped and demo data (milestones, queues,
        scorecard templates, items and terms) is a valid filter of its model and every
        stage's states are workflow states."""
        checks = {
            "helpdesk.sla.milestone": "_check_applies_domain",
            "helpdesk.appeal.queue": "_check_domain",
            "helpdesk.scorecard.template": "_check_domains",
            "helpdesk.scorecard.item": "_check_measure",
            "helpdesk.scorecard.term": "_check_domain",
            "helpdesk.ticket.stage": "_check_complaint_states",
        }
        for model, check in checks.items():
            records = self.env[model].with_context(active_test=False).search([])
            self.assertTrue(records, f"{model}: data ships records")
            getattr(records, check)()

    def test_milestone_domain_checked_on_save(self):
        """A milestone's `applies_domain` that names no field of appeals, is not
        Python or not a list is refused on save, naming the milestone."""
        milestone = self._milestone()
        for text, problem in (
            ("[('no_such_field', '=', 1)]", "no_such_field"),
            ("[('category_id.no_flag', '=', True)]", "no_flag"),
            ("[('pipe_diameter', '>'", ""),
            ("42", "not a list"),
        ):
            with self.assertRefused(
                ValidationError, f"Call back a landmark address.*{problem}"
            ):
                milestone.applies_domain = text
        milestone.applies_domain = "[('category_id.requires_site_visit', '=', True)]"
        with self.assertRefused(ValidationError, "not a valid filter of appeals"):
            self._milestone(code="other", applies_domain="[('nowhere', '=', 1)]")

    def test_queue_and_template_domains_checked_on_save(self):
        """A queue's domain is checked on appeals (with `uid`), a scorecard template's
        on departments and appeals."""
        queue = self.env["helpdesk.appeal.queue"].create(
            {"name": "Mine", "domain": "[('user_id', '=', uid)]"}
        )
        with self.assertRefused(ValidationError, "Queue Mine.*owner_id"):
            queue.domain = "[('owner_id', '=', uid)]"
        template = self.env.ref("helpdesk_utility_complaint.scorecard_heating")
        with self.assertRefused(ValidationError, "head_count"):
            template.unit_domain = "[('head_count', '>', 3)]"
        with self.assertRefused(ValidationError, "heat_loss"):
            template.activity_domain = "[('heat_loss', '=', True)]"
        template.activity_domain = "[('received_at', '<', cutoff)]"

    def test_stage_states_are_workflow_states(self):
        """A stage's appeal states must be states of the workflow; spaces are
        allowed and the workflow still finds the stage."""
        stage = self.env["helpdesk.ticket.stage"].create(
            {
                "name": "Sent Out",
                "sequence": 0,
                "complaint_states": "dispatched, accepted",
            }
        )
        self.assertEqual(stage._complaint_state_list(), ["dispatched", "accepted"])
        with self.assertRefused(ValidationError, "Sent Out: dispachted is not"):
            stage.complaint_states = "dispachted,accepted"
        self.assertEqual(
            self.env["helpdesk.ticket.stage"]._stage_for_state(
                "accepted", self.env["helpdesk.ticket.team"]
            ),
            stage,
        )

    @freeze_time("2026-11-18 02:00:00")
    def test_milestone_fields_trigger_the_recompute(self):
        """The fields a milestone's domain selects on recompute the deadlines when
        they change, whatever the field; a related field counts through its
        source."""
        self.company.complaint_preset_id = self.hotline
        self._milestone(applies_domain="[('complainant_address', 'ilike', 'Landmark')]")
        appeal = self._appeal(received_at=datetime(2026, 11, 18, 2, 0))
        self.assertNotIn(
            "landmark_callback", appeal.deadline_ids.milestone_id.mapped("code")
        )
        appeal.complainant_address = "Landmark Tower, 1 Huaguang Road"
        self.assertIn(
            "landmark_callback", appeal.deadline_ids.milestone_id.mapped("code")
        )
        triggers = self.env["helpdesk.ticket"]._deadline_trigger_fields()
        # is_platform (a policy's scope) is related to the channel.
        self.assertLessEqual(
            {"complainant_address", "channel_id", "category_id", "pipe_diameter"},
            triggers,
        )
        # No shipped policy selects on the priority: until one does, it recomputes
        # nothing.
        self.assertNotIn("priority", triggers)
        self.hotline_policy.priority = "3"
        self.assertIn(
            "priority", self.env["helpdesk.ticket"]._deadline_trigger_fields()
        )

    def test_r002_27_planned_outage_is_a_category_flag(self):
        """R002-27: an appeal of a category flagged as a planned outage registers a
        planned outage, whatever the category's code."""
        self.company.complaint_preset_id = self.hotline
        category = self.env["helpdesk.ticket.category"].create(
            {"name": "Scheduled Works", "code": "works", "is_planned_outage": True}
        )
        appeal = self._appeal(category_id=category.id)
        action = appeal.with_user(self.office_user).action_create_outage()
        outage = self.env["helpdesk.outage"].browse(action["res_id"])
        self.assertEqual(outage.kind, "planned")
        category.is_planned_outage = False
        other = self._appeal(category_id=category.id)
        action = other.with_user(self.office_user).action_create_outage()
        self.assertEqual(
            self.env["helpdesk.outage"].browse(action["res_id"]).kind, "unplanned"
        )

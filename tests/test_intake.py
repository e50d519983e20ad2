from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.base.tests.common import HttpCaseWithUserPortal
from odoo.addons.helpdesk_utility_complaint import groups

from .common import GROUP_OFFICE, ComplaintCase

EMAIL = """Return-Path: <customer@example.com>
To: hotline@utility.example.com
Received: by mail.example.com (Postfix, from userid 10002)
Message-ID: <intake-test-{tag}@example.com>
Date: Tue, 01 Dec 2026 09:30:00 +0800
From: Customer <customer@example.com>
MIME-Version: 1.0
Subject: {subject}
Content-Type: text/plain; charset=UTF-8

The water has been brown since yesterday evening.
"""


class IntakeMixin:
    def _to_classify_queue(self):
        return self.env.ref("helpdesk_utility_complaint.queue_to_classify")

    def _in_queue(self, ticket, user):
        queue = self._to_classify_queue().with_user(user)
        return ticket in self.env["helpdesk.ticket"].with_user(user).search(
            queue._appeal_domain()
        )


@tagged("post_install", "-at_install")
class TestIntake(IntakeMixin, ComplaintCase):
    """R000-01: appeals that come in without the office are registered "to classify"
    and classified by the office before dispatch; the office's form requires both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.to_classify = cls.env.ref("helpdesk_utility_complaint.nature_to_classify")
        cls.email_channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        cls.company.complaint_preset_id = cls.env.ref(
            "helpdesk_utility_complaint.preset_water_hotline"
        )
        cls.network.complaint_handler_id = cls.network_handler
        cls.helpdesk_user = new_test_user(
            cls.env,
            login="test_plain_helpdesk_user",
            groups=groups.HELPDESK_USER,
        )

    def test_r000_01_mail_gateway_registers_an_email_appeal_to_classify(self):
        """R000-01: an e-mail becomes an appeal by the e-mail channel, to classify."""
        ticket_id = (
            self.env["mail.thread"]
            .with_context(fetchmail_cron_running=True)
            .message_process(
                "helpdesk.ticket",
                EMAIL.format(tag="gateway", subject="Brown water in Block 3"),
            )
        )
        appeal = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertEqual(appeal.name, "Brown water in Block 3")
        self.assertEqual(appeal.channel_id, self.email_channel)
        self.assertEqual(appeal.nature_id, self.to_classify)
        self.assertEqual(appeal.nature_kind, "to_classify")
        self.assertEqual(appeal.state, "registered")
        self.assertTrue(appeal.number.startswith(f"SQ{fields.Date.today().year}-"))
        self.assertTrue(self._in_queue(appeal, self.office_user))

    def test_r000_01_message_new_without_fetchmail_takes_the_email_channel(self):
        appeal = self.env["helpdesk.ticket"].message_new(
            {"subject": "Meter reading", "body": "<p>Too high.</p>", "from": "a@b.cn"}
        )
        self.assertEqual(appeal.channel_id, self.email_channel)
        self.assertEqual(appeal.nature_id, self.to_classify)

    def test_r000_01_create_without_the_addon_fields_is_not_refused(self):
        """Another module's create or helpdesk_mgmt's own form registers a ticket."""
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.helpdesk_user)
            .create({"name": "Printer", "description": "<p>Jammed.</p>"})
        )
        self.assertFalse(ticket.channel_id)
        self.assertEqual(ticket.nature_id, self.to_classify)
        self.assertTrue(self._in_queue(ticket, self.office_user))
        self.assertNotIn(
            self._to_classify_queue(),
            self.env["helpdesk.appeal.queue"]
            .with_user(self.network_handler)
            .search([]),
            "the queue is the office's",
        )
        # helpdesk_mgmt's menus open the form without the ledger's context.
        form = Form(self.env["helpdesk.ticket"].with_user(self.office_user))
        form.name = "Through helpdesk_mgmt's form"
        form.description = "<p>No channel, no nature.</p>"
        self.assertEqual(form.save().nature_id, self.to_classify)

    def test_r000_01_category_default_nature_wins_over_to_classify(self):
        heating_policy = self.env.ref("helpdesk_utility_complaint.cat_heating_policy")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Heating fee",
                "description": "<p>?</p>",
                "category_id": heating_policy.id,
            }
        )
        self.assertEqual(ticket.nature_id, heating_policy.default_nature_id)
        self.assertEqual(ticket.nature_id, self.consultation)

    def test_r000_01_office_registration_form_requires_channel_and_nature(self):
        """The appeal ledger's form (appeal_registration) keeps both required."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.office_user)
        form = Form(Ticket.with_context(appeal_registration=True))
        form.name = "Water meter question"
        form.description = "<p>?</p>"
        with self.assertRaisesRegex(AssertionError, "channel_id"):
            form.save()
        form.channel_id = self.phone
        with self.assertRaisesRegex(AssertionError, "nature_id"):
            form.save()
        form.nature_id = self.consultation
        self.assertEqual(form.save().nature_id, self.consultation)
        action = self.env.ref("helpdesk_utility_complaint.action_appeal_ledger")
        self.assertIn("appeal_registration", action.context)
        queue_action = self._to_classify_queue().with_user(self.office_user)
        self.assertTrue(queue_action.action_open()["context"]["appeal_registration"])

    def test_r000_01_a_cleared_nature_is_to_classify_again(self):
        appeal = self._appeal()
        appeal.with_user(self.office_user).nature_id = False
        self.assertEqual(appeal.nature_id, self.to_classify)

    def test_r000_01_dispatch_needs_a_classified_appeal(self):
        """The office classifies (channel and a real nature) before dispatching."""
        appeal = self._appeal(nature_id=None, category_id=None)
        self.assertEqual(appeal.nature_id, self.to_classify)
        appeal.with_user(self.office_user).department_id = self.network
        with self.assertRefused(UserError, "not classified yet"):
            appeal.with_user(self.office_user).action_dispatch()
        self.assertEqual(appeal.state, "registered")
        appeal.with_user(self.office_user).write(
            {"nature_id": self.complaint.id, "channel_id": False}
        )
        with self.assertRefused(UserError, "not classified yet"):
            appeal.with_user(self.office_user).action_dispatch()
        appeal.with_user(self.office_user).channel_id = self.phone
        self.assertFalse(self._in_queue(appeal, self.office_user))
        appeal.with_user(self.office_user).action_dispatch()
        self.assertEqual(appeal.state, "dispatched")

    def test_plain_ticket_moves_stages_until_classified(self):
        """A ticket that never entered the workflow moves stages as in helpdesk_mgmt;
        a classified appeal moves only with its workflow buttons."""
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        in_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.helpdesk_user)
            .create({"name": "Plain ticket", "description": "<p>x</p>"})
        )
        ticket.with_user(self.helpdesk_user).stage_id = in_progress
        self.assertEqual(ticket.stage_id, in_progress)
        ticket.with_user(self.office_user).write(
            {"channel_id": self.phone.id, "nature_id": self.complaint.id}
        )
        with self.assertRefused(UserError, "workflow buttons"):
            ticket.with_user(self.office_user).stage_id = done
        # AccessError is a UserError: the department guard or the stage guard refuses.
        with self.assertRefused(UserError, "own department|workflow buttons"):
            ticket.with_user(self.helpdesk_user).stage_id = done
        self.assertEqual(ticket.stage_id, in_progress)

    def test_department_guard_still_applies_to_a_dispatched_unclassified_one(self):
        """Only tickets without a department are plain: a handler of another department
        cannot change an appeal the office gave to the network department."""
        appeal = self._appeal(nature_id=None, category_id=None)
        appeal.with_user(self.office_user).department_id = self.network
        appeal.message_subscribe(partner_ids=self.billing_handler.partner_id.ids)
        with self.assertRefused(AccessError, "only change appeals of your own"):
            appeal.with_user(self.billing_handler).write({"priority": "3"})


@tagged("post_install", "-at_install")
class TestPortalIntake(IntakeMixin, HttpCaseWithUserPortal):
    """R000-01: a customer's web-portal request (helpdesk_mgmt's controller)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office_user = new_test_user(
            cls.env, login="test_portal_intake_office", groups=GROUP_OFFICE
        )
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Portal question", "show_in_portal": True}
        )

    def test_r000_01_portal_request_is_registered_to_classify(self):
        self.authenticate("portal", "portal")
        response = self.url_open(
            "/submitted/ticket",
            data={
                "category": self.category.id,
                "csrf_token": http.Request.csrf_token(self),
                "subject": "No water since noon",
                "description": "Building 7, unit 2.",
            },
        )
        self.assertEqual(response.status_code, 200)
        appeal = self.env["helpdesk.ticket"].search(
            [("name", "=", "No water since noon")]
        )
        self.assertEqual(len(appeal), 1)
        self.assertEqual(
            appeal.channel_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web"),
        )
        self.assertEqual(appeal.nature_kind, "to_classify")
        self.assertEqual(appeal.partner_id, self.partner_portal)
        self.assertEqual(appeal.state, "registered")
        self.assertTrue(appeal.number.startswith("SQ"))
        self.assertIn(f"/my/ticket/{appeal.id}", response.url)
        self.assertTrue(self._in_queue(appeal, self.office_user))
        appeal.with_user(self.office_user).nature_id = self.env.ref(
            "helpdesk_utility_complaint.nature_complaint"
        )
        self.assertFalse(self._in_queue(appeal, self.office_user))

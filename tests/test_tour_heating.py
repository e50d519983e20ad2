from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_HANDLER, GROUP_OFFICE


@tagged("post_install", "-at_install")
class TestEventLogTour(HttpCase):
    """Issue 8 items 1 and 2 in the browser: a heating complaint and a hotline leak
    repair, each step by the role that owns it, end closed with no breached deadline
    and no supervision notice, now or later."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Department = env["hr.department"]
        cls.network = Department.create({"name": "Tour Network"})
        repair = Department.create(
            {"name": "Tour Repair Team", "parent_id": cls.network.id}
        )

        def user(login, group, department):
            account = new_test_user(
                env, login=login, groups=group, name=login, password=login
            )
            env["hr.employee"].create(
                {"name": login, "user_id": account.id, "department_id": department.id}
            )
            return account

        cls.office_user = user(
            "tour_log_office", GROUP_OFFICE, Department.create({"name": "Tour CSC"})
        )
        cls.handler = user("tour_log_repair", GROUP_HANDLER, repair)
        cls.network.complaint_handler_id = cls.handler  # R002-03 on the hotline

    def _walk(self, preset, prefix):
        self.env.company.complaint_preset_id = self.env.ref(
            f"helpdesk_utility_complaint.preset_{preset}"
        )
        self.start_tour(
            "/odoo/appeal-ledger", f"{prefix}_register", login="tour_log_office"
        )
        appeal = self.env["helpdesk.ticket"].search(
            [("create_uid", "=", self.office_user.id)], order="id desc", limit=1
        )
        url = f"/odoo/appeal-ledger/{appeal.id}"
        self.start_tour(url, f"{prefix}_department", login="tour_log_repair")
        self.start_tour(url, "appeal_log_reply_and_callback", login="tour_log_office")
        self.assertEqual(appeal.state, "closed")
        return appeal

    def _assert_nothing_breached_now_or_later(self, appeal):
        self.assertTrue(appeal.deadline_ids)
        self.assertNotIn("breached", appeal.deadline_ids.mapped("status"))
        self.assertFalse(
            appeal.deadline_ids.filtered(lambda line: line.status == "running")
        )
        later = fields.Datetime.now() + timedelta(days=10)
        with freeze_time(later):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
            self.env["helpdesk.ticket"]._cron_check_supervision()
            appeal._sla_recompute()
        self.assertNotIn("breached", appeal.deadline_ids.mapped("status"))
        self.assertFalse(
            self.env["helpdesk.supervision.order"].search(
                [("ticket_id", "=", appeal.id)]
            )
        )

    def test_heating_complaint_in_the_browser(self):
        """Issue 8, R003-18, R003-19, R003-23: dispatched, accepted, contact and
        solution logged by the department, reported, replied, called back: every line
        met."""
        appeal = self._walk("heating", "appeal_log_heating")
        self.assertEqual(
            {line.milestone_id.code: line.status for line in appeal.deadline_ids},
            {"accept": "met", "contact": "met", "solution": "met"},
        )
        contact = appeal.event_ids.filtered(lambda e: e.event_code == "first_contact")
        self.assertEqual(
            (contact.contact_method, contact.user_id), ("phone", self.handler)
        )
        self._assert_nothing_breached_now_or_later(appeal)

    def test_hotline_leak_repair_in_the_browser(self):
        """Issue 8, R002-06, R002-08, R002-17, R002-21, R002-25: accepted, arrival and
        a DN 300 repair logged by the department, reported, replied, called back: every
        line met; the hand-back clock that never ran is not needed."""
        appeal = self._walk("water_hotline", "appeal_log_hotline")
        self.assertEqual(appeal.pipe_diameter, 300)
        self.assertEqual(
            {line.milestone_id.code: line.status for line in appeal.deadline_ids},
            {
                "accept": "met",
                "on_site": "met",
                "hand_back": "cancelled",
                "complete": "met",
                "callback": "met",
                "pipe_repair": "met",
            },
        )
        self._assert_nothing_breached_now_or_later(appeal)

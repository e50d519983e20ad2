from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .appeal_walk import AppealWalkCase, utc


@tagged("post_install", "-at_install")
class TestAppealEnd(AppealWalkCase):
    """Issue 8, item 2: closing or withdrawing an appeal ends every deadline line still
    open; a closed appeal raises no supervision."""

    def _ended(self, appeal):
        """The lines ended by the appeal's end, by code, with their status."""
        return {
            line.milestone_id.code: line.status
            for line in appeal.deadline_ids
            if line.ended_at
        }

    def _orders(self, appeal):
        return self.env["helpdesk.supervision.order"].search(
            [("ticket_id", "=", appeal.id)]
        )

    def test_heating_closed_without_the_solution_logged(self):
        """Issue 8 item 2, R003-19, R003-23 (heating): closing keeps what was met; the
        solution, never logged, ends breached as its milestone says, the appeal is no
        longer running anywhere and its lateness stops growing."""
        self._use("heating")
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._register(
                received_at=utc("2026-11-18 02:00:00"),
                category_id=self.ref("cat_heating_temperature").id,
            )
            self._bring_to(appeal, "accepted")
            self._log(
                self.network_handler, appeal, "first_contact", contact_method="visit"
            )
            self._report(appeal)
            self._reply(appeal)
            self._callback(appeal)
        self.assertEqual(appeal.state, "closed")
        self.assertEqual(
            self._statuses(appeal),
            {("accept", 1): "met", ("contact", 1): "met", ("solution", 1): "breached"},
        )
        solution = self._line(appeal, "solution")
        self.assertEqual(
            (solution.ended_at, solution.reached_at, solution.overdue_duration),
            (utc("2026-11-18 02:00:00"), False, 0.0),
        )
        self.assertEqual(appeal.deadline_state, "breached")
        self.assertFalse(appeal.next_deadline)
        with freeze_time("2026-11-25 02:00:00"):
            appeal._sla_recompute()
        self.assertEqual(self._line(appeal, "solution").overdue_duration, 0.0)

    def test_heating_closed_with_every_step_logged_is_all_met(self):
        """Issue 8 item 2 (heating): contact and solution logged, closed: every line
        met, nothing open, and neither cron raises anything a week later."""
        self._use("heating")
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._register(
                received_at=utc("2026-11-18 02:00:00"),
                category_id=self.ref("cat_heating_temperature").id,
            )
            self._bring_to(appeal, "accepted")
            self._log(
                self.network_handler, appeal, "first_contact", contact_method="phone"
            )
            self._log(self.network_handler, appeal, "solution_proposed")
            self._report(appeal)
            self._reply(appeal)
            self._callback(appeal)
        self.assertEqual(set(self._statuses(appeal).values()), {"met"})
        self.assertEqual(appeal.deadline_state, "met")
        messages = len(appeal.message_ids)
        with freeze_time("2026-11-25 02:00:00"):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
            self.env["helpdesk.ticket"]._cron_check_supervision()
        self.assertFalse(self._orders(appeal))
        self.assertEqual(len(appeal.message_ids), messages)

    def test_r002_43_no_supervision_once_the_appeal_is_closed(self):
        """Issue 8 item 2, R002-43: a heating complaint whose contact was late is under
        supervision while open; the same lateness raises nothing once it is closed, by
        the daily cron or a direct check."""
        self._use("heating")
        appeals = self.env["helpdesk.ticket"]
        for _index in range(2):
            with freeze_time("2026-11-18 02:00:00"):
                appeal = self._register(
                    received_at=utc("2026-11-18 02:00:00"),
                    category_id=self.ref("cat_heating_policy").id,
                    nature_id=self.consultation.id,
                )
                self._dispatch(appeal)
            appeals |= appeal
        still_open, closed = appeals
        with freeze_time("2026-11-18 05:00:00"):
            self._click(self.network_handler, closed, "action_accept")
            self._report(closed)
            self._reply(closed)
            self._callback(closed)
        self.assertEqual(closed.state, "closed")
        self.assertEqual(self._line(closed, "contact").status, "breached")
        with freeze_time("2026-11-19 02:00:00"):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
            self.env["helpdesk.ticket"]._cron_check_supervision()
        self.assertEqual(self._orders(still_open).trigger, "overdue")
        self.assertFalse(self._orders(closed))
        self.assertFalse(closed._check_supervision_triggers())

    def test_hotline_closed_before_the_repair_was_finished(self):
        """Issue 8 item 2, R002-08, R002-13, R002-25 (hotline): closed after arrival
        and the start of a DN 300 repair but without its end: the repair clock ends
        breached, the conditional hand-back clock not needed, the rest met."""
        self._use("water_hotline")
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._register(
                received_at=utc("2026-11-18 02:00:00"),
                channel_id=self.ref("channel_own_hotline").id,
                category_id=self.ref("cat_water_leak").id,
            )
            self._bring_to(appeal, "accepted")
            self._log(self.network_handler, appeal, "arrival")
            self._log(self.network_handler, appeal, "repair_started", pipe_diameter=300)
            self._report(appeal)
            self._reply(appeal)
            self._callback(appeal)
        self.assertEqual(
            self._statuses(appeal),
            {
                ("accept", 1): "met",
                ("on_site", 1): "met",
                ("hand_back", 1): "cancelled",
                ("complete", 1): "met",
                ("callback", 1): "met",
                ("pipe_repair", 1): "breached",
            },
        )
        self.assertEqual(
            self._ended(appeal), {"hand_back": "cancelled", "pipe_repair": "breached"}
        )

    def test_water_company_withdrawn_lines_end_as_their_milestones_say(self):
        """Issue 8 item 2, R000-07, R000-25, R000-44 (water company): a dispatched
        appeal withdrawn by the office: its open clocks are not needed; a deadline
        already passed stays breached with its lateness at the withdrawal; the HR
        investigation clock keeps running and is met by HR's report."""
        self._use("water_company")
        with freeze_time("2026-11-16 01:00:00"):  # Monday 09:00
            appeal = self._register(received_at=utc("2026-11-16 01:00:00"))
            self._dispatch(appeal)
            self._click(self.office_leader, appeal, "action_send_to_hr")
        # Verification was due Tuesday 17:00: withdrawn on Wednesday 10:00.
        with freeze_time("2026-11-18 02:00:00"):
            self._click(
                self.office_user,
                appeal,
                "action_open_withdraw",
                reason="Duplicate of the appeal registered by phone.",
            )
        self.assertEqual(appeal.state, "withdrawn")
        self.assertEqual(
            appeal.stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled"),
        )
        self.assertEqual(
            self._statuses(appeal),
            {
                ("leader", 1): "met",
                ("verify", 1): "breached",
                ("department_report", 1): "cancelled",
                ("reply", 1): "cancelled",
                ("resolve", 1): "cancelled",
                ("hr_report", 1): "running",
            },
        )
        verify = self._line(appeal, "verify")
        self.assertEqual(
            (verify.ended_at, verify.overdue_working_days),
            (utc("2026-11-18 02:00:00"), 1),
        )
        self.assertIn(
            "Duplicate of the appeal", "".join(appeal.message_ids.mapped("body"))
        )
        with freeze_time("2026-11-24 02:00:00"):
            appeal._sla_recompute()
            self.assertEqual(self._line(appeal, "verify").overdue_working_days, 1)
            self._click(self.hr_officer, appeal, "action_submit_hr_report")
        self.assertEqual(self._line(appeal, "hr_report").status, "met")

    def test_withdrawing_is_the_offices_with_a_reason(self):
        """Issue 8 item 2: only the office withdraws, with a reason, an appeal not yet
        ended; approvals already given stay, those awaited go; nothing more can be done
        on a withdrawn appeal."""
        self._use("water_company")
        appeal = self._register()
        self._bring_to(appeal, "accepted")
        self.assertNotIn("action_open_withdraw", self._buttons(self.network_handler))
        with self.assertRefused(AccessError, "Only Response Office can withdraw"):
            appeal.with_user(self.network_handler)._withdraw("Not mine.")
        with self.assertRefused(UserError, "Say why the appeal is withdrawn"):
            appeal.with_user(self.office_user)._withdraw("  ")
        values = dict(self._report_values())
        appeal.with_user(self.network_handler).write(values)
        appeal.with_user(self.network_handler).action_submit_report()
        self._click(self.network_manager, appeal, "validate_tier")
        statuses = appeal.review_ids.mapped("status")
        self.assertEqual((len(statuses), statuses.count("approved")), (4, 1))
        self._click(
            self.office_user,
            appeal,
            "action_open_withdraw",
            reason="The customer withdrew it.",
        )
        self.assertEqual(appeal.review_ids.mapped("status"), ["approved"])
        with self.assertRefused(UserError, "nothing more can be done"):
            appeal.with_user(self.office_user).action_open_withdraw()
        with self.assertRefused(UserError, "this step needs it to be"):
            appeal.with_user(self.office_user).action_dispatch()
        self.assertFalse(appeal.with_user(self.office_user).can_log_event)

    def _report_values(self):
        scan = (
            self.env["ir.attachment"]
            .with_user(self.network_handler)
            .create({"name": "signed-report.pdf", "raw": b"%PDF-1.4 report"})
        )
        return {
            "report_facts": "Valve closed.",
            "report_cause": "Not reopened.",
            "report_policy_basis": "Rules art. 8.",
            "report_responsibility": "Repair team.",
            "report_proposed_reply": "Reopened.",
            "report_attachment_ids": [(6, 0, scan.ids)],
        }

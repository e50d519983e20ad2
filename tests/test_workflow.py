from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP_LEADER, ComplaintCase

REPORT = {
    "report_facts": "Valve V-12 was half closed after a repair on 11-15.",
    "report_cause": "The repair team did not reopen the valve fully.",
    "report_policy_basis": "Water supply service rules art. 12.",
    "report_responsibility": "Repair team of the network department.",
    "report_proposed_reply": "The valve is open again; pressure is back to normal.",
}


@tagged("post_install", "-at_install")
class TestWorkflow(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_leader = cls._user("network_leader", GROUP_LEADER, None)
        cls.office_leader = cls._user("office_leader", GROUP_LEADER, None)
        cls.general_manager = cls._user("general_manager", GROUP_LEADER, None)
        cls.network.supervising_leader_id = cls.department_leader
        cls.office_department.supervising_leader_id = cls.office_leader
        cls.company.write(
            {
                "complaint_office_department_id": cls.office_department.id,
                "complaint_general_manager_id": cls.general_manager.id,
            }
        )
        cls.water_company = cls.env.ref(
            "helpdesk_utility_complaint.preset_water_company"
        )
        cls.hotline = cls.env.ref("helpdesk_utility_complaint.preset_water_hotline")

    def _signed_scan(self):
        return (
            self.env["ir.attachment"]
            .with_user(self.network_handler)
            .create({"name": "signed-report.pdf", "raw": b"%PDF-1.4 report"})
        )

    def _as(self, user, appeal):
        return appeal.with_user(user)

    def _use(self, preset):
        self.company.complaint_preset_id = preset

    def _events(self, appeal):
        return appeal.event_ids.mapped("event_code")

    def _instructed(self, appeal):
        self._as(self.office_user, appeal).write(
            {"proposed_opinion": "Transfer to the network department."}
        )
        self._as(self.office_user, appeal).action_submit_to_leader()
        self._as(
            self.office_leader, appeal
        ).instruction = "Network department to check the valves today."
        self._as(self.office_leader, appeal).action_record_instruction()

    def _dispatched(self, **values):
        appeal = self._appeal(**values)
        if self.company.complaint_preset_id.leader_instruction_required:
            self._instructed(appeal)
        self._as(self.office_user, appeal).write(
            {"department_id": self.network.id, "section_id": self.repair_section.id}
        )
        self._as(self.office_user, appeal).action_dispatch()
        return appeal

    def _reported(self, **values):
        appeal = self._dispatched(**values)
        self._as(self.network_handler, appeal).action_accept()
        self._as(self.network_handler, appeal).write(
            dict(REPORT, report_attachment_ids=[(6, 0, self._signed_scan().ids)])
        )
        self._as(self.network_handler, appeal).action_submit_report()
        return appeal

    def _approve_all(self, appeal):
        for approver in (
            self.network_manager,
            self.department_leader,
            self.office_leader,
            self.general_manager,
        ):
            self._as(approver, appeal).validate_tier()

    def _replied(self, **values):
        appeal = self._reported(**values)
        if appeal.state == "reported":
            self._approve_all(appeal)
        self._as(self.office_user, appeal).reply_text = "The valve is open again."
        self._as(self.office_user, appeal).action_final_reply()
        return appeal

    def _callback(self, appeal, **values):
        wizard = (
            self.env["helpdesk.ticket.callback.wizard"]
            .with_user(self.office_user)
            .create(
                dict(
                    {"ticket_id": appeal.id, "channel": "phone", "reached": True},
                    **values,
                )
            )
        )
        wizard.action_confirm()

    # ------------------------------------------------------------------

    def test_r000_04_consultation_answered_on_the_spot(self):
        """R000-04, R002-04: answered at once, no dispatch; closed without callback."""
        self._use(self.water_company)
        appeal = self._appeal(nature_id=self.consultation.id)
        with self.assertRefused(UserError, "Final Reply"):
            self._as(self.office_user, appeal).action_answer_on_spot()
        appeal.with_user(
            self.office_user
        ).reply_text = "Bills can be paid at any bank counter."
        with self.assertRefused(AccessError, "Response Office"):
            self._as(self.network_handler, appeal).action_answer_on_spot()
        self._as(self.office_user, appeal).action_answer_on_spot()
        self.assertEqual(appeal.state, "replied")
        self.assertTrue(appeal.answered_on_spot)
        self.assertIn("answered_on_spot", self._events(appeal))
        self.assertNotIn("dispatch", self._events(appeal))
        self._as(self.office_user, appeal).action_close()
        self.assertEqual(appeal.state, "closed")
        self.assertEqual(
            appeal.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        )

    def test_r000_05_leader_instruction_before_dispatch(self):
        """R000-05, R000-11: the water company's office asks the leader first."""
        self._use(self.water_company)
        appeal = self._appeal(department_id=self.network.id)
        with self.assertRefused(UserError, "instruction"):
            self._as(self.office_user, appeal).action_dispatch()
        with self.assertRefused(UserError, "Proposed Handling Opinion"):
            self._as(self.office_user, appeal).action_submit_to_leader()
        appeal.with_user(
            self.office_user
        ).proposed_opinion = "Transfer to the network department."
        self._as(self.office_user, appeal).action_submit_to_leader()
        self.assertEqual(appeal.state, "awaiting_instruction")
        self.assertIn("leader_submission", self._events(appeal))
        todo = appeal.activity_ids.filtered(lambda a: a.user_id == self.office_leader)
        self.assertTrue(todo, "the CSC supervising leader gets the order")
        self._as(self.office_leader, appeal).instruction = "Check today."
        self._as(self.office_leader, appeal).action_record_instruction()
        self.assertEqual(appeal.instruction_mode, "system")
        self.assertTrue(appeal.instruction_countersigned)
        self.assertFalse(
            appeal.activity_ids.filtered(lambda a: a.user_id == self.office_leader)
        )
        self._as(self.office_user, appeal).action_dispatch()
        self.assertEqual(appeal.state, "dispatched")

    def test_r000_13_phone_instruction_is_countersigned_later(self):
        self._use(self.water_company)
        appeal = self._appeal(proposed_opinion="To network.")
        self._as(self.office_user, appeal).action_submit_to_leader()
        self._as(self.office_user, appeal).write(
            {"instruction": "Go ahead.", "instruction_mode": "phone"}
        )
        with self.assertRefused(UserError, "R000-13"):
            self._as(self.office_user, appeal).action_record_instruction()
        self._as(self.office_user, appeal).instructed_by_id = self.office_leader
        self._as(self.office_user, appeal).action_record_instruction()
        self.assertFalse(appeal.instruction_countersigned)
        self.assertTrue(
            appeal.activity_ids.filtered(lambda a: a.user_id == self.office_leader)
        )
        with self.assertRefused(AccessError, "countersigns"):
            self._as(self.general_manager, appeal).action_countersign_instruction()
        self._as(self.office_leader, appeal).action_countersign_instruction()
        self.assertTrue(appeal.instruction_countersigned)
        appeal.with_user(self.office_user).department_id = self.network
        self._as(self.office_user, appeal).action_dispatch()

    def test_r002_03_dispatch_needs_a_dedicated_handler(self):
        self._use(self.hotline)
        appeal = self._appeal(department_id=self.network.id)
        with self.assertRefused(UserError, "dedicated handler"):
            self._as(self.office_user, appeal).action_dispatch()
        self.network.complaint_handler_id = self.network_handler
        self._as(self.office_user, appeal).action_dispatch()
        self.assertEqual(appeal.state, "dispatched")
        self.assertTrue(
            appeal.activity_ids.filtered(lambda a: a.user_id == self.network_handler)
        )

    def test_r002_06_only_the_department_accepts_and_the_clock_stops(self):
        """R002-06, R000-21: acceptance by the department stops the accept milestone at
        the recorded time; another department is refused."""
        self._use(self.hotline)
        self.network.complaint_handler_id = self.network_handler
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._appeal(
                received_at=datetime(2026, 11, 18, 1, 59),
                department_id=self.network.id,
                section_id=self.repair_section.id,
            )
            self._as(self.office_user, appeal).action_dispatch()
        with freeze_time("2026-11-18 02:02:00"):
            with self.assertRaises(
                AccessError
            ):  # another department cannot even see it
                self._as(self.billing_handler, appeal).action_accept()
            self._as(self.network_handler, appeal).action_accept()
        self.assertEqual(appeal.state, "accepted")
        self.assertEqual(appeal.handler_employee_id, self.network_handler.employee_id)
        accept = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "accept"
        )
        self.assertEqual(accept.reached_at, datetime(2026, 11, 18, 2, 2))
        self.assertEqual(accept.status, "met")
        self.assertEqual(
            appeal.stage_id,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
        )

    def test_r002_13_hand_back_then_redispatch(self):
        self._use(self.hotline)
        self.network.complaint_handler_id = self.network_handler
        self.billing.complaint_handler_id = self.billing_handler
        appeal = self._dispatched()
        Wizard = self.env["helpdesk.ticket.hand.back.wizard"].with_user(
            self.network_handler
        )
        with self.assertRefused(UserError, "reason and the unit"):
            appeal.with_user(self.network_handler)._hand_back(" ", self.billing)
        Wizard.create(
            {
                "ticket_id": appeal.id,
                "reason": "A billing question.",
                "suggested_department_id": self.billing.id,
            }
        ).action_confirm()
        self.assertEqual(appeal.state, "handed_back")
        self.assertEqual(appeal.hand_back_count, 1)
        hand_back = appeal.event_ids.filtered(lambda e: e.event_code == "hand_back")
        self.assertEqual(hand_back.department_id, self.network)
        self.assertIn("billing", hand_back.note.lower())
        self._as(self.office_user, appeal).write(
            {"department_id": self.billing.id, "section_id": False}
        )
        self._as(self.office_user, appeal).action_dispatch()
        self.assertEqual(appeal.state, "dispatched")
        self._as(self.billing_handler, appeal).action_accept()
        self.assertEqual(appeal.state, "accepted")

    def test_r000_22_report_needs_its_content_and_the_signed_scan(self):
        """R000-22, R000-23: every report item is mandatory, the signed scan too."""
        self._use(self.water_company)
        appeal = self._dispatched()
        self._as(self.network_handler, appeal).action_accept()
        with self.assertRefused(UserError, "Policy or Regulatory Basis"):
            self._as(self.network_handler, appeal).action_submit_report()
        self._as(self.network_handler, appeal).write(REPORT)
        with self.assertRefused(UserError, "signed report"):
            self._as(self.network_handler, appeal).action_submit_report()
        self._as(
            self.network_handler, appeal
        ).report_attachment_ids = self._signed_scan()
        with self.assertRaises(AccessError):
            self._as(self.billing_handler, appeal).action_submit_report()
        self._as(self.network_handler, appeal).action_submit_report()
        self.assertEqual(appeal.state, "reported")
        self.assertEqual(len(appeal.review_ids), 4)

    def test_r000_06_approvals_in_fixed_order(self):
        """R000-06: department head, department leader, CSC leader, GM, none skipped."""
        self._use(self.water_company)
        appeal = self._reported()
        self.assertEqual(
            appeal.review_ids.sorted("sequence").mapped("reviewer_ids"),
            self.network_manager
            | self.department_leader
            | self.office_leader
            | self.general_manager,
        )
        self.assertFalse(
            self._as(self.general_manager, appeal).can_review,
            "the GM waits for the others",
        )
        self._as(self.general_manager, appeal).validate_tier()
        self.assertEqual(appeal.state, "reported")
        with self.assertRefused(UserError, "Approved"):
            self._as(
                self.office_user, appeal
            ).action_final_reply()  # R000-19: no reply before approval
        for approver in (
            self.network_manager,
            self.department_leader,
            self.office_leader,
        ):
            self._as(approver, appeal).validate_tier()
            self.assertEqual(appeal.state, "reported")
        self._as(self.general_manager, appeal).validate_tier()
        self.assertEqual(appeal.state, "approved")
        self.assertEqual(appeal.validation_status, "validated")
        self.assertTrue(
            appeal.activity_ids.filtered(lambda a: a.user_id == self.office_user)
        )

    def test_r000_06_report_under_approval_is_not_rewritten(self):
        """R000-06: while the approvals run, the signed report's facts stay as submitted
        (base_tier_validation's guard, checked only for appeals that have reviews)."""
        self._use(self.water_company)
        appeal = self._reported()
        other = self._dispatched()
        self._as(self.network_handler, other).action_accept()
        for appeals in (appeal, appeal | other):
            with self.assertRefused(ValidationError, "under validation"):
                self._as(self.network_handler, appeals).write(
                    {"report_facts": "Rewritten after signing."}
                )
        self._as(self.network_handler, other).write(
            {"report_facts": "Drafting: no approval yet."}
        )
        self.assertEqual(appeal.report_facts, REPORT["report_facts"])

    def test_r000_06_returned_report_goes_back_to_the_department(self):
        """R000-06, R000-34: an approver returns the report with its reason;
        resubmitting starts the approvals again."""
        self._use(self.water_company)
        appeal = self._reported()
        self._as(self.network_manager, appeal).validate_tier()
        Return = self.env["helpdesk.ticket.report.return.wizard"]
        with self.assertRefused(AccessError, "whose turn"):
            Return.with_user(self.general_manager).create(
                {"ticket_id": appeal.id, "reason": "no_basis", "note": "x"}
            ).action_confirm()
        Return.with_user(self.department_leader).create(
            {
                "ticket_id": appeal.id,
                "reason": "no_basis",
                "note": "Quote the regulation.",
            }
        ).action_confirm()
        self.assertEqual(appeal.state, "accepted")
        self.assertEqual(appeal.report_return_reason, "no_basis")
        self.assertEqual(appeal.report_return_count, 1)
        self.assertIn("report_returned", self._events(appeal))
        self._as(
            self.network_handler, appeal
        ).report_policy_basis = "Regulation art. 12 and 14."
        self._as(self.network_handler, appeal).action_submit_report()
        self.assertEqual(appeal.state, "reported")
        self.assertEqual(
            appeal.review_ids.mapped("status").count("approved"),
            0,
            "a fresh round of approvals",
        )
        self._approve_all(appeal)
        self.assertEqual(appeal.state, "approved")

    def test_r000_28_interim_reply_commits_a_date_and_asks_the_gm(self):
        self._use(self.water_company)
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._reported(received_at=datetime(2026, 11, 18, 1, 0))
            self._approve_all(appeal)
            self._as(
                self.office_user, appeal
            ).interim_reply = "The pipe must be replaced; we will answer by 12-31."
            with self.assertRefused(UserError, "Committed Final Reply Date"):
                self._as(self.office_user, appeal).action_interim_reply()
            self._as(self.office_user, appeal).committed_date = date(2026, 11, 17)
            with self.assertRefused(ValidationError, "future"):
                self._as(self.office_user, appeal).action_interim_reply()
            self._as(self.office_user, appeal).committed_date = date(2026, 12, 31)
            self._as(self.office_user, appeal).action_interim_reply()
        self.assertEqual(appeal.state, "interim_replied")
        resolve = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "resolve"
        )
        self.assertEqual(
            self._line_status(appeal, "reply"),
            "met",
            "the interim reply is the reply (R000-07)",
        )
        request = resolve.extension_ids
        self.assertEqual(request.state, "requested")
        self.assertEqual(request.new_deadline, datetime(2026, 12, 31, 15, 59, 59))
        with freeze_time("2026-11-18 03:00:00"):
            request.with_user(self.general_manager).action_approve()
        self.assertEqual(resolve.deadline, datetime(2026, 12, 31, 15, 59, 59))
        self._as(self.office_user, appeal).reply_text = "Pipe replaced."
        self._as(self.office_user, appeal).action_final_reply()
        self.assertEqual(appeal.state, "replied")

    def _line_status(self, appeal, code):
        return appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == code
        ).status

    def test_r002_21_callback_attempts_then_unreachable(self):
        self._use(self.hotline)
        self.network.complaint_handler_id = self.network_handler
        appeal = self._replied()
        with self.assertRefused(UserError, "Call the customer back"):
            self._as(self.office_user, appeal).action_close()
        with self.assertRefused(AccessError, "Response Office"):
            appeal.with_user(self.network_handler)._log_callback(
                {"channel": "phone", "reached": False}
            )
        for attempt in range(1, 4):
            self._callback(appeal, reached=False)
            self.assertEqual(appeal.callback_attempts, attempt)
        self.assertEqual(
            appeal.state, "closed", "unreachable after the preset's 3 attempts"
        )
        self.assertEqual(self._line_status(appeal, "callback"), "met")
        self.assertFalse(appeal.satisfaction)

    def test_r002_22_unsatisfied_redo_then_cleared(self):
        """R002-22, R003-40, R000-51: unsatisfied through the unit's fault → redo; a
        later satisfied callback clears it."""
        self._use(self.hotline)
        self.network.complaint_handler_id = self.network_handler
        appeal = self._replied()
        with self.assertRefused(UserError, "cause"):
            self._callback(appeal, result="unsatisfied")
        self._callback(
            appeal,
            result="unsatisfied",
            cause="subjective",
            comment="Still no water upstairs.",
        )
        self.assertEqual(appeal.state, "unsatisfied")
        self.assertEqual(appeal.satisfaction, "unsatisfied")
        self.assertIn("unsatisfied_callback", self._events(appeal))
        self.env["helpdesk.ticket.cause.review.wizard"].with_user(
            self.office_user
        ).create(
            {
                "ticket_id": appeal.id,
                "outcome": "redo",
                "note": "The valve was not the only cause.",
            }
        ).action_confirm()
        self.assertEqual(appeal.state, "dispatched")
        self.assertEqual(appeal.redo_count, 1)
        self.assertIn("redo", self._events(appeal))
        self._as(self.network_handler, appeal).action_accept()
        self._as(self.network_handler, appeal).action_submit_report()
        self.assertEqual(
            appeal.state, "approved", "the hotline preset has no approval chain"
        )
        self._as(self.office_user, appeal).action_final_reply()
        self._callback(appeal, result="basically_satisfied")
        self.assertEqual(appeal.state, "closed")
        self.assertEqual(appeal.satisfaction, "basically_satisfied")
        self.assertTrue(appeal.cleared_at)

    def test_r003_40_misunderstanding_is_explained(self):
        self._use(self.hotline)
        self.network.complaint_handler_id = self.network_handler
        appeal = self._replied()
        self._callback(appeal, result="unsatisfied", cause="objective")
        Review = self.env["helpdesk.ticket.cause.review.wizard"]
        with self.assertRefused(AccessError, "Response Office"):
            Review.with_user(self.network_handler).create(
                {"ticket_id": appeal.id, "outcome": "explained", "note": "x"}
            ).action_confirm()
        Review.with_user(self.office_user).create(
            {
                "ticket_id": appeal.id,
                "outcome": "explained",
                "note": "The tariff is set by the city.",
            }
        ).action_confirm()
        self.assertEqual(appeal.state, "closed")
        self.assertEqual(appeal.cause_review, "explained")
        self.assertFalse(appeal.cleared_at)

    def test_kanban_stage_follows_the_workflow(self):
        self._use(self.hotline)
        appeal = self._appeal()
        with self.assertRefused(UserError, "workflow buttons"):
            appeal.with_user(self.office_user).stage_id = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_stage_done"
            )
        self.assertEqual(
            appeal.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        )

    def test_r000_26_co_handling_departments_are_asked_to_cooperate(self):
        self._use(self.hotline)
        self.network.complaint_handler_id = self.network_handler
        self.billing.complaint_handler_id = self.billing_handler
        appeal = self._appeal(
            department_id=self.network.id, co_department_ids=[(6, 0, self.billing.ids)]
        )
        self._as(self.office_user, appeal).action_dispatch()
        self.assertTrue(
            appeal.activity_ids.filtered(lambda a: a.user_id == self.billing_handler)
        )

    def test_steps_refuse_the_wrong_state(self):
        self._use(self.hotline)
        appeal = self._appeal()
        with self.assertRefused(UserError, "Registered"):
            self._as(self.network_handler, appeal).action_accept()
        with self.assertRefused(UserError, "Dispatched"):
            self._as(self.office_user, appeal).action_open_hand_back()

    def test_sla_reached_times_come_from_the_workflow(self):
        """The water company's milestones stop at the times the buttons were pressed."""
        self._use(self.water_company)
        with freeze_time("2026-11-18 01:00:00"):
            appeal = self._appeal(
                received_at=datetime(2026, 11, 18, 0, 30),
                proposed_opinion="To network.",
            )
        with freeze_time("2026-11-18 01:10:00"):
            self._as(self.office_user, appeal).action_submit_to_leader()
        with freeze_time("2026-11-18 01:20:00"):
            self._as(self.office_leader, appeal).instruction = "Go."
            self._as(self.office_leader, appeal).action_record_instruction()
        with freeze_time("2026-11-18 01:30:00"):
            self._as(self.office_user, appeal).write(
                {"department_id": self.network.id, "section_id": self.repair_section.id}
            )
            self._as(self.office_user, appeal).action_dispatch()
        with freeze_time("2026-11-18 02:00:00"):
            self._as(self.network_handler, appeal).action_accept()
        with freeze_time("2026-11-19 03:00:00"):
            self._as(self.network_handler, appeal).write(
                dict(REPORT, report_attachment_ids=[(6, 0, self._signed_scan().ids)])
            )
            self._as(self.network_handler, appeal).action_submit_report()
            self._approve_all(appeal)
        with freeze_time("2026-11-19 05:00:00"):
            self._as(self.office_user, appeal).reply_text = "Fixed."
            self._as(self.office_user, appeal).action_final_reply()
        reached = {
            line.milestone_id.code: line.reached_at for line in appeal.deadline_ids
        }
        self.assertEqual(reached["leader"], datetime(2026, 11, 18, 1, 10))
        self.assertEqual(reached["verify"], datetime(2026, 11, 18, 2, 0))
        self.assertEqual(reached["department_report"], datetime(2026, 11, 19, 3, 0))
        self.assertEqual(reached["reply"], datetime(2026, 11, 19, 5, 0))
        self.assertEqual(reached["resolve"], datetime(2026, 11, 19, 5, 0))
        self.assertTrue(all(line.status == "met" for line in appeal.deadline_ids))

    def test_queues_count_for_each_role(self):
        """Each role sees its own work list with a count."""
        self._use(self.water_company)
        appeal = self._appeal(proposed_opinion="To network.")
        Queue = self.env["helpdesk.appeal.queue"]

        def count(user, xmlid):
            queue = self.env.ref(f"helpdesk_utility_complaint.{xmlid}").with_user(user)
            queue.invalidate_recordset(["appeal_count"])
            return queue.appeal_count

        # The demo database has appeals in these queues too: count what the step adds.
        to_dispatch = count(self.office_user, "queue_dispatch")
        to_instruct = count(self.office_leader, "queue_instruction")
        self._as(self.office_user, appeal).action_submit_to_leader()
        self.assertEqual(count(self.office_user, "queue_dispatch"), to_dispatch - 1)
        self.assertEqual(
            count(self.office_leader, "queue_instruction"), to_instruct + 1
        )
        self.assertEqual(count(self.general_manager, "queue_instruction"), 0)
        self.assertNotIn(
            self.env.ref("helpdesk_utility_complaint.queue_callback"),
            Queue.with_user(self.network_handler).search([]),
            "a handler does not see the office's queues",
        )
        self._as(self.office_leader, appeal).instruction = "Go."
        self._as(self.office_leader, appeal).action_record_instruction()
        self._as(self.office_user, appeal).write(
            {"department_id": self.network.id, "section_id": self.repair_section.id}
        )
        self._as(self.office_user, appeal).action_dispatch()
        self.assertEqual(count(self.network_handler, "queue_department"), 1)
        self.assertEqual(count(self.billing_handler, "queue_department"), 0)
        self._as(self.network_handler, appeal).action_accept()
        self._as(self.network_handler, appeal).write(
            dict(REPORT, report_attachment_ids=[(6, 0, self._signed_scan().ids)])
        )
        self._as(self.network_handler, appeal).action_submit_report()
        self.assertEqual(count(self.network_manager, "queue_approval"), 1)
        self.assertEqual(count(self.general_manager, "queue_approval"), 0)
        action = (
            self.env.ref("helpdesk_utility_complaint.queue_approval")
            .with_user(self.network_manager)
            .action_open()
        )
        self.assertEqual(
            self.env["helpdesk.ticket"]
            .with_user(self.network_manager)
            .search(action["domain"]),
            appeal,
        )

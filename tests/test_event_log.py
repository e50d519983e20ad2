from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.helpdesk_utility_complaint import groups

from .appeal_walk import DRIVEN_STATES, AppealWalkCase, utc


@tagged("post_install", "-at_install")
class TestEventLog(AppealWalkCase):
    """Issue 8, item 1: every event a deadline depends on comes from the web client."""

    # ------------------------------------------------------------------
    # Every milestone event of every shipped policy is reachable
    # ------------------------------------------------------------------

    def _events(self, appeal):
        return set(appeal.event_ids.mapped("event_code"))

    def _events_of_workflow_buttons(self):
        """The events the workflow's buttons record, pressed by the roles that see them:
        a complaint that goes to the leader, is handed back, redone after an
        unsatisfied rating and investigated by HR; one answered on the spot; one
        withdrawn."""
        self._use("water_company")
        appeal = self._register()
        self._dispatch(appeal, self.billing)
        self._click(
            self.billing_handler,
            appeal,
            "action_open_hand_back",
            reason="Not a billing matter.",
            suggested_department_id=self.network.id,
        )
        self._dispatch(appeal)
        self._click(self.network_handler, appeal, "action_accept")
        self._report(appeal)
        appeal.with_user(self.office_user).write(
            {"interim_reply": "We are on it.", "committed_date": "2099-01-05"}
        )
        self._click(self.office_user, appeal, "action_interim_reply")
        self._reply(appeal)
        self._callback(appeal, "unsatisfied", "subjective")
        self._click(
            self.office_user,
            appeal,
            "action_open_cause_review",
            outcome="redo",
            note="The valve is still closed.",
        )
        self._click(self.network_handler, appeal, "action_accept")
        self._report(appeal)
        self._reply(appeal)
        self._callback(appeal)
        self.assertEqual(appeal.state, "closed")
        self._click(self.office_leader, appeal, "action_send_to_hr")
        self._click(self.hr_officer, appeal, "action_submit_hr_report")

        on_the_spot = self._register(nature_id=self.consultation.id)
        on_the_spot.with_user(self.office_user).reply_text = "Pay at any bank."
        self._click(self.office_user, on_the_spot, "action_answer_on_spot")
        self._click(self.office_user, on_the_spot, "action_close")

        withdrawn = self._register()
        self._click(
            self.office_user,
            withdrawn,
            "action_open_withdraw",
            reason="The customer withdrew the appeal.",
        )
        return (
            self._events(appeal) | self._events(on_the_spot) | self._events(withdrawn)
        )

    def _events_of_the_log_dialog(self):
        """The events the Log Event dialog records under the company's preset, each
        logged by a member of each group the event type names, in the first state it
        allows that the walk reaches."""
        logged = set()
        for event_type in self.env["helpdesk.sla.event"].search(
            [("manual_log", "=", True)]
        ):
            states = event_type._log_state_list() or ["dispatched"]
            state = next((s for s in states if s in DRIVEN_STATES), None)
            self.assertTrue(state, f"{event_type.code}: no state the walk reaches")
            for group in event_type.log_group_ids:
                user = self._member_of(group)
                appeal = self._register(category_id=self.ref("cat_water_leak").id)
                self._bring_to(appeal, state)
                if event_type not in appeal.with_user(user)._loggable_event_types():
                    continue  # not used by this preset's policy
                self._log(
                    user,
                    appeal,
                    event_type.code,
                    contact_method="phone",
                    pipe_diameter=300,
                    note="Logged from the dialog.",
                )
                self.assertIn(event_type.code, self._events(appeal))
                logged.add(event_type.code)
        return logged

    @freeze_time("2026-11-18 02:00:00")
    def test_every_milestone_event_is_recorded_from_the_appeal_form(self):
        """Issue 8 item 1 (R000-07, R002-08, R002-24, R002-25, R003-19, R003-23,
        R003-24): every event a milestone of a shipped policy starts, stops, is not
        needed after or runs again at is recorded by a button of the appeal form or by
        its Log Event dialog, pressed by a role that sees it."""
        from_buttons = self._events_of_workflow_buttons()
        missing = []
        Policy = self.env["helpdesk.sla.policy"].with_context(active_test=False)
        for code, preset in self.presets.items():
            self._use(code)
            reachable = from_buttons | self._events_of_the_log_dialog()
            policies = Policy.search([("preset_id", "=", preset.id)])
            self.assertTrue(policies, f"preset {code} ships a deadline policy")
            for milestone in policies.milestone_ids:
                events = (
                    milestone.start_event_id
                    | milestone.stop_event_ids
                    | milestone.cancel_event_ids
                    | milestone.restart_event_ids
                )
                missing += [
                    f"{code}/{milestone.code}: {event.code}"
                    for event in events
                    if event.code not in reachable
                ]
        self.assertFalse(missing, "milestone events nobody can record")

    # ------------------------------------------------------------------
    # The dialog
    # ------------------------------------------------------------------

    def _heating_complaint(self, when="2026-11-18 02:00:00"):
        self._use("heating")
        with freeze_time(when):
            appeal = self._register(
                received_at=utc(when),
                category_id=self.ref("cat_heating_temperature").id,
            )
            self._dispatch(appeal)
        return appeal

    def test_r003_19_contact_logged_by_the_department_stops_its_clock(self):
        """R003-19, R003-23: the department logs the contact (and how) and the
        solution from the appeal; the 2-hour and 24-hour clocks stop there."""
        appeal = self._heating_complaint()
        self.assertEqual(self._line(appeal, "contact").status, "running")
        with freeze_time("2026-11-18 03:10:00"):
            self._log(
                self.network_handler, appeal, "first_contact", contact_method="phone"
            )
        with freeze_time("2026-11-18 05:00:00"):
            self._log(
                self.network_handler,
                appeal,
                "solution_proposed",
                note="Valve reopened tomorrow morning.",
            )
        contact = self._line(appeal, "contact")
        self.assertEqual(
            (contact.status, contact.reached_at), ("met", utc("2026-11-18 03:10:00"))
        )
        self.assertEqual(self._line(appeal, "solution").status, "met")
        event = appeal.event_ids.filtered(lambda e: e.event_code == "first_contact")
        self.assertEqual(
            (event.contact_method, event.user_id), ("phone", self.network_handler)
        )
        self.assertIn(
            "Logged: Customer Contacted", "".join(appeal.message_ids.mapped("body"))
        )

    def test_only_the_owning_role_logs_and_only_in_its_states(self):
        """Issue 8 item 1: who logs which event and when is data on the event type,
        checked on the server: the handling department (or the office on its behalf)
        after dispatch; not another department, not HR, not before dispatch nor after
        closing."""
        self._use("heating")
        appeal = self._register(category_id=self.ref("cat_heating_temperature").id)
        contact = self.ref("sla_event_first_contact")
        self.assertFalse(appeal.with_user(self.network_handler).can_log_event)
        with self.assertRefused(UserError, "nothing to log"):
            appeal.with_user(self.network_handler).action_open_event_log()
        self._dispatch(appeal)
        for user, allowed in (
            (self.network_handler, True),
            (self.network_manager, True),
            (self.office_user, True),
            (self.hr_officer, False),
        ):
            self.assertEqual(
                contact in appeal.with_user(user)._loggable_event_types(),
                allowed,
                user.login,
            )
        with self.assertRefused(AccessError, "cannot log “Customer Contacted”"):
            appeal.with_user(self.hr_officer)._log_event(
                contact, contact_method="phone"
            )
        with self.assertRaises(AccessError):  # another department does not see it
            appeal.with_user(self.billing_handler)._log_event(
                contact, contact_method="phone"
            )
        # Data, not code: give the contact to the office alone and the department
        # loses it.
        contact.log_group_ids = self.env.ref(groups.OFFICE)
        self.assertNotIn(
            contact, appeal.with_user(self.network_handler)._loggable_event_types()
        )
        self.assertIn(
            contact, appeal.with_user(self.office_user)._loggable_event_types()
        )
        contact.log_group_ids = self.env.ref(groups.HANDLER)
        with self.assertRefused(ValidationError, "unknown appeal states: dispached"):
            contact.log_states = "dispached,accepted"
        with self.assertRefused(ValidationError, "Say which groups log"):
            contact.log_group_ids = False
        with self.assertRefused(UserError, "Say how the customer was reached"):
            appeal.with_user(self.network_handler)._log_event(contact)
        self._click(self.network_handler, appeal, "action_accept")
        self._report(appeal)
        self.assertNotIn(
            contact,
            appeal.with_user(self.network_handler)._loggable_event_types(),
            "contact is logged while the department handles the appeal",
        )
        self._reply(appeal)
        self._callback(appeal)
        self.assertEqual(appeal.state, "closed")
        self.assertFalse(appeal.with_user(self.office_user)._loggable_event_types())
        self.assertFalse(appeal.with_user(self.office_user).can_log_event)

    def test_backdating_within_the_preset_limit_with_a_reason(self):
        """Issue 8 item 1: the time defaults to the moment of logging; an earlier time
        needs a reason, posted in the chatter, and stays within the preset's limit
        (shipped: 4 hours for heating) unless a complaint manager logs it; never in
        the future, never before receipt."""
        appeal = self._heating_complaint("2026-11-18 00:00:00")
        handler = appeal.with_user(self.network_handler)
        solution = self.ref("sla_event_solution_proposed")
        self.assertEqual(self.presets["heating"].event_backdate_hours, 4)
        with freeze_time("2026-11-18 06:00:00"):
            with self.assertRefused(UserError, "logged late"):
                handler._log_event(solution, when=utc("2026-11-18 03:00:00"))
            with self.assertRefused(ValidationError, "at most 4 hours"):
                handler._log_event(
                    solution, when=utc("2026-11-18 01:30:00"), reason="Forgot."
                )
            with self.assertRefused(ValidationError, "in the future"):
                handler._log_event(solution, when=utc("2026-11-18 06:05:00"))
            self.presets["heating"].event_backdate_hours = 12
            with self.assertRefused(ValidationError, "before the appeal was received"):
                handler._log_event(
                    solution, when=utc("2026-11-17 23:00:00"), reason="Forgot."
                )
            self.presets["heating"].event_backdate_hours = 4
            manager = appeal.with_user(self.complaint_manager)
            with self.assertRefused(UserError, "logged late"):
                manager._log_event(
                    self.ref("sla_event_plan_notified"),
                    when=utc("2026-11-18 00:30:00"),
                    contact_method="phone",
                )
            manager._log_event(
                self.ref("sla_event_plan_notified"),
                when=utc("2026-11-18 00:30:00"),
                reason="Found in the crew's paper log.",
                contact_method="phone",
            )
            self._log(
                self.network_handler,
                appeal,
                "solution_proposed",
                occurred_at=utc("2026-11-18 03:00:00"),
                backdate_reason="The crew had no signal in the boiler room.",
            )
        event = appeal.event_ids.filtered(lambda e: e.event_code == "solution_proposed")
        self.assertEqual(event.occurred_at, utc("2026-11-18 03:00:00"))
        self.assertEqual(
            event.backdate_reason, "The crew had no signal in the boiler room."
        )
        self.assertEqual(self._line(appeal, "solution").reached_at, event.occurred_at)
        self.assertIn(
            "Reason: The crew had no signal", "".join(appeal.message_ids.mapped("body"))
        )

    def test_the_time_proposed_by_the_dialog_is_the_moment_of_logging(self):
        """A dialog confirmed a few minutes after it opened logs the moment of
        confirming, with no reason asked; a time before the opening is back-dated."""
        appeal = self._heating_complaint("2026-11-18 00:00:00")
        Wizard = self.env["helpdesk.ticket.event.log.wizard"].with_user(
            self.network_handler
        )
        contact = self.ref("sla_event_first_contact")
        with freeze_time("2026-11-18 01:00:20"):
            wizard = Wizard.create(
                {
                    "ticket_id": appeal.id,
                    "event_type_id": contact.id,
                    "contact_method": "wechat",
                }
            )
            self.assertFalse(wizard.is_backdated)
            wizard.occurred_at = utc("2026-11-18 00:40:00")
            self.assertTrue(wizard.is_backdated)
            wizard.occurred_at = utc("2026-11-18 01:00:00")
            self.assertFalse(wizard.is_backdated, "the opening minute is now")
        with freeze_time("2026-11-18 01:03:00"):
            wizard.action_confirm()
        event = appeal.event_ids.filtered(lambda e: e.event_code == "first_contact")
        self.assertEqual(event.occurred_at, utc("2026-11-18 01:03:00"))
        self.assertFalse(event.backdate_reason)

    def test_r002_25_the_pipe_diameter_logged_decides_the_repair_deadline(self):
        """R002-25: the repair dialog asks the DN and stores it on the appeal; DN 300
        gets 24 hours, DN 800 48 hours, both from the start of the repair."""
        self._use("water_hotline")
        deadlines = {}
        for diameter in (300, 800):
            with freeze_time("2026-11-18 02:00:00"):
                appeal = self._register(category_id=self.ref("cat_water_leak").id)
                self._bring_to(appeal, "accepted")
            with self.assertRefused(UserError, "nominal diameter"):
                appeal.with_user(self.network_handler)._log_event(
                    self.ref("sla_event_repair_started")
                )
            with freeze_time("2026-11-18 03:00:00"):
                self._log(
                    self.network_handler,
                    appeal,
                    "repair_started",
                    pipe_diameter=diameter,
                )
            self.assertEqual(appeal.pipe_diameter, diameter)
            codes = appeal.deadline_ids.milestone_id.mapped("code")
            self.assertEqual(
                ("pipe_repair" in codes, "pipe_repair_large" in codes),
                (diameter <= 600, diameter > 600),
            )
            code = "pipe_repair" if diameter <= 600 else "pipe_repair_large"
            deadlines[diameter] = self._line(appeal, code).deadline
            with freeze_time("2026-11-19 01:00:00"):
                self._log(
                    self.network_handler,
                    appeal,
                    "repair_completed",
                    pipe_diameter=diameter,
                )
            self.assertEqual(self._line(appeal, code).status, "met")
        self.assertEqual(deadlines[300], utc("2026-11-19 03:00:00"))
        self.assertEqual(deadlines[800], utc("2026-11-20 03:00:00"))

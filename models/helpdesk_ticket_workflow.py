from datetime import time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import LEADER, OFFICE

# An appeal in these states is over: no step, no clock, no supervision trigger.
ENDED_STATES = ("closed", "withdrawn")
SATISFACTION = [
    ("satisfied", "Satisfied"),
    ("basically_satisfied", "Basically Satisfied"),
    ("unsatisfied", "Unsatisfied"),
]


class HelpdeskTicket(models.Model):
    """The path of one appeal, as steps with an owner, a guard and a recorded fact.

    registered → (answered on the spot) or (awaiting the leader's instruction) →
    dispatched → accepted (or handed back) → reported → approvals → (interim reply) →
    replied → callback → closed, with unsatisfied → cause review → redo or explanation.
    Each step is a method called by a button: it checks the role and the data it needs,
    moves the state (and the kanban stage), records the event the deadlines stop on,
    posts to the chatter and hands the next step to its owner as an activity.
    """

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "tier.validation"]

    # Department report approvals (R000-06, R000-22) run on OCA base_tier_validation:
    # the preset's tier definitions decide who signs, in which order.
    _state_from = ["reported"]
    _state_to = ["approved"]
    # Withdrawing cancels the approvals still awaited; those given stay (see _withdraw).
    _cancel_state = "withdrawn"
    _tier_validation_manual_config = True

    # --- Workflow (see the transitions below) ---
    state = fields.Selection(
        [
            ("registered", "Registered"),
            ("awaiting_instruction", "Awaiting Instruction"),
            ("dispatched", "Dispatched"),
            ("accepted", "Accepted"),
            ("on_hold", "On Hold"),
            ("handed_back", "Handed Back"),
            ("reported", "Reported"),
            ("approved", "Approved"),
            ("interim_replied", "Interim Reply Sent"),
            ("replied", "Replied"),
            ("unsatisfied", "Unsatisfied"),
            ("closed", "Closed"),
            ("withdrawn", "Withdrawn"),
        ],
        default="registered",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    redo_count = fields.Integer(
        readonly=True,
        copy=False,
        help="Times the appeal was sent back to be handled again (R002-22).",
    )
    hand_back_count = fields.Integer(
        readonly=True,
        copy=False,
        help="Times a department handed the appeal back (R002-13).",
    )

    # --- Registration and the leader's instruction (R000-05, R000-11, R000-13) ---
    answered_on_spot = fields.Boolean(readonly=True, copy=False)
    proposed_opinion = fields.Text(
        string="Proposed Handling Opinion",
        help="The office's proposal on the supervision order (拟办意见, R000-11).",
    )
    instruction = fields.Text(string="Leader's Instruction", copy=False)
    instruction_mode = fields.Selection(
        [("system", "In the System"), ("phone", "By Phone"), ("verbal", "In Person")],
        copy=False,
        help="A leader who cannot sign in time instructs by phone or in person; the "
        "office records it and the leader countersigns later (R000-13).",
    )
    instructed_by_id = fields.Many2one("res.users", copy=False)
    instructed_at = fields.Datetime(readonly=True, copy=False)
    instruction_countersigned = fields.Boolean(readonly=True, copy=False)

    # --- Holding an appeal, e.g. waiting for the customer ---
    hold_reason = fields.Text(copy=False)
    hold_from_state = fields.Char(readonly=True, copy=False)

    # --- Department report (R000-22, R000-23) ---
    report_facts = fields.Text(string="Facts and Course of Events", copy=False)
    report_cause = fields.Text(string="Cause", copy=False)
    report_policy_basis = fields.Text(
        string="Policy or Regulatory Basis",
        copy=False,
        help="Every statement needs a basis (R000-23).",
    )
    report_responsibility = fields.Text(string="Responsibility", copy=False)
    report_proposed_reply = fields.Text(string="Proposed Reply", copy=False)
    report_attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_report_attachment_rel",
        string="Signed Report",
        copy=False,
        help="Scan of the signed paper report and its electronic text (R000-22).",
    )
    report_submitted_at = fields.Datetime(readonly=True, copy=False)
    report_submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    report_return_count = fields.Integer(readonly=True, copy=False)
    report_return_reason = fields.Selection(
        [
            ("unclear", "Facts Unclear or Responsibility Undefined"),
            ("no_basis", "No Scientific or Policy Basis, or Non-standard Language"),
            ("other", "Other"),
        ],
        readonly=True,
        copy=False,
        help="Why an approver returned the last report (R000-31, R000-34).",
    )
    approver_department_head_id = fields.Many2one(
        "res.users", compute="_compute_approvers", string="Department Head"
    )
    approver_department_leader_id = fields.Many2one(
        "res.users",
        compute="_compute_approvers",
        string="Department Supervising Leader",
    )
    approver_office_leader_id = fields.Many2one(
        "res.users", compute="_compute_approvers", string="CSC Supervising Leader"
    )
    approver_general_manager_id = fields.Many2one(
        "res.users", compute="_compute_approvers", string="General Manager"
    )

    # --- Replies (R000-28, R002-39, R002-40) ---
    interim_reply = fields.Text(copy=False)
    committed_date = fields.Date(
        string="Committed Final Reply Date",
        copy=False,
        help="Promised in the interim reply (R000-28).",
    )
    interim_replied_at = fields.Datetime(readonly=True, copy=False)
    reply_text = fields.Text(string="Final Reply", copy=False)
    resolved = fields.Boolean(
        default=True, copy=False, help="The final reply resolves the appeal (R000-07)."
    )
    replied_at = fields.Datetime(readonly=True, copy=False)
    reply_point_ids = fields.One2many(
        "helpdesk.ticket.reply.point", "ticket_id", string="Reply Points", copy=False
    )
    commitment_ids = fields.One2many(
        "helpdesk.ticket.commitment", "ticket_id", string="Commitments", copy=False
    )

    # --- Callback, satisfaction, clearing ---
    # R002-21, R002-22, R003-36, R003-40, R000-51
    callback_ids = fields.One2many(
        "helpdesk.ticket.callback", "ticket_id", string="Callbacks", copy=False
    )
    satisfaction = fields.Selection(
        SATISFACTION,
        compute="_compute_satisfaction",
        store=True,
        index=True,
        copy=False,
    )
    callback_attempts = fields.Integer(
        compute="_compute_satisfaction", store=True, copy=False
    )
    unsatisfied_at = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the customer first rated the handling unsatisfied.",
    )
    unsatisfied_cause = fields.Selection(
        [("subjective", "The Unit's Own Failings"), ("objective", "Objective Reasons")],
        readonly=True,
        copy=False,
        help="Only the unit's own failings upgrade the appeal to a supervised redo "
        "(R002-22).",
    )
    cause_review = fields.Selection(
        [
            ("redo", "Service Problem: Redo"),
            ("explained", "Misunderstanding: Explained"),
        ],
        readonly=True,
        copy=False,
    )
    cause_review_note = fields.Text(readonly=True, copy=False)
    cleared_at = fields.Datetime(
        readonly=True,
        copy=False,
        help="An unsatisfied appeal redone and then rated satisfied is cleared and "
        "counts as satisfied (R000-51).",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("department_id", "company_id")
    def _compute_approvers(self):
        for ticket in self:
            company = ticket.company_id
            ticket.approver_department_head_id = ticket.department_id.manager_id.user_id
            ticket.approver_department_leader_id = (
                ticket.department_id.supervising_leader_id
            )
            ticket.approver_office_leader_id = (
                company.complaint_office_department_id.supervising_leader_id
            )
            ticket.approver_general_manager_id = company.complaint_general_manager_id

    @api.depends(
        "callback_ids.reached", "callback_ids.result", "callback_ids.called_at"
    )
    def _compute_satisfaction(self):
        for ticket in self:
            reached = ticket.callback_ids.filtered("reached").sorted("called_at")
            ticket.satisfaction = reached[-1:].result or False
            ticket.callback_attempts = len(ticket.callback_ids)

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _check_state(self, *states):
        for ticket in self:
            if ticket.state not in states:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s is “%(state)s”: this step needs it to be "
                        "%(states)s.",
                        number=ticket.number,
                        state=ticket._state_label(ticket.state),
                        states=self.env._(" or ").join(
                            f"“{ticket._state_label(s)}”" for s in states
                        ),
                    )
                )

    def _check_role(self, group, step):
        if not (self.env.su or self.env.user.has_group(group)):
            raise AccessError(
                self.env._(
                    "Only %(role)s can %(step)s.",
                    role=self.env.ref(group).name,
                    step=step,
                )
            )

    def _is_handling_department_user(self):
        """Whether the current user acts for the handling department: a member of the
        department or section, its handler or head, or the office on its behalf."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or user.has_group(OFFICE):
            return True
        return user == self.handler_employee_id.user_id or (
            self.department_id | self.section_id
        )._complaint_acts_for(user)

    def _check_department_member(self, step):
        """The step belongs to the handling department (or the office on its behalf)."""
        for ticket in self:
            if not ticket._is_handling_department_user():
                raise AccessError(
                    self.env._(
                        "Only the handling department %(department)s can %(step)s.",
                        department=ticket.department_id.name or "-",
                        step=step,
                    )
                )

    def _check_filled(self, field_names):
        for ticket in self:
            missing = [
                ticket._fields[name].get_description(self.env)["string"]
                for name in field_names
                if not ticket[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s: fill in %(fields)s first.",
                        number=ticket.number,
                        fields=self.env._(", ").join(missing),
                    )
                )

    # ------------------------------------------------------------------
    # Moving
    # ------------------------------------------------------------------

    def _move(self, state, event_code=None, note=None, **event_values):
        """Enter ``state`` (and its stage), recording ``event_code`` if given."""
        stage_of = self.env["helpdesk.ticket.stage"]._stage_for_state
        for ticket in self:
            values = {"state": state}
            stage = stage_of(state, ticket.team_id)
            if stage and stage != ticket.stage_id:
                values["stage_id"] = stage.id
            ticket.with_context(appeal_workflow=True, skip_validation_check=True).write(
                values
            )
        if event_code:
            self._record_event(event_code, note=note, **event_values)
        self._close_step_activities()

    def _close_step_activities(self):
        self.activity_feedback(["helpdesk_utility_complaint.mail_activity_appeal_step"])

    def _hand_to(self, users, summary, note=None):
        """The next step's activity for its owner(s)."""
        for ticket in self:
            for user in users.filtered(lambda u: u.active and not u.share):
                ticket.activity_schedule(
                    "helpdesk_utility_complaint.mail_activity_appeal_step",
                    summary=summary,
                    note=note,
                    user_id=user.id,
                )

    def _office_users(self):
        """Who does the office's next step: the assigned clerk, else the office."""
        self.ensure_one()
        if self.user_id.has_group(OFFICE):
            return self.user_id
        group = self.env.ref(OFFICE)
        return group.all_user_ids.filtered(
            lambda user: self.company_id in user.company_ids
        )[:1]

    def _department_step_owner(self):
        """Who does the handling department's next step on this appeal: the employee
        handling it, else the owner of the department's steps
        (``hr.department._complaint_step_owner``)."""
        self.ensure_one()
        return self.handler_employee_id.user_id or (
            self.department_id._complaint_step_owner(section=self.section_id)
        )

    # ------------------------------------------------------------------
    # Steps of the response office
    # ------------------------------------------------------------------

    def action_answer_on_spot(self):
        """R000-04, R002-04: the office answers at once; no dispatch."""
        self._check_role(OFFICE, self.env._("answer an appeal on the spot"))
        self._check_state("registered")
        self._check_filled(["reply_text"])
        now = fields.Datetime.now()
        self.write({"answered_on_spot": True, "replied_at": now})
        self._record_event("answered_on_spot", when=now)
        self._move("replied", "final_reply", note=self.env._("Answered on the spot."))
        for ticket in self:
            ticket._hand_to(
                ticket._office_users(), self.env._("Call the customer back")
            )

    def action_submit_to_leader(self):
        """R000-05, R000-11, R000-12: the supervision order goes to the CSC supervising
        leader."""
        self._check_role(
            OFFICE, self.env._("submit an appeal to the supervising leader")
        )
        self._check_state("registered")
        self._check_filled(["proposed_opinion"])
        self._move(
            "awaiting_instruction",
            "leader_submission",
            note=self.env._("Supervision order submitted."),
        )
        for ticket in self:
            ticket._hand_to(
                ticket.approver_office_leader_id,
                self.env._(
                    "Give instructions on appeal %(number)s", number=ticket.number
                ),
                ticket.proposed_opinion,
            )

    def action_record_instruction(self):
        """R000-05, R000-13: the leader instructs in the system, or the office records a
        phone or verbal instruction, which the leader countersigns later."""
        self._check_state("awaiting_instruction")
        self._check_filled(["instruction"])
        user = self.env.user
        for ticket in self:
            if user.has_group(LEADER) and ticket.instruction_mode in (False, "system"):
                values = {
                    "instruction_mode": "system",
                    "instructed_by_id": user.id,
                    "instruction_countersigned": True,
                }
            else:
                ticket._check_role(OFFICE, self.env._("record a leader's instruction"))
                if (
                    ticket.instruction_mode not in ("phone", "verbal")
                    or not ticket.instructed_by_id
                ):
                    raise UserError(
                        self.env._(
                            "The office records an instruction given by phone or in "
                            "person: choose the mode and the leader who gave it "
                            "(R000-13)."
                        )
                    )
                values = {"instruction_countersigned": False}
            ticket.write(dict(values, instructed_at=fields.Datetime.now()))
            ticket._close_step_activities()
            if not ticket.instruction_countersigned:
                ticket._hand_to(
                    ticket.instructed_by_id,
                    self.env._(
                        "Countersign your instruction on appeal %(number)s",
                        number=ticket.number,
                    ),
                    ticket.instruction,
                )
            ticket.message_post(
                body=self.env._(
                    "Instruction of %(leader)s (%(mode)s): %(instruction)s",
                    leader=ticket.instructed_by_id.name,
                    mode=dict(
                        ticket._fields["instruction_mode"]._description_selection(
                            self.env
                        )
                    )[ticket.instruction_mode],
                    instruction=ticket.instruction,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_countersign_instruction(self):
        """R000-13: the leader who instructed by phone or in person signs afterwards."""
        for ticket in self:
            if self.env.user != ticket.instructed_by_id:
                raise AccessError(
                    self.env._(
                        "Only the leader who gave the instruction countersigns it."
                    )
                )
            ticket.sudo().instruction_countersigned = True
            ticket.activity_feedback(
                ["helpdesk_utility_complaint.mail_activity_appeal_step"],
                user_id=self.env.uid,
            )
            ticket.message_post(
                body=self.env._("Instruction countersigned."),
                subtype_xmlid="mail.mt_note",
            )

    def action_dispatch(self):
        """R000-05, R002-04, R002-03, R000-26: the office dispatches to the lead
        department."""
        self._check_role(OFFICE, self.env._("dispatch an appeal"))
        self._check_state("registered", "awaiting_instruction", "handed_back")
        self._check_classified()
        self._check_filled(["department_id"])
        for ticket in self:
            preset = ticket.company_id.complaint_preset_id
            if preset.leader_instruction_required and not ticket.instructed_at:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s needs the supervising leader's instruction "
                        "before it is dispatched (R000-05).",
                        number=ticket.number,
                    )
                )
            if (
                preset.dedicated_handler_required
                and not ticket.department_id.complaint_handler_id
            ):
                raise UserError(
                    self.env._(
                        "%(department)s has named no dedicated handler for appeals and "
                        "cannot receive them (R002-03).",
                        department=ticket.department_id.name,
                    )
                )
        for ticket in self:
            ticket._move(
                "dispatched",
                "dispatch",
                note=ticket.department_id.name,
                department_id=ticket.department_id.id,
            )
            ticket._hand_to(
                ticket._department_step_owner(),
                self.env._("Accept appeal %(number)s", number=ticket.number),
            )
            for department in ticket.co_department_ids:
                ticket._hand_to(
                    department._complaint_step_owner(),
                    self.env._(
                        "Cooperate on appeal %(number)s (lead: %(lead)s)",
                        number=ticket.number,
                        lead=ticket.department_id.name,
                    ),
                )
            leader = ticket.department_id.supervising_leader_id
            if leader:
                ticket.message_post(
                    body=self.env._(
                        "Dispatched to %(department)s.",
                        department=ticket.department_id.name,
                    ),
                    partner_ids=leader.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )

    # ------------------------------------------------------------------
    # Steps of the handling department
    # ------------------------------------------------------------------

    def action_accept(self):
        """R002-06, R000-21: the department accepts and starts investigating at once."""
        self._check_state("dispatched")
        self._check_department_member(self.env._("accept this appeal"))
        employee = self.env.user.employee_id
        for ticket in self:
            if not ticket.handler_employee_id and employee.department_id in (
                ticket.department_id | ticket.section_id
            ):
                ticket.with_context(appeal_workflow=True).handler_employee_id = employee
        now = fields.Datetime.now()
        self._record_event("investigation_started", when=now)
        self._move("accepted", "acceptance", department_id=self.department_id[:1].id)

    def action_hold(self):
        """Put the handling on hold with a reason; milestones whose policy pauses in the
        on-hold stage stop their clock meanwhile."""
        self._check_state("dispatched", "accepted")
        self._check_department_member(self.env._("put this appeal on hold"))
        self._check_filled(["hold_reason"])
        for ticket in self:
            ticket.sudo().hold_from_state = ticket.state
            ticket._move("on_hold", note=ticket.hold_reason)

    def action_resume(self):
        self._check_state("on_hold")
        self._check_department_member(self.env._("resume this appeal"))
        for ticket in self:
            ticket._move(
                ticket.hold_from_state or "accepted", note=self.env._("Resumed.")
            )

    def _hand_back(self, reason, suggested_department):
        """R002-13, R000-29: out of the department's remit, back to the office with the
        reason."""
        self._check_state("dispatched", "accepted")
        self._check_department_member(self.env._("hand this appeal back"))
        if not (reason or "").strip() or not suggested_department:
            raise UserError(
                self.env._(
                    "A hand-back needs the reason and the unit the appeal should go to "
                    "(R002-13)."
                )
            )
        for ticket in self:
            department = ticket.department_id
            ticket.with_context(appeal_workflow=True).sudo().hand_back_count += 1
            ticket._move(
                "handed_back",
                "hand_back",
                note=self.env._(
                    "%(reason)s — should go to %(department)s",
                    reason=reason,
                    department=suggested_department.name,
                ),
                department_id=department.id,
            )
            ticket._hand_to(
                ticket._office_users(),
                self.env._("Re-dispatch appeal %(number)s", number=ticket.number),
                reason,
            )

    def action_submit_report(self):
        """R000-22, R000-23, R002-15: the department reports; approvals follow
        (R000-06)."""
        self._check_state("accepted")
        self._check_department_member(self.env._("submit the report"))
        self._check_filled(
            [
                "report_facts",
                "report_cause",
                "report_policy_basis",
                "report_responsibility",
                "report_proposed_reply",
            ]
        )
        for ticket in self:
            if (
                ticket.company_id.complaint_preset_id.signed_report_required
                and not ticket.report_attachment_ids
            ):
                raise UserError(
                    self.env._(
                        "Attach the scan of the signed report and its electronic text "
                        "(R000-22)."
                    )
                )
        now = fields.Datetime.now()
        self.write({"report_submitted_at": now, "report_submitted_by_id": self.env.uid})
        self._record_event("completion", when=now)
        self._move(
            "reported", "department_report", department_id=self.department_id[:1].id
        )
        for ticket in self:
            ticket._request_approvals()

    def _request_approvals(self):
        """Start the preset's approval chain, or pass straight on when it has none."""
        self.ensure_one()
        if not self.need_validation:
            self._approved()
            return
        missing = [
            self._fields[name].get_description(self.env)["string"]
            for name in (
                "approver_department_head_id",
                "approver_department_leader_id",
                "approver_office_leader_id",
                "approver_general_manager_id",
            )
            if not self[name]
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Appeal %(number)s cannot go through its approvals: nobody is set "
                    "as %(roles)s (departments and Settings > Complaint Desk).",
                    number=self.number,
                    roles=self.env._(", ").join(missing),
                )
            )
        self.sudo().request_validation()
        # need_validation has no dependencies: forget the value read without reviews.
        self.invalidate_recordset(["need_validation"])

    def _approved(self):
        self._move("approved", note=self.env._("Report approved."))
        for ticket in self:
            ticket._hand_to(
                ticket._office_users(),
                self.env._("Reply on appeal %(number)s", number=ticket.number),
            )

    def _return_report(self, reason, note):
        """An approver sends the report back to the department with the reason
        (R000-06)."""
        for ticket in self:
            ticket.sudo().with_context(skip_validation_check=True).write(
                {
                    "report_return_reason": reason,
                    "report_return_count": ticket.report_return_count + 1,
                }
            )
            ticket._move(
                "accepted",
                "report_returned",
                note=note,
                reason_code=reason,
                department_id=ticket.department_id.id,
            )
            ticket._hand_to(
                ticket._department_step_owner(),
                self.env._(
                    "Rework the report of appeal %(number)s", number=ticket.number
                ),
                note,
            )

    # ------------------------------------------------------------------
    # Replies, callback and closing (office)
    # ------------------------------------------------------------------

    def action_interim_reply(self):
        """R000-28: before the deadline, an interim reply commits to a final reply date;
        the general manager approves the extension to that date."""
        self._check_role(OFFICE, self.env._("send an interim reply"))
        self._check_state("approved")
        self._check_filled(["interim_reply", "committed_date"])
        today = fields.Date.context_today(self)
        for ticket in self:
            if ticket.committed_date <= today:
                raise ValidationError(
                    self.env._("The committed final reply date must be in the future.")
                )
        now = fields.Datetime.now()
        self.write({"interim_replied_at": now})
        self._move("interim_replied", "interim_reply", note=self.interim_reply)
        for ticket in self:
            ticket._request_committed_extension()
            ticket._hand_to(
                ticket._office_users(),
                self.env._(
                    "Final reply promised for %(date)s", date=ticket.committed_date
                ),
            )

    def _request_committed_extension(self):
        """Ask the approver to move the resolution deadline to the committed date."""
        self.ensure_one()
        line = self.deadline_ids.filtered(
            lambda line: (
                line.milestone_id.extension_approver_group_id
                and not line.reached_at
                and line.status in ("running", "paused", "breached")
            )
        )[:1]
        if not line:
            return
        calendar = line.policy_id._get_calendar(self.company_id)
        new_deadline = calendar._sla_utc(
            self.committed_date, calendar._sla_tz(), time(23, 59, 59)
        )
        if new_deadline > line.deadline:
            self.env["helpdesk.sla.extension"].sudo().create(
                {
                    "line_id": line.id,
                    "reason": self.interim_reply,
                    "new_deadline": new_deadline,
                    "requested_by_id": self.env.uid,
                }
            )

    def action_final_reply(self):
        """R000-06, R000-19, R002-39: the reply goes out only after the approvals."""
        self._check_role(OFFICE, self.env._("send the final reply"))
        self._check_state("approved", "interim_replied")
        self._check_filled(["reply_text"])
        now = fields.Datetime.now()
        self.write({"replied_at": now})
        self._move("replied", "final_reply", note=self.reply_text)
        for ticket in self:
            ticket.commitment_ids.filtered(
                lambda c: c.state == "open"
            )._schedule_owner_activity()
            ticket._hand_to(
                ticket._office_users(), self.env._("Call the customer back")
            )

    def _log_callback(self, values):
        """R002-21, R003-36: one callback attempt; a rating closes or reopens the
        appeal."""
        self._check_role(OFFICE, self.env._("call customers back"))
        self._check_state("replied")
        self.ensure_one()
        if values.get("reached") and not values.get("result"):
            raise UserError(
                self.env._(
                    "Record the customer's rating, or untick “Customer Reached”."
                )
            )
        callback = self.env["helpdesk.ticket.callback"].create(
            dict(values, ticket_id=self.id)
        )
        self._record_event("callback", when=callback.called_at)
        preset = self.company_id.complaint_preset_id
        if not callback.reached:
            if self.callback_attempts >= preset.callback_max_attempts:
                self._close(
                    self.env._(
                        "Customer unreachable after %(count)s attempts.",
                        count=self.callback_attempts,
                    )
                )
            return callback
        if callback.result == "unsatisfied":
            if not callback.cause:
                raise UserError(
                    self.env._(
                        "An unsatisfied rating needs its cause: the unit's own "
                        "failings or objective reasons (R002-22)."
                    )
                )
            self.sudo().write(
                {
                    "unsatisfied_at": self.unsatisfied_at or callback.called_at,
                    "unsatisfied_cause": callback.cause,
                }
            )
            self._move("unsatisfied", "unsatisfied_callback", note=callback.comment)
            self._hand_to(
                self._office_users(),
                self.env._("Review why the customer is unsatisfied"),
            )
            return callback
        if self.unsatisfied_at and not self.cleared_at:
            self.sudo().cleared_at = callback.called_at
        self._close(
            self.env._("Customer %(result)s.", result=callback._description_result())
        )
        return callback

    def _review_cause(self, outcome, note):
        """R003-40, R002-22: within 24 hours, redo a service problem or explain a
        misunderstanding."""
        self._check_role(OFFICE, self.env._("review an unsatisfied rating"))
        self._check_state("unsatisfied")
        if not (note or "").strip():
            raise UserError(self.env._("Write what the review found."))
        for ticket in self:
            ticket.sudo().write({"cause_review": outcome, "cause_review_note": note})
            ticket._record_event("cause_review", note=note)
            if outcome == "redo":
                ticket.sudo().redo_count += 1
                ticket._move(
                    "dispatched",
                    "redo",
                    note=note,
                    department_id=ticket.department_id.id,
                )
                ticket._hand_to(
                    ticket._department_step_owner(),
                    self.env._("Redo appeal %(number)s", number=ticket.number),
                    note,
                )
            else:
                ticket._close(
                    self.env._("Explained to the customer: %(note)s", note=note)
                )
        # R002-43: a third redo puts the appeal under supervision.
        self._check_supervision_triggers()

    def _open_wizard(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
            "name": name,
        }

    def action_open_hand_back(self):
        self._check_state("dispatched", "accepted")
        return self._open_wizard(
            "helpdesk.ticket.hand.back.wizard", self.env._("Hand Back")
        )

    def action_open_report_return(self):
        self._check_state("reported")
        return self._open_wizard(
            "helpdesk.ticket.report.return.wizard", self.env._("Return the Report")
        )

    def action_open_callback(self):
        self._check_state("replied")
        return self._open_wizard(
            "helpdesk.ticket.callback.wizard", self.env._("Call Back")
        )

    def action_open_cause_review(self):
        self._check_state("unsatisfied")
        return self._open_wizard(
            "helpdesk.ticket.cause.review.wizard", self.env._("Review the Cause")
        )

    def action_close(self):
        self._check_role(OFFICE, self.env._("close an appeal"))
        self._check_state("replied")
        for ticket in self:
            if not ticket.answered_on_spot and not ticket.callback_ids:
                raise UserError(
                    self.env._(
                        "Call the customer back before closing appeal %(number)s.",
                        number=ticket.number,
                    )
                )
        self._close(self.env._("Closed."))

    def _close(self, note):
        self._move("closed", "close", note=note)

    def action_open_withdraw(self):
        self._check_role(OFFICE, self.env._("withdraw an appeal"))
        self._check_not_ended()
        return self._open_wizard(
            "helpdesk.ticket.withdraw.wizard", self.env._("Withdraw the Appeal")
        )

    def _check_not_ended(self):
        ended = self.filtered(lambda ticket: ticket.state in ENDED_STATES)
        if ended:
            raise UserError(
                self.env._(
                    "Appeal %(number)s is “%(state)s”: nothing more can be done on it.",
                    number=ended[0].number,
                    state=ended[0]._state_label(ended[0].state),
                )
            )

    def _withdraw(self, reason):
        """The office withdraws an appeal that needs no further handling (the customer
        withdrew it, it duplicates another, it is no appeal) with the reason. Like
        closing, it ends every clock still open."""
        self._check_role(OFFICE, self.env._("withdraw an appeal"))
        self._check_not_ended()
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the appeal is withdrawn."))
        # Nobody approves a withdrawn appeal; the approvals already given are evidence.
        self.sudo().review_ids.filtered(
            lambda review: review.status in ("waiting", "pending")
        ).unlink()
        self._move("withdrawn", "withdrawn", note=reason)
        for ticket in self:
            ticket.message_post(
                body=self.env._("Appeal withdrawn: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )

    def _allow_to_remove_reviews(self, values):
        if values.get("state") == self._cancel_state:
            return False  # _withdraw keeps the reviews already decided
        return super()._allow_to_remove_reviews(values)

    # ------------------------------------------------------------------
    # Kanban stages and the report approvals (base_tier_validation)
    # ------------------------------------------------------------------

    def _check_stage_write(self, vals):
        # A plain ticket has no workflow yet: its stage moves as in helpdesk_mgmt.
        if "stage_id" in vals and not self.env.context.get("appeal_workflow"):
            (self - self._plain_tickets())._check_stage_matches_state(vals["stage_id"])

    def _check_stage_matches_state(self, stage_id):
        """The kanban stage follows the workflow: dragging a card cannot skip a step."""
        stage = self.env["helpdesk.ticket.stage"].browse(stage_id)
        for ticket in self:
            states = stage._complaint_state_list()
            if states and ticket.state not in states:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s moves with its workflow buttons; it cannot "
                        "be put in stage %(stage)s while it is “%(state)s”.",
                        number=ticket.number,
                        stage=stage.name,
                        state=ticket._state_label(ticket.state),
                    )
                )

    def _tier_validation_check_write_allowed(self, vals):
        # Only an appeal with reviews can be under or after validation;
        # base_tier_validation would search its write exceptions once per appeal on
        # every write of a batch.
        return super(
            HelpdeskTicket, self.filtered("review_ids")
        )._tier_validation_check_write_allowed(vals)

    @api.model
    def _get_under_validation_exceptions(self):
        # A report under approval freezes what the approvers sign, not the appeal's
        # housekeeping: it can still be archived, reassigned, tagged or prioritised.
        # (Exception records would also restrict every write after the approval.)
        return super()._get_under_validation_exceptions() + [
            "active",
            "user_id",
            "priority",
            "tag_ids",
        ]

    def _validate_tier(self, tiers=False):
        result = super()._validate_tier(tiers)
        self.invalidate_recordset(["need_validation", "validation_status"])
        if self.state == "reported" and self.validation_status == "validated":
            self._approved()
        return result

    def _reject_report(self, reason, note):
        """The current reviewer rejects: the report goes back to the department."""
        self.ensure_one()
        self._check_state("reported")
        if not self.can_review:
            raise AccessError(
                self.env._("Only the approver whose turn it is can return this report.")
            )
        self.reject_tier()
        self._return_report(reason, note)

    # ------------------------------------------------------------------
    # HR investigation (R000-14, R000-44)
    # ------------------------------------------------------------------

    def action_send_to_hr(self):
        """R000-14, R000-44: the CSC leader has HR investigate; its 7-working-day clock
        starts."""
        if not self.env.user.has_group(LEADER) and not self.env.user.has_group(OFFICE):
            raise AccessError(
                self.env._(
                    "The CSC supervising leader or the office sends an appeal to HR."
                )
            )
        self._record_event("hr_assigned")

    def action_submit_hr_report(self):
        self.env["helpdesk.liability.finding"]._check_appraisal_officer()
        if "hr_assigned" not in self.event_ids.mapped("event_code"):
            raise UserError(
                self.env._("This appeal was not sent to HR for investigation.")
            )
        self._record_event("hr_report")

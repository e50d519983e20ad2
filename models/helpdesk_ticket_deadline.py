from collections import defaultdict
from datetime import timedelta
from typing import NamedTuple

from odoo import api, fields, models
from odoo.tools import split_every
from odoo.tools.safe_eval import safe_eval

from ..groups import APPRAISAL

STATUSES = [
    ("pending", "Not Started"),
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Not Needed"),
]
CLOCK_SECONDS = {"minutes": 60, "clock_hours": 3600, "calendar_days": 86400}
OPEN_STATUSES = ("running", "paused", "breached")
SYNC_BATCH = 1000
# What the engine computes for a line, compared with the stored row before writing.
LINE_VALUES = [
    "start_at",
    "base_deadline",
    "deadline",
    "warning_at",
    "reached_at",
    "status",
    "is_due_soon",
    "overdue_duration",
    "overdue_working_days",
    "provisional",
    "platform_overridden",
    "ended_at",
]


class MilestoneSpec(NamedTuple):
    """A milestone read once per batch into plain values: the engine's inner loop runs
    per ticket and milestone, where ORM attribute access would dominate."""

    id: int
    sequence: int
    start: str
    stops: frozenset
    cancels: frozenset
    duration: float
    unit: str
    counting: str
    warning_lead: float
    conditional: bool
    platform_override: bool
    pause_stages: frozenset
    recurring: bool
    restarts: frozenset
    end_outcome: str

    @classmethod
    def of(cls, milestone):
        return cls(
            milestone.id,
            milestone.sequence,
            milestone.start_event_id.code,
            frozenset(milestone.stop_event_ids.mapped("code")),
            frozenset(milestone.cancel_event_ids.mapped("code")),
            milestone.duration,
            milestone.unit,
            milestone.counting,
            milestone.warning_lead,
            milestone.conditional,
            milestone.platform_override,
            frozenset(milestone.pause_stage_ids.ids),
            milestone.recurring,
            frozenset(milestone.restart_event_ids.mapped("code")),
            milestone.end_outcome,
        )


class HelpdeskTicketDeadline(models.Model):
    """One milestone of one appeal: when its clock started, its deadline, when it stopped.

    Lines are derived data: `_sync_tickets` rebuilds them from the appeal's event log,
    its policy, approved extensions, its platform deadline and the working calendar, so
    recomputing is idempotent and a reached time always comes from a recorded event.
    """

    _name = "helpdesk.ticket.deadline"
    _description = "Appeal Deadline"
    _order = "ticket_id, sequence, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    milestone_id = fields.Many2one(
        "helpdesk.sla.milestone",
        string="Milestone",
        required=True,
        index=True,
        ondelete="restrict",
    )
    active = fields.Boolean(default=True)
    name = fields.Char(related="milestone_id.name")
    rule_ref = fields.Char(related="milestone_id.rule_ref")
    unit = fields.Selection(related="milestone_id.unit")
    sequence = fields.Integer(related="milestone_id.sequence", store=True)
    policy_id = fields.Many2one(related="milestone_id.policy_id", store=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    department_id = fields.Many2one(related="ticket_id.department_id", store=True)
    start_at = fields.Datetime(string="Started At", readonly=True)
    base_deadline = fields.Datetime(
        readonly=True,
        help="The deadline the policy gives, before platform, extension and pauses.",
    )
    deadline = fields.Datetime(readonly=True, index=True)
    warning_at = fields.Datetime(readonly=True)
    reached_at = fields.Datetime(readonly=True)
    status = fields.Selection(
        STATUSES, default="pending", required=True, readonly=True, index=True
    )
    is_due_soon = fields.Boolean(string="Due Soon", readonly=True)
    overdue_duration = fields.Float(
        readonly=True, digits=(16, 2), help="How late, in the milestone's unit."
    )
    overdue_working_days = fields.Integer(
        readonly=True,
        help="How late in working days, any started day counting as one (C-05).",
    )
    provisional = fields.Boolean(
        readonly=True,
        help="The deadline falls in a year whose official holiday arrangement is not loaded yet.",
    )
    platform_overridden = fields.Boolean(string="Platform Deadline", readonly=True)
    ended_at = fields.Datetime(
        string="Appeal Ended At",
        readonly=True,
        help="The appeal was closed or withdrawn before this run's stop event: the run "
        "ended then, not needed or breached as its milestone says.",
    )
    extension_ids = fields.One2many(
        "helpdesk.sla.extension", "line_id", string="Extensions"
    )
    time_left = fields.Float(
        compute="_compute_time_left",
        digits=(16, 2),
        help="Until the deadline in the milestone's unit; negative once it has passed.",
    )
    time_left_working_days = fields.Float(compute="_compute_time_left", digits=(16, 2))

    occurrence = fields.Integer(
        default=1,
        readonly=True,
        help="1 for the milestone's first run on the appeal; a recurring milestone runs again "
        "after each new start, e.g. a re-dispatch after a hand-back or a callback after a redo.",
    )

    _ticket_milestone_uniq = models.Constraint(
        "UNIQUE(ticket_id, milestone_id, occurrence)",
        "An appeal has each run of a milestone once.",
    )

    @api.depends_context("uid")
    @api.depends("deadline", "status")
    def _compute_time_left(self):
        now = fields.Datetime.now()
        for line in self:
            line.time_left = line.time_left_working_days = 0.0
            if (
                line.reached_at
                or line.ended_at
                or line.status not in OPEN_STATUSES
                or not line.deadline
            ):
                continue
            calendar = line.policy_id._get_calendar(line.company_id)
            if line.unit in CLOCK_SECONDS:
                line.time_left = (line.deadline - now).total_seconds() / CLOCK_SECONDS[
                    line.unit
                ]
            hours = calendar._sla_work_hours(
                now, line.deadline
            ) - calendar._sla_work_hours(line.deadline, now)
            line.time_left_working_days = calendar._sla_working_days(
                now, line.deadline
            ) - calendar._sla_working_days(line.deadline, now)
            if line.unit == "working_hours":
                line.time_left = hours
            elif line.unit == "working_days":
                line.time_left = line.time_left_working_days

    def action_request_extension(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.sla.extension",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_line_id": self.id,
                "default_new_deadline": self.deadline,
            },
            "name": self.env._("Request an Extension"),
        }

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------

    @api.model
    def _sync_tickets(self, tickets, now=None):
        """Recompute the deadline lines of ``tickets`` from their facts."""
        now = now or fields.Datetime.now()
        for batch_ids in split_every(SYNC_BATCH, tickets.ids):
            self._sync_batch(self.env["helpdesk.ticket"].sudo().browse(batch_ids), now)

    def _sync_batch(self, tickets, now):
        Line = self.sudo().with_context(active_test=False)
        policies = (
            self.env["helpdesk.sla.policy"]
            .sudo()
            .search([("preset_id", "in", tickets.company_id.complaint_preset_id.ids)])
        )
        specs_of = {
            policy.id: [
                MilestoneSpec.of(milestone) for milestone in policy.milestone_ids
            ]
            for policy in policies
        }
        events_of = defaultdict(list)
        for row in (
            self.env["helpdesk.ticket.event"]
            .sudo()
            .search_read(
                [("ticket_id", "in", tickets.ids)],
                ["ticket_id", "event_code", "occurred_at", "stage_id"],
                order="occurred_at, id",
                load=False,
            )
        ):
            events_of[row["ticket_id"]].append(
                (row["event_code"], row["occurred_at"], row["stage_id"])
            )
        extension_of = {
            row["line_id"]: row["new_deadline"]
            for row in self.env["helpdesk.sla.extension"]
            .sudo()
            .search_read(
                [("ticket_id", "in", tickets.ids), ("state", "=", "approved")],
                ["line_id", "new_deadline"],
                order="decided_at, id",
                load=False,
            )
        }
        applicable = self._applicable_ticket_ids(policies.milestone_ids, tickets)
        ending = self.env["helpdesk.sla.event"]._ending_codes()
        existing = {
            (row["ticket_id"], row["milestone_id"], row["occurrence"]): row
            for row in Line.search_read(
                [("ticket_id", "in", tickets.ids)],
                [*LINE_VALUES, "ticket_id", "milestone_id", "occurrence", "active"],
                load=False,
            )
        }
        to_create, seen, policy_of, calendars = [], set(), defaultdict(list), {}
        for ticket in tickets:
            company = ticket.company_id
            policy = next(
                (
                    p
                    for p in policies
                    if p.preset_id == company.complaint_preset_id and p._matches(ticket)
                ),
                policies.browse(),
            )
            policy_of[policy].append(ticket.id)
            if not policy:
                continue
            if (policy, company) not in calendars:
                calendars[policy, company] = policy._get_calendar(company)
            calendar = calendars[policy, company]
            all_events = events_of[ticket.id]
            # Closing or withdrawing ends the appeal's clocks: nothing after it counts.
            end = next(
                (i for i, event in enumerate(all_events) if event[0] in ending), None
            )
            for spec in specs_of[policy.id]:
                if ticket.id not in applicable[spec.id]:
                    continue
                ended_at, ticket_events = None, all_events
                if end is not None and spec.end_outcome != "runs_on":
                    ended_at, ticket_events = all_events[end][1], all_events[: end + 1]
                # No line before a clock starts; a recurring milestone has one per run.
                for occurrence, events in enumerate(
                    self._runs(spec, ticket_events), start=1
                ):
                    key = (ticket.id, spec.id, occurrence)
                    row = existing.get(key)
                    values = self._milestone_values(
                        spec,
                        calendar,
                        events,
                        ticket.platform_deadline,
                        extension_of.get(row["id"]) if row else None,
                        now,
                        ended_at,
                    )
                    seen.add(key)
                    if row is None:
                        # Related stored values given here are not recomputed one by one.
                        to_create.append(
                            values
                            | {
                                "ticket_id": ticket.id,
                                "milestone_id": spec.id,
                                "occurrence": occurrence,
                                "sequence": spec.sequence,
                                "policy_id": policy.id,
                                "company_id": company.id,
                                "department_id": ticket.department_id.id,
                            }
                        )
                        continue
                    changes = {
                        name: value
                        for name, value in values.items()
                        if row[name] != (value or False)
                    }
                    if not row["active"]:
                        changes["active"] = True
                    if changes:
                        Line.browse(row["id"]).write(changes)
        if to_create:
            Line.create(to_create)
        stale = [
            row["id"]
            for key, row in existing.items()
            if key not in seen and row["active"]
        ]
        Line.browse(stale).write({"active": False})
        # Derived bookkeeping, also on appeals whose report is under approval.
        for policy, ticket_ids in policy_of.items():
            tickets.browse(ticket_ids).filtered(
                lambda ticket, policy=policy: ticket.deadline_policy_id != policy
            ).with_context(skip_validation_check=True).write(
                {"deadline_policy_id": policy.id}
            )

    @api.model
    def _applicable_ticket_ids(self, milestones, tickets):
        """Per milestone, the tickets its `applies_domain` selects (one query each)."""
        result = {}
        for milestone in milestones:
            domain = safe_eval(milestone.applies_domain or "[]")
            if domain:
                result[milestone.id] = set(
                    tickets.with_context(active_test=False)
                    .search([("id", "in", tickets.ids), *domain])
                    .ids
                )
            else:
                result[milestone.id] = set(tickets.ids)
        return result

    @api.model
    def _runs(self, spec, events):
        """The events of each run of a milestone, each list starting with its start event.

        ``events`` are the ticket's ``(code, occurred_at, stage_id)`` in time order. A
        milestone runs from its first start event; a recurring one runs again from each
        start or restart event after the previous run stopped or was cancelled, e.g. the
        acceptance clock of a re-dispatch after a hand-back, or of a redo.
        """
        starts, ended = [], True
        for index, (code, _at, _stage) in enumerate(events):
            if ended and (code == spec.start or (starts and code in spec.restarts)):
                starts.append(index)
                if not spec.recurring:
                    break
                ended = False
            elif starts and (code in spec.stops or code in spec.cancels):
                ended = True
        ends = [*starts[1:], len(events)][: len(starts)]
        return [events[begin:end] for begin, end in zip(starts, ends, strict=True)]

    @api.model
    def _milestone_values(
        self, spec, calendar, events, platform_deadline, extended_to, now, ended_at=None
    ):
        """The line values of one run of a milestone: ``events`` start with its start
        event and end before the next run's. ``ended_at``: when the appeal was closed
        or withdrawn, for a milestone that ends with it."""
        start = events[0][1]
        stop = next((at for code, at, _stage in events if code in spec.stops), None)
        cancelled = any(
            code in spec.cancels and (stop is None or at < stop)
            for code, at, _stage in events
        )
        base, provisional = calendar._sla_deadline(
            start, spec.duration, spec.unit, spec.counting
        )
        deadline, overridden = base, False
        if spec.platform_override and platform_deadline:
            deadline, provisional, overridden = platform_deadline, False, True
        if extended_to:
            deadline = extended_to
        # A run without its stop event ends with the appeal.
        ended_at = not stop and not cancelled and ended_at
        end = stop or ended_at or now
        paused_amount, paused_now = self._paused_amount(spec, calendar, events, end)
        if paused_amount:
            deadline = self._shift(calendar, spec.unit, deadline, paused_amount)
        warning_at = self._warning_at(calendar, spec, start, deadline)
        values = {
            "start_at": start,
            "base_deadline": base,
            "deadline": deadline,
            "warning_at": warning_at or False,
            "reached_at": stop or False,
            "provisional": provisional,
            "platform_overridden": overridden,
            "is_due_soon": False,
            "overdue_duration": 0.0,
            "overdue_working_days": 0,
            "ended_at": ended_at or False,
        }
        if cancelled:
            status = "cancelled"
        elif stop:
            status = "met" if stop <= deadline else "breached"
        elif ended_at:
            # Ending the appeal cannot undo a deadline that had already passed.
            late = not spec.conditional and ended_at > deadline
            status = (
                "breached" if late or spec.end_outcome == "breached" else "cancelled"
            )
        elif spec.conditional:
            status = "pending"
        elif paused_now:
            status = "paused"
        else:
            status = "breached" if now > deadline else "running"
            values["is_due_soon"] = status == "running" and bool(
                warning_at and now >= warning_at
            )
        values["status"] = status
        if status == "breached":
            overdue, overdue_days = calendar._sla_overdue(deadline, end, spec.unit)
            values.update(
                overdue_duration=round(overdue, 2), overdue_working_days=overdue_days
            )
        return values

    @api.model
    def _paused_amount(self, spec, calendar, events, end):
        """Time spent in the milestone's pause stages from its start until ``end``.

        Returns (amount, paused at end): seconds for clock units, working hours otherwise.
        """
        if not spec.pause_stages:
            return 0, False
        amount, paused_since = 0, None
        for code, at, stage in events:
            if code != "stage_change" or at > end:
                continue
            if stage in spec.pause_stages and paused_since is None:
                paused_since = at
            elif stage not in spec.pause_stages and paused_since is not None:
                amount += self._measure(calendar, spec.unit, paused_since, at)
                paused_since = None
        if paused_since is not None:
            amount += self._measure(calendar, spec.unit, paused_since, end)
        return amount, paused_since is not None

    @api.model
    def _measure(self, calendar, unit, start, end):
        if unit in CLOCK_SECONDS:
            return (end - start).total_seconds()
        return calendar._sla_work_hours(start, end)

    @api.model
    def _shift(self, calendar, unit, deadline, amount):
        if unit in CLOCK_SECONDS:
            return deadline + timedelta(seconds=amount)
        return calendar._sla_deadline(deadline, amount, "working_hours")[0]

    @api.model
    def _warning_at(self, calendar, spec, start, deadline):
        if not spec.warning_lead:
            return None
        if spec.unit in CLOCK_SECONDS:
            return deadline - timedelta(
                seconds=spec.warning_lead * CLOCK_SECONDS[spec.unit]
            )
        lead_hours = spec.warning_lead
        if spec.unit == "working_days":
            lead_hours = calendar._sla_day_seconds(start, spec.warning_lead) / 3600
        budget = calendar._sla_work_hours(start, deadline) - lead_hours
        return calendar._sla_deadline(start, max(budget, 0), "working_hours")[0]

    # ------------------------------------------------------------------
    # Cron: flag what is about to breach and what breached
    # ------------------------------------------------------------------

    @api.model
    def _cron_flag_deadlines(self):
        now = fields.Datetime.now()
        due_soon = self.search(
            [
                ("status", "=", "running"),
                ("is_due_soon", "=", False),
                ("warning_at", "<=", now),
            ]
        )
        due_soon.write({"is_due_soon": True})
        due_soon._notify_owner(breached=False)
        # Recomputing sets the breach and its lateness exactly as an event would.
        passed = self.search([("status", "=", "running"), ("deadline", "<", now)])
        self._sync_tickets(passed.ticket_id, now)
        passed.filtered(lambda line: line.status == "breached")._notify_owner(
            breached=True
        )

    def _notify_owner(self, breached):
        """An activity for whoever owns each milestone, a note to the supervising leader."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for line in self:
            # The system writes for the company's staff: its language and time zone.
            company = line.company_id
            text = line.with_context(**company._complaint_text_context())
            ticket = line.ticket_id
            owner = line._owner_user()
            if breached:
                summary = text.env._(
                    "Deadline missed: %(milestone)s", milestone=text.name
                )
            else:
                summary = text.env._(
                    "Deadline approaching: %(milestone)s", milestone=text.name
                )
            if owner:
                ticket.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    date_deadline=company._complaint_local_date(line.deadline),
                    user_id=owner.id,
                )
            leader = line._supervising_leader()
            if leader:
                ticket.message_post(
                    body=text.env._(
                        "%(summary)s — deadline %(deadline)s.",
                        summary=summary,
                        deadline=company._complaint_format_datetime(line.deadline),
                    ),
                    partner_ids=leader.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )

    def _owner_user(self):
        self.ensure_one()
        ticket = self.ticket_id
        if self.milestone_id.owner == "department":
            # Nobody to warn in the department: the office's clerk on the appeal is.
            return ticket._department_step_owner() or ticket.user_id
        if self.milestone_id.owner == "appraisal":
            group = self.env.ref(APPRAISAL)
            return group.all_user_ids.filtered(
                lambda user: ticket.company_id in user.company_ids
            )[:1]
        return ticket.user_id

    def _supervising_leader(self):
        self.ensure_one()
        ticket = self.ticket_id
        if self.milestone_id.owner == "department":
            return ticket.department_id.supervising_leader_id
        return ticket.receiving_department_id.supervising_leader_id

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from ..groups import MANAGER
from .helpdesk_ticket_deadline import OPEN_STATUSES
from .helpdesk_ticket_workflow import ENDED_STATES

# What the engine reads of an appeal besides the fields its policies and milestones
# select on (see `_deadline_trigger_fields`): the calendar's company, the platform's
# deadline.
ENGINE_INPUT_FIELDS = ("company_id", "platform_deadline")


class HelpdeskTicket(models.Model):
    """The appeal's event log and its deadline lines: facts in, milestone lines out (see
    ``helpdesk.ticket.deadline``)."""

    _inherit = "helpdesk.ticket"

    event_ids = fields.One2many("helpdesk.ticket.event", "ticket_id", string="Events")
    deadline_policy_id = fields.Many2one(
        "helpdesk.sla.policy",
        readonly=True,
        copy=False,
        index=True,
    )
    deadline_ids = fields.One2many(
        "helpdesk.ticket.deadline", "ticket_id", string="Deadlines"
    )
    can_log_event = fields.Boolean(
        compute="_compute_can_log_event",
        help="The current user has an event to log by hand on this appeal now.",
    )
    next_deadline = fields.Datetime(
        compute="_compute_sla_summary", store=True, index=True
    )
    deadline_state = fields.Selection(
        [
            ("on_track", "On Track"),
            ("due_soon", "Due Soon"),
            ("breached", "Breached"),
            ("met", "All Met"),
        ],
        string="Deadline Status",
        compute="_compute_sla_summary",
        store=True,
        index=True,
    )
    deadline_provisional = fields.Boolean(
        string="Provisional Deadline",
        compute="_compute_sla_summary",
        store=True,
        help="A deadline falls in a year whose official holiday arrangement is not "
        "loaded yet; it is recomputed once it is.",
    )

    @api.depends(
        "deadline_ids.status",
        "deadline_ids.deadline",
        "deadline_ids.reached_at",
        "deadline_ids.is_due_soon",
        "deadline_ids.provisional",
        "deadline_ids.ended_at",
    )
    def _compute_sla_summary(self):
        # Two grouped queries for all the appeals: the engine recomputes thousands.
        Line = self.env["helpdesk.ticket.deadline"].sudo()
        ticket_ids = [ticket_id for ticket_id in self._origin.ids if ticket_id]
        open_of = {
            ticket.id: (deadline, provisional, due_soon)
            for ticket, deadline, provisional, due_soon in Line._read_group(
                [
                    ("ticket_id", "in", ticket_ids),
                    ("reached_at", "=", False),
                    ("ended_at", "=", False),
                    ("status", "in", OPEN_STATUSES),
                ],
                ["ticket_id"],
                ["deadline:min", "provisional:bool_or", "is_due_soon:bool_or"],
            )
        }
        statuses_of = defaultdict(set)
        for ticket, status in Line._read_group(
            [("ticket_id", "in", ticket_ids), ("status", "in", ("breached", "met"))],
            ["ticket_id", "status"],
        ):
            statuses_of[ticket.id].add(status)
        for ticket in self:
            has_open = ticket._origin.id in open_of
            next_deadline, provisional, due_soon = open_of.get(
                ticket._origin.id, (False, False, False)
            )
            statuses = statuses_of[ticket._origin.id]
            ticket.next_deadline = next_deadline or False
            ticket.deadline_provisional = bool(provisional)
            if "breached" in statuses:
                ticket.deadline_state = "breached"
            elif due_soon:
                ticket.deadline_state = "due_soon"
            elif has_open:
                ticket.deadline_state = "on_track"
            else:
                ticket.deadline_state = "met" if "met" in statuses else False

    # ------------------------------------------------------------------
    # Events and deadlines
    # ------------------------------------------------------------------

    def _record_event(self, code, when=None, **values):
        """Record that ``code`` happened on these appeals and update their deadlines.

        This is the only way facts enter the event log: the workflow calls it, so every
        reached time of a milestone comes from a recorded step.
        """
        event_type = self.env["helpdesk.sla.event"]._by_code(code)
        when = when or fields.Datetime.now()
        events = (
            self.env["helpdesk.ticket.event"]
            .sudo()
            .create(
                [
                    dict(
                        values,
                        ticket_id=ticket.id,
                        event_id=event_type.id,
                        occurred_at=when,
                    )
                    for ticket in self
                ]
            )
        )
        self._sla_recompute()
        return events

    # ------------------------------------------------------------------
    # Events logged by hand (contact made, arrival on site, repair ...)
    # ------------------------------------------------------------------

    def _loggable_event_types(self):
        """The event types the current user may log by hand on this appeal now: marked
        loggable, for one of the user's groups, allowed in the appeal's state, used by
        its deadline policy, and for the handling department when the type says so."""
        self.ensure_one()
        EventType = self.env["helpdesk.sla.event"]
        if self.state in ENDED_STATES:
            return EventType
        event_types = (
            EventType.search([("manual_log", "=", True)])
            ._loggable_by(self.env.user)
            .filtered(
                lambda event: (
                    not event._log_state_list() or self.state in event._log_state_list()
                )
            )
        )
        milestones = self.deadline_policy_id.sudo().milestone_ids
        if milestones:
            event_types &= (
                milestones.start_event_id
                | milestones.stop_event_ids
                | milestones.cancel_event_ids
                | milestones.restart_event_ids
            )
        if not self._is_handling_department_user():
            event_types = event_types.filtered(
                lambda event: not event.log_handling_department
            )
        return event_types

    @api.depends_context("uid")
    @api.depends("state", "department_id", "section_id", "deadline_policy_id")
    def _compute_can_log_event(self):
        for ticket in self:
            ticket.can_log_event = bool(ticket.id and ticket._loggable_event_types())

    def action_open_event_log(self):
        self.ensure_one()
        if not self._loggable_event_types():
            raise UserError(
                self.env._(
                    "You have nothing to log on appeal %(number)s while it is "
                    "“%(state)s”.",
                    number=self.number,
                    state=self._state_label(self.state),
                )
            )
        return self._open_wizard(
            "helpdesk.ticket.event.log.wizard", self.env._("Log Event")
        )

    def _log_event(self, event_type, when=None, reason=None, **details):
        """Record a fact no workflow step records, as the role that owns it.

        ``when`` None is now; an earlier time is back-dated: with ``reason``, which the
        chatter shows, never before the appeal was received, and within the preset's
        limit unless a complaint manager logs it. ``details``: ``note``,
        ``contact_method``, ``pipe_diameter``, as the event type asks them.
        """
        self.ensure_one()
        if event_type not in self._loggable_event_types():
            raise AccessError(
                self.env._(
                    "You cannot log “%(event)s” on appeal %(number)s while it is "
                    "“%(state)s”.",
                    event=event_type.name,
                    number=self.number,
                    state=self._state_label(self.state),
                )
            )
        now = fields.Datetime.now()
        when = when or now
        if when > now:
            raise ValidationError(
                self.env._("An event cannot be logged in the future.")
            )
        if when < self.received_at:
            raise ValidationError(
                self.env._(
                    "An event cannot have happened before the appeal was received."
                )
            )
        backdated = when < now
        if backdated:
            limit = self.company_id.complaint_preset_id.event_backdate_hours
            # Older facts are a complaint manager's to record, with the reason too.
            if when < now - timedelta(hours=limit) and not self.env.user.has_group(
                MANAGER
            ):
                raise ValidationError(
                    self.env._(
                        "An event can be logged at most %(hours)s hours after it "
                        "happened; ask a complaint manager to record it.",
                        hours=f"{limit:g}",
                    )
                )
            if not (reason or "").strip():
                raise UserError(
                    self.env._(
                        "Say why “%(event)s” is logged late.", event=event_type.name
                    )
                )
        values = {"note": details.get("note") or False}
        if event_type.log_contact_method:
            if not details.get("contact_method"):
                raise UserError(self.env._("Say how the customer was reached."))
            values["contact_method"] = details["contact_method"]
        if event_type.log_pipe_diameter:
            diameter = details.get("pipe_diameter") or 0
            if diameter <= 0:
                raise UserError(
                    self.env._("Give the nominal diameter (DN) of the pipe repaired.")
                )
            values["pipe_diameter"] = diameter
            if self.pipe_diameter != diameter:
                self.pipe_diameter = diameter  # decides the repair deadline (R002-25)
        if backdated:
            values["backdate_reason"] = reason
        self._record_event(
            event_type.code,
            when=when,
            department_id=self.department_id.id,
            **values,
        )
        body = self.env._("Logged: %(event)s.", event=event_type.name)
        if backdated:
            body = self.env._(
                "Logged late: %(event)s at %(time)s. Reason: %(reason)s",
                event=event_type.name,
                time=fields.Datetime.to_string(when),
                reason=reason,
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _platform_overdue_working_days(self):
        """Working days this appeal is overdue on its platform deadline (R000-35,
        C-05)."""
        self.ensure_one()
        lines = self.deadline_ids.filtered("platform_overridden") or self.deadline_ids
        return max(lines.mapped("overdue_working_days"), default=0)

    def _sla_recompute(self):
        """Facts changed: rebuild the deadlines, then the deductions generated from
        them."""
        self.env["helpdesk.ticket.deadline"]._sync_tickets(self)
        self.env["helpdesk.deduction.line"]._sync_process_lines(self)

    def _deadlines_after_create(self):
        """Every appeal's clocks start from its receipt (R000-07)."""
        receipt = self.env["helpdesk.sla.event"]._by_code("receipt")
        self.env["helpdesk.ticket.event"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "event_id": receipt.id,
                    "occurred_at": ticket.received_at,
                }
                for ticket in self
            ]
        )
        self._sla_recompute()

    def _deadlines_after_write(self, vals):
        if "received_at" in vals:
            # A corrected receipt time corrects the fact every receipt clock starts
            # from.
            self.env["helpdesk.ticket.event"].sudo().search(
                [("ticket_id", "in", self.ids), ("event_code", "=", "receipt")]
            ).write({"occurred_at": vals["received_at"]})
        if vals.get("stage_id"):
            self._record_event("stage_change", stage_id=vals["stage_id"])
        elif "received_at" in vals or self._deadline_trigger_fields() & set(vals):
            self._sla_recompute()

    @api.model
    @tools.ormcache()
    def _deadline_trigger_fields(self):
        """The fields of an appeal whose change recomputes its deadlines: those the
        engine reads, those the active policies' criteria and their milestones'
        domains select on (a path by its first field), a related or computed field
        by the fields it is computed from. Cached until a policy or a milestone
        changes."""
        Policy = self.env["helpdesk.sla.policy"].sudo().with_context(active_test=True)
        # Every active policy: a few configuration records.
        policies = Policy.search([])  # pylint: disable=no-search-all
        domains = [policy._ticket_domain() for policy in policies]
        domains += [
            Domain(milestone._applies_domain()) for milestone in policies.milestone_ids
        ]
        todo = list(ENGINE_INPUT_FIELDS)
        for domain in domains:
            todo += [
                condition.field_expr.split(".")[0]
                for condition in domain.iter_conditions()
            ]
        names = set()
        while todo:
            name = todo.pop()
            field = self._fields.get(name)
            if field is None or name in names:
                continue
            names.add(name)
            todo += [path.split(".")[0] for path in self.pool.field_depends[field]]
        return frozenset(names)

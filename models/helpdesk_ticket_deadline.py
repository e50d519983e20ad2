from collections import defaultdict
from itertools import repeat

from psycopg2 import sql

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.models import LOG_ACCESS_COLUMNS
from odoo.tools import split_every

from ..deadline_arithmetic import CLOCK_SECONDS, milestone_runs, run_values
from ..groups import APPRAISAL

STATUSES = [
    ("pending", "Not Started"),
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Not Needed"),
]
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
# Stored related values the engine gives when it creates a line.
GIVEN_RELATED = ("sequence", "policy_id", "company_id", "department_id")
# What the engine reads of an appeal.
TICKET_VALUES = (
    "company_id",
    "department_id",
    "platform_deadline",
    "deadline_policy_id",
)


class HelpdeskTicketDeadline(models.Model):
    """One milestone of one appeal: when its clock started, its deadline, when it
    stopped.

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
        help="The deadline falls in a year whose official holiday arrangement is not "
        "loaded yet.",
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
        help="1 for the milestone's first run on the appeal; a recurring milestone "
        "runs again after each new start, e.g. a re-dispatch after a hand-back or a "
        "callback after a redo.",
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
        """Everything a batch needs is read in a few set-based queries, the values of
        each run come from ``deadline_arithmetic`` on plain values, and only lines
        whose values changed are written."""
        Line = self.sudo().with_context(active_test=False)
        # Every active policy: a few configuration records, matched in one query.
        policies = self.env["helpdesk.sla.policy"].sudo().search([])  # pylint: disable=no-search-all
        facts = self._batch_facts(tickets, policies)
        existing = facts["lines"]
        to_create, to_write, seen = [], defaultdict(list), set()
        for ticket, spec, occurrence, values in self._batch_runs(facts, now):
            key = (ticket["id"], spec.id, occurrence)
            seen.add(key)
            row = existing.get(key)
            if row is None:
                to_create.append(
                    values
                    | {
                        "ticket_id": ticket["id"],
                        "milestone_id": spec.id,
                        "occurrence": occurrence,
                        "sequence": spec.sequence,
                        "policy_id": ticket["policy"].id,
                        "company_id": ticket["company_id"],
                        "department_id": ticket["department_id"],
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
                to_write[tuple(changes.items())].append(row["id"])
        for changes, line_ids in to_write.items():
            Line.browse(line_ids).write(dict(changes))
        if to_create:
            self._create_lines(to_create)
        stale = [
            row["id"]
            for key, row in existing.items()
            if key not in seen and row["active"]
        ]
        Line.browse(stale).write({"active": False})
        # Derived bookkeeping, also on appeals whose report is under approval.
        new_policy = defaultdict(list)
        for ticket in facts["tickets"]:
            if ticket["deadline_policy_id"] != ticket["policy"].id:
                new_policy[ticket["policy"]].append(ticket["id"])
        for policy, ticket_ids in new_policy.items():
            tickets.browse(ticket_ids).with_context(skip_validation_check=True).write(
                {"deadline_policy_id": policy.id}
            )

    def _create_lines(self, vals_list):
        """Insert lines from the engine's values (all with the same keys), then
        tell the ORM what ``create`` would: defaults, who and when, the fields that
        depend on lines (the appeals' deadline summary), constraints.

        The engine creates up to four lines per appeal, and ``create`` spent more
        on each (defaults, conversions and caches field by field, the related values
        computed again) than the engine on its values; like Odoo's reconciliation,
        derived rows are written with one statement per thousand.
        """
        Line = self.sudo().with_context(active_test=False)
        names = list(vals_list[0])
        defaults = Line.default_get(
            [
                name
                for name, field in Line._fields.items()
                if field.store
                and field.column_type
                and name not in names
                and name not in ("id", *LOG_ACCESS_COLUMNS)
            ]
        )
        now, uid = self.env.cr.now(), self.env.uid
        defaults.update(create_uid=uid, create_date=now, write_uid=uid, write_date=now)
        columns = [*names, *defaults]
        nullable = [Line._fields[name].type != "boolean" for name in columns]
        rows = [
            [
                None if value is False and null else value
                for value, null in zip(
                    [*vals.values(), *defaults.values()], nullable, strict=True
                )
            ]
            for vals in vals_list
        ]
        inserted = self.env.cr.execute_values(
            sql.SQL("INSERT INTO {} ({}) VALUES %s RETURNING id").format(
                sql.Identifier(Line._table),
                sql.SQL(", ").join(map(sql.Identifier, columns)),
            ),
            rows,
            page_size=SYNC_BATCH,
            fetch=True,
        )
        lines = Line.browse([line_id for (line_id,) in inserted])
        # The values as a fetch would cache them, so that nothing is read back.
        for name, values in zip(columns, zip(*rows, strict=True), strict=True):
            Line._fields[name]._insert_cache(lines, values)
        for field in Line._fields.values():
            if field.store and field.type in ("one2many", "many2many"):
                field._insert_cache(lines, repeat(()))
        self.env["helpdesk.ticket"].browse(
            {vals["ticket_id"] for vals in vals_list}
        ).invalidate_recordset(["deadline_ids"], flush=False)
        lines.modified(Line._fields, create=True)
        for name in GIVEN_RELATED:
            self.env.remove_to_compute(Line._fields[name], lines)
        lines._validate_fields(columns)
        return lines

    def _batch_facts(self, tickets, policies):
        """What the lines of ``tickets`` are made of, read in four queries: the
        appeals (see `_batch_tickets`), their events in time order, their approved
        extensions (the latest decision wins) and their stored lines, archived ones
        included."""
        ticket_ids = tickets.ids
        events = defaultdict(list)
        for row in self._read_rows(
            self.env["helpdesk.ticket.event"],
            [("ticket_id", "in", ticket_ids)],
            ["ticket_id", "event_code", "occurred_at", "stage_id"],
            order="occurred_at, id",
        ):
            events[row["ticket_id"]].append(
                (row["event_code"], row["occurred_at"], row["stage_id"])
            )
        return {
            "tickets": self._batch_tickets(tickets, policies),
            "events": events,
            "extensions": {
                row["line_id"]: row["new_deadline"]
                for row in self._read_rows(
                    self.env["helpdesk.sla.extension"],
                    [("ticket_id", "in", ticket_ids), ("state", "=", "approved")],
                    ["line_id", "new_deadline"],
                    order="decided_at, id",
                )
            },
            "lines": {
                (row["ticket_id"], row["milestone_id"], row["occurrence"]): row
                for row in self._read_rows(
                    self,
                    [("ticket_id", "in", ticket_ids)],
                    [*LINE_VALUES, "ticket_id", "milestone_id", "occurrence", "active"],
                    active_test=False,
                )
            },
        }

    def _batch_tickets(self, tickets, policies):
        """The appeals as rows of ``TICKET_VALUES`` with their ``policy``, the first
        of ``policies`` whose domain selects them (empty if none), and the ids of the
        milestones of their policy that apply to them (``milestone_ids``).

        One query: every policy's and every milestone's domain is a column of it.
        """
        Ticket = tickets.sudo()
        policy_list = list(policies)
        milestone_list = list(
            policies.milestone_ids.filtered(
                lambda milestone: milestone._applies_domain()
            )
        )
        unconditional = {
            policy: set(policy.milestone_ids.ids) - {m.id for m in milestone_list}
            for policy in policy_list
        }
        query = Ticket._search(
            [("id", "in", tickets.ids)], order="id", active_test=False
        )
        names = ("id", *TICKET_VALUES)
        conditions = [
            *(policy._ticket_domain() for policy in policy_list),
            *(Domain(milestone._applies_domain()) for milestone in milestone_list),
        ]
        columns = [
            *(Ticket._field_to_sql(Ticket._table, name, query) for name in names),
            *(
                condition.optimize_full(Ticket)._to_sql(Ticket, Ticket._table, query)
                for condition in conditions
            ),
        ]
        rows = []
        for values in self.env.execute_query(query.select(*columns)):
            row = dict(zip(names, (value or False for value in values), strict=False))
            policy_matches = values[len(names) : len(names) + len(policy_list)]
            row["policy"] = next(
                (
                    policy
                    for policy, match in zip(policy_list, policy_matches, strict=True)
                    if match
                ),
                policies.browse(),
            )
            milestone_matches = values[len(names) + len(policy_list) :]
            row["milestone_ids"] = unconditional.get(row["policy"], set()) | {
                milestone.id
                for milestone, match in zip(
                    milestone_list, milestone_matches, strict=True
                )
                if match
            }
            rows.append(row)
        return rows

    @api.model
    def _read_rows(self, model, domain, field_names, order=None, active_test=True):
        """Stored values of the records of ``model`` matching ``domain``, as one dict
        per record with its ``id`` (empty values False, like ``search_read``), in one
        query: reading records field by field was the engine's largest cost."""
        model = model.sudo()
        query = model._search(domain, order=order, active_test=active_test)
        names = ["id", *field_names]
        return [
            {
                name: False if value is None else value
                for name, value in zip(names, values, strict=True)
            }
            for values in self.env.execute_query(
                query.select(
                    *(model._field_to_sql(model._table, name, query) for name in names)
                )
            )
        ]

    def _batch_runs(self, facts, now):
        """(appeal row, milestone spec, occurrence, values) of every run of every
        milestone that applies to the appeals of the batch."""
        specs_of, working_times = {}, {}
        ending = self.env["helpdesk.sla.event"]._ending_codes()
        for ticket in facts["tickets"]:
            policy = ticket["policy"]
            if not policy:
                continue
            if policy not in specs_of:
                specs_of[policy] = [
                    milestone._deadline_spec() for milestone in policy.milestone_ids
                ]
            calendar_key = (policy, ticket["company_id"])
            if calendar_key not in working_times:
                company = self.env["res.company"].browse(ticket["company_id"])
                working_times[calendar_key] = policy._get_calendar(
                    company
                )._sla_working_time()
            working_time = working_times[calendar_key]
            all_events = facts["events"][ticket["id"]]
            # Closing or withdrawing ends the appeal's clocks: nothing after it counts.
            end = next(
                (i for i, event in enumerate(all_events) if event[0] in ending), None
            )
            for spec in specs_of[policy]:
                if spec.id not in ticket["milestone_ids"]:
                    continue
                ended_at, events = None, all_events
                if end is not None and spec.end_outcome != "runs_on":
                    ended_at, events = all_events[end][1], all_events[: end + 1]
                # No line before a clock starts; a recurring milestone has one per run.
                for occurrence, run in enumerate(milestone_runs(spec, events), start=1):
                    row = facts["lines"].get((ticket["id"], spec.id, occurrence))
                    yield (
                        ticket,
                        spec,
                        occurrence,
                        run_values(
                            spec,
                            working_time,
                            run,
                            ticket["platform_deadline"],
                            row and facts["extensions"].get(row["id"]),
                            now,
                            ended_at,
                        ),
                    )

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
        """An activity for whoever owns each milestone, a note to the supervising
        leader."""
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

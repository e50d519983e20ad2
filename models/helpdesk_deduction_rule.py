import math
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PARTIES = [
    ("responsible_department", "Responsible Department"),
    ("construction_department", "Construction Department"),
    ("technical_department", "Technical Department"),
    ("chief_engineer_office", "Chief Engineer's Office"),
    ("response_office", "Response Office"),
    ("hr_department", "HR Department"),
]
SEVERITIES = [
    ("minor", "Dissatisfaction or Complaint Only"),
    ("damage", "Personal or Property Damage"),
    ("serious", "Serious Impact or Conflict"),
]
TABLES = [
    ("process", "Handling Process"),
    ("liability", "Liability Finding"),
    ("satisfaction", "Satisfaction"),
    ("platform", "Platform"),
    ("scorecard", "Scorecard"),
]
# The ledger's source of a line, by the table of its rule (a finding's lines are
# always "finding").
TABLE_SOURCES = {
    "liability": "finding",
    "satisfaction": "satisfaction",
    "platform": "platform",
}
GENERATORS = [
    ("sla_overdue", "Missed Deadline"),
    ("verdict", "Platform Verdict"),
    ("handback_missing_fields", "Hand-back Fields Missing"),
    ("committed_date_missed", "Committed Date Missed"),
    ("report_returned", "Report Returned"),
    ("not_cleared", "Unsatisfied Appeal Not Cleared"),
    ("late_receipt", "Late Registration"),
]


class HelpdeskDeductionRule(models.Model):
    """One row of a preset's deduction table: who loses how many points, for what.

    Lines give the points per liable party, optionally per severity and per band of a
    quantity (days overdue, the ordinal of a verdict, fields missing). Rules with a
    generator are applied by the system from recorded facts; the others are applied by
    an appraisal officer in a liability finding.
    """

    _name = "helpdesk.deduction.rule"
    _description = "Deduction Rule"
    _order = "preset_id, sequence, id"
    _rec_names_search = ["code", "name"]

    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    code = fields.Char(required=True, help="The rule it transcribes, e.g. R000-59.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    table = fields.Selection(TABLES, required=True, default="liability")
    line_ids = fields.One2many(
        "helpdesk.deduction.rule.line", "rule_id", string="Points", copy=True
    )
    no_liability = fields.Boolean(
        string="No Company Liability",
        help="A finding of no liability: no points, but it counts in the statistics "
        "(R000-58, R000-63, R000-67).",
    )
    case_by_case = fields.Boolean(
        help="Points decided case by case with a written justification and a manager's "
        "approval (R000-65, R000-74, R000-75)."
    )
    step_size = fields.Float(
        digits=(16, 2),
        help="Points are charged per started step of the quantity, e.g. per 30 minutes "
        "late or per missing field; 0: once.",
    )
    base_multiplier = fields.Float(
        default=1.0,
        digits=(16, 2),
        help="E.g. 2 for violations charged at double the standard (R000-72).",
    )
    repeat_mode = fields.Selection(
        [
            ("none", "No Increase"),
            ("double", "Repeat Factor From the Second"),
            ("escalating", "Times the Repeat Number"),
            ("geometric", "Repeat Factor Each Repeat"),
        ],
        default="none",
        required=True,
        help="How a repeat of the same type of event raises the points (R000-73, "
        "R003-27).",
    )
    repeat_factor = fields.Float(
        default=2.0,
        digits=(16, 2),
        help="What a repeat multiplies the points by: once from the second event on, "
        "or once more with each repeat, as the repeat mode says (R000-52 and R003-27 "
        "double: 2).",
    )
    generator = fields.Selection(
        GENERATORS, help="Facts the system applies this rule to."
    )
    milestone_code = fields.Char(
        help="Missed deadline: the milestone code, e.g. department_report."
    )
    quantity_source = fields.Selection(
        [
            ("working_days", "Overdue Working Days"),
            ("duration", "Overdue in the Milestone's Unit"),
            ("ordinal", "Ordinal of the Verdict"),
        ],
        default="working_days",
    )
    verdict_kind = fields.Char(
        help="Platform verdict: the verdict kind, e.g. redo_return."
    )
    reason_code = fields.Char(help="Report returned: the return reason, e.g. no_basis.")
    threshold = fields.Float(
        digits=(16, 2),
        help="Late registration: working hours allowed between receipt and "
        "registration.",
    )
    clearing_months = fields.Integer(
        default=1,
        help="Unsatisfied appeal not cleared: it must be cleared by the end of this "
        "many months after the month of its unsatisfied rating (R000-51: 1).",
    )
    clearing_repeat_months = fields.Integer(
        default=1,
        help="Unsatisfied appeal not cleared: still not cleared this many months after "
        "its clearing deadline, it is charged again as a repeat (R000-52: 1).",
    )
    party = fields.Selection(
        PARTIES,
        default="responsible_department",
        help="Generated lines: the party charged.",
    )

    _preset_code_uniq = models.Constraint(
        "UNIQUE(preset_id, code)", "A preset has each deduction rule code once."
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        # Findings and ledgers cite rules by code: "R000-59 Irregular procedure ...".
        for rule in self:
            rule.display_name = f"{rule.code} {rule.name}" if rule.code else rule.name

    @api.constrains("step_size", "base_multiplier", "repeat_factor")
    def _check_factors(self):
        for rule in self:
            if (
                rule.step_size < 0
                or rule.base_multiplier <= 0
                or rule.repeat_factor <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(code)s: the step cannot be negative and the multiplier "
                        "must be positive.",
                        code=rule.code,
                    )
                )

    def _line_for(self, party, severity=False, quantity=0.0):
        """The table line for a party, severity and quantity; empty when none
        applies."""
        self.ensure_one()
        for line in self.line_ids:
            if line.party != party or (line.severity and line.severity != severity):
                continue
            if line.quantity_min and quantity < line.quantity_min:
                continue
            if line.quantity_max and quantity > line.quantity_max:
                continue
            return line
        return self.line_ids.browse()

    def _steps(self, quantity):
        """Started steps of the quantity (C-06: every started step counts)."""
        self.ensure_one()
        if not self.step_size:
            return 1
        return max(1, math.ceil(round(quantity / self.step_size, 6)))

    def _repeat_multiplier(self, repeat_number):
        """R000-73, R003-27: the multiplier of the n-th same-type event."""
        self.ensure_one()
        n = max(1, repeat_number)
        if self.repeat_mode == "double":
            return self.repeat_factor if n >= 2 else 1.0
        if self.repeat_mode == "escalating":
            return float(n)
        if self.repeat_mode == "geometric":
            return self.repeat_factor ** (n - 1)
        return 1.0

    def _multiplier(self, repeat_number=1):
        """The multiplier of a line of this rule: its base multiplier (R000-72) times
        the increase of the n-th same-type event (R000-73, R003-27)."""
        self.ensure_one()
        return self.base_multiplier * self._repeat_multiplier(repeat_number)

    def _table_points(self, party, severity=False, quantity=0.0):
        """The base points the table gives ``party`` for ``quantity``: the band's
        points (the lower end of a range) per started step (C-06, C-07); None when
        no line of the table applies."""
        line = self._line_for(party, severity, quantity)
        if not line:
            return None
        return line.points_min * self._steps(quantity)

    def _ledger_values(
        self,
        department,
        base_points,
        *,
        ticket=None,
        company=None,
        party=None,
        section=None,
        employee=None,
        multiplier=None,
        repeat=1,
        share=100.0,
        quantity=0.0,
        key=None,
        reason=None,
        finding=None,
        contest_deadline=None,
    ):
        """The values of one ledger line of this rule (C-08), whoever writes it: the
        generators, a liability finding, a service case (R001-08), the appraisal run.

        A line charged to the appeal's own department names its section and, unless
        given, the person handling it; the multiplier is the rule's (``_multiplier``)
        unless given; the source follows the rule's table (a finding's lines are the
        finding's); ``key`` is the fact a regenerated line stands for, prefixed with
        the rule's code. With ``contest_deadline`` the line is proposed, open to
        contest until then (R001-29).
        """
        self.ensure_one()
        own = bool(ticket) and department == ticket.department_id
        if section is None:
            section = ticket.section_id if own else department.browse()
        if employee is None:
            employee = ticket.handler_employee_id if own else self.env["hr.employee"]
        values = {
            "company_id": (company or ticket.company_id).id,
            "ticket_id": ticket.id if ticket else False,
            "rule_id": self.id,
            "party": party or self.party,
            "department_id": department.id,
            "section_id": section.id,
            "employee_id": employee.id,
            "quantity": quantity,
            "base_points": base_points,
            "multiplier": self._multiplier(repeat)
            if multiplier is None
            else multiplier,
            "share": share,
            "source": "finding"
            if finding
            else TABLE_SOURCES.get(self.table, "process"),
            "finding_id": finding.id if finding else False,
            "source_key": f"{self.code}:{key}" if key else False,
            "reason": reason or self.name,
        }
        if contest_deadline:
            values.update(state="draft", contest_deadline=contest_deadline)
        return values

    # ------------------------------------------------------------------
    # Generators: the facts this rule applies to, as proposed ledger lines
    # ------------------------------------------------------------------

    @api.model
    def _appeal_generator_domain(self):
        """The rules whose generator proposes lines from the facts of an appeal
        (``helpdesk.deduction.line._sync_process_lines`` runs them)."""
        return [("generator", "!=", False)]

    def _propose(self, tickets):
        """Proposed ledger lines for ``tickets`` (all of this rule's preset)."""
        self.ensure_one()
        if not tickets or not self.generator:
            return []
        return [p for p in getattr(self, f"_propose_{self.generator}")(tickets) if p]

    def _party_department(self, ticket, party):
        company = ticket.company_id
        return {
            "response_office": company.complaint_office_department_id,
            "hr_department": company.complaint_hr_department_id,
            "chief_engineer_office": company.complaint_chief_engineer_department_id,
        }.get(party, ticket.department_id)

    def _proposal(
        self,
        ticket,
        key,
        quantity=0.0,
        repeat=1,
        base_points=None,
        department=None,
        reason="",
    ):
        """A generated line for a fact of ``ticket``, proposed (R001-29); None when the
        table charges nothing for it or nobody is there to charge."""
        if base_points is None:
            base_points = self._table_points(self.party, quantity=quantity)
        else:
            base_points *= self._steps(quantity)
        department = department or self._party_department(ticket, self.party)
        if base_points is None or not department:
            return None
        return self._ledger_values(
            department,
            base_points,
            ticket=ticket,
            repeat=repeat,
            quantity=quantity,
            key=key,
            reason=reason,
            contest_deadline=ticket.company_id._complaint_contest_deadline(
                fields.Datetime.now()
            ),
        )

    def _propose_sla_overdue(self, tickets):
        """R000-17, R000-32, R000-47, R003-20, R003-21, R003-26: a milestone stopped
        late."""
        lines = (
            self.env["helpdesk.ticket.deadline"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", tickets.ids),
                    ("milestone_id.code", "=", self.milestone_code),
                    ("status", "=", "breached"),
                    ("reached_at", "!=", False),
                ]
            )
        )
        for line in lines:
            quantity = (
                line.overdue_working_days
                if self.quantity_source == "working_days"
                else line.overdue_duration
            )
            repeat = (
                2
                if self.repeat_mode != "none" and self._late_earlier_in_chain(line)
                else 1
            )
            yield self._proposal(
                line.ticket_id,
                f"sla:{line.id}",
                quantity=quantity,
                repeat=repeat,
                reason=self.env._(
                    "%(milestone)s missed by %(days)s working day(s)",
                    milestone=line.name,
                    days=line.overdue_working_days,
                ),
            )

    def _late_earlier_in_chain(self, line):
        """R003-27: an earlier appeal of the same repeat chain was late on the same
        milestone."""
        ancestors = line.ticket_id._repeat_chain() - line.ticket_id
        return bool(
            ancestors
            and self.env["helpdesk.ticket.deadline"]
            .sudo()
            .search_count(
                [
                    ("ticket_id", "in", ancestors.ids),
                    ("milestone_id", "=", line.milestone_id.id),
                    ("status", "=", "breached"),
                ],
                limit=1,
            )
        )

    def _propose_committed_date_missed(self, tickets):
        """R000-37: after an interim reply, the final reply came after the committed
        date."""
        now = fields.Datetime.now()
        for ticket in tickets.filtered("committed_date"):
            tz = ticket.company_id._get_complaint_calendar()._sla_tz()
            replied = pytz.utc.localize(ticket.replied_at or now).astimezone(tz).date()
            if replied > ticket.committed_date:
                yield self._proposal(ticket, f"committed:{ticket.id}")

    def _propose_report_returned(self, tickets):
        """R000-31, R000-34: an approver returned the report for this reason."""
        events = (
            self.env["helpdesk.ticket.event"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", tickets.ids),
                    ("event_code", "=", "report_returned"),
                    ("reason_code", "=", self.reason_code),
                ]
            )
        )
        for event in events:
            yield self._proposal(
                event.ticket_id,
                f"event:{event.id}",
                department=event.department_id or None,
                reason=event.note or "",
            )

    def _propose_late_receipt(self, tickets):
        """R000-15: registered more than the allowed working time after the appeal
        arrived."""
        calendar_of = {}
        for ticket in tickets.filtered(lambda ticket: not ticket.is_platform):
            company = ticket.company_id
            calendar = calendar_of.setdefault(
                company, company._get_complaint_calendar()
            )
            late = (
                calendar._sla_work_hours(ticket.received_at, ticket.registered_at)
                - self.threshold
            )
            if late > 0:
                yield self._proposal(
                    ticket, f"receipt:{ticket.id}", quantity=round(late, 2)
                )

    def _propose_not_cleared(self, tickets):
        """R000-52: an unsatisfied appeal not cleared by the end of the rule's clearing
        months after the month of its rating (R000-51) costs points, charged as a
        repeat when the department also failed to clear one the month before, or when
        the same appeal is still not cleared the rule's repeat months later."""
        now = fields.Datetime.now()
        for ticket in tickets.filtered("unsatisfied_at"):
            tz = ticket.company_id._get_complaint_calendar()._sla_tz()
            month = self._local_month(ticket.unsatisfied_at, tz)
            deadline = self._clearing_deadline(month, tz)
            if ticket.cleared_at and ticket.cleared_at <= deadline or now <= deadline:
                continue
            consecutive = self._department_failed_clearing(
                ticket, month - relativedelta(months=1), tz
            )
            yield self._proposal(
                ticket,
                f"uncleared:{ticket.id}:1",
                repeat=2 if consecutive else 1,
            )
            later = month + relativedelta(months=self.clearing_repeat_months)
            if (ticket.cleared_at or now) > self._clearing_deadline(later, tz):
                yield self._proposal(ticket, f"uncleared:{ticket.id}:2", repeat=2)

    def _clearing_deadline(self, month, tz):
        """R000-51: the last instant to clear an appeal rated unsatisfied in
        ``month``."""
        return self._month_end(month + relativedelta(months=self.clearing_months), tz)

    @api.model
    def _local_month(self, moment, tz):
        return pytz.utc.localize(moment).astimezone(tz).date().replace(day=1)

    @api.model
    def _month_end(self, month, tz):
        """The last instant (naive UTC) of a local calendar month."""
        start_of_next = tz.localize(
            datetime.combine(month + relativedelta(months=1), time.min)
        )
        return start_of_next.astimezone(pytz.utc).replace(tzinfo=None) - timedelta(
            seconds=1
        )

    def _department_failed_clearing(self, ticket, month, tz):
        """Whether the department left an appeal rated unsatisfied in ``month``
        uncleared."""
        month_start = self._month_end(month - relativedelta(months=1), tz) + timedelta(
            seconds=1
        )
        deadline = self._clearing_deadline(month, tz)
        earlier = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("department_id", "=", ticket.department_id.id),
                    ("unsatisfied_at", ">=", month_start),
                    ("unsatisfied_at", "<=", self._month_end(month, tz)),
                ]
            )
        )
        return any(
            not other.cleared_at or other.cleared_at > deadline for other in earlier
        )

    def _propose_verdict(self, tickets):
        """R000-35, R000-36, R000-40, R000-41, R000-42: each active verdict of this
        rule's kind, charged to the party the verdict names. The quantity that picks the
        band is the overdue days the platform states (else the appeal's overdue working
        days on its platform deadline) or the verdict's ordinal; a reason explained to
        the platform excuses it (R000-35); a media exposure costs its column's points
        once verified as true and raised on 般阳民生 before (R000-42)."""
        verdicts = (
            self.env["helpdesk.platform.verdict"]
            .sudo()
            .search(
                [("ticket_id", "in", tickets.ids), ("kind", "=", self.verdict_kind)]
            )
        )
        for verdict in verdicts:
            if verdict.explained_to_platform:
                continue
            base_points = None
            if verdict.media_column_id:
                if not (verdict.verified_true and verdict.raised_on_banyang):
                    continue
                base_points = verdict.exposure_points
            if self.quantity_source == "ordinal":
                quantity = verdict.ordinal
            else:
                quantity = (
                    verdict.stated_overdue_days
                    or verdict.ticket_id._platform_overdue_working_days()
                )
            yield self._proposal(
                verdict.ticket_id,
                f"verdict:{verdict.id}",
                quantity=quantity,
                base_points=base_points,
                department=verdict.responsible_department_id,
                reason=verdict.display_name,
            )

    def _propose_handback_missing_fields(self, tickets):
        """R000-39: a hand-back submitted to the platform with mandatory fields empty
        costs the response office a step of points per missing field."""
        replies = (
            self.env["helpdesk.platform.reply"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", tickets.ids),
                    ("kind", "=", "hand_back"),
                    ("state", "=", "submitted"),
                    ("missing_field_count", ">", 0),
                ]
            )
        )
        for reply in replies:
            yield self._proposal(
                reply.ticket_id,
                f"handback:{reply.id}",
                quantity=reply.missing_field_count,
                reason=self.env._(
                    "%(reply)s: missing %(fields)s",
                    reply=reply.display_name,
                    fields=", ".join(reply.missing_field_ids.mapped("name")),
                ),
            )

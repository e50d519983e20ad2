import logging
from collections import defaultdict
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta
from psycopg2 import OperationalError

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import float_round

from ..groups import APPRAISAL
from .helpdesk_deduction_rule import PARTIES

_logger = logging.getLogger(__name__)


class HelpdeskDeductionLine(models.Model):
    """One deduction in the ledger (C-08): who loses how many points, for which appeal
    and rule.

    Lines start as proposed and are confirmed once the department's window to contest
    has passed (R001-29); they belong to the month they are confirmed in (C-09). They
    are never deleted: a wrong line is cancelled with its reason, and a line of a locked
    month is corrected by a new line in an open month.
    """

    _name = "helpdesk.deduction.line"
    _description = "Deduction"
    _inherit = ["mail.thread", "helpdesk.ledger.entry.mixin"]
    _order = "create_date desc, id desc"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", index=True, ondelete="restrict"
    )
    rule_id = fields.Many2one(
        "helpdesk.deduction.rule",
        required=True,
        index=True,
        ondelete="restrict",
    )
    rule_code = fields.Char(related="rule_id.code", store=True)
    table = fields.Selection(related="rule_id.table", store=True)
    party = fields.Selection(PARTIES, required=True)
    department_id = fields.Many2one("hr.department", required=True, index=True)
    section_id = fields.Many2one("hr.department", index=True)
    employee_id = fields.Many2one("hr.employee", string="Person", index=True)
    source = fields.Selection(
        [
            ("finding", "Liability Finding"),
            ("process", "Handling Process"),
            ("satisfaction", "Satisfaction"),
            ("platform", "Platform"),
        ],
        required=True,
        default="finding",
        index=True,
    )
    source_key = fields.Char(
        index="btree_not_null",
        help="The fact a generated line stands for: regenerating finds and updates it "
        "instead of adding another.",
    )
    finding_id = fields.Many2one(
        "helpdesk.liability.finding", index=True, ondelete="restrict"
    )
    quantity = fields.Float(
        digits=(16, 2), help="Days overdue, ordinal of the verdict, fields missing ..."
    )
    base_points = fields.Float(digits=(16, 2), required=True)
    multiplier = fields.Float(digits=(16, 2), default=1.0, required=True)
    share = fields.Float(
        string="Share (%)", digits=(16, 2), default=100.0, required=True
    )
    points = fields.Float(
        compute="_compute_points", store=True, digits=(16, 2), help="Points deducted."
    )
    reason = fields.Text()
    correction_of_id = fields.Many2one(
        "helpdesk.deduction.line", string="Corrects", readonly=True
    )
    late_for_period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        string="Late for Month",
        readonly=True,
        help="The month this deduction belonged to, locked before it was confirmed: it "
        "counts in the first open month after it instead (C-09).",
    )

    correction_ids = fields.One2many(
        "helpdesk.deduction.line", "correction_of_id", string="Corrections"
    )

    @api.depends("base_points", "multiplier", "share")
    def _compute_points(self):
        for line in self:
            line.points = float_round(
                line.base_points * line.multiplier * line.share / 100.0, 2
            )

    # ------------------------------------------------------------------
    # Integrity: locked months, no deletion, who confirms what
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_response_office_target()
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Deductions are appraisal evidence: cancel them with a reason instead."
            )
        )

    def _check_response_office_target(self):
        """R000-56: HR appraises the response office; nobody confirms against their own
        unit."""
        user = self.env.user
        if self.env.su:
            return
        for line in self:
            office = line.company_id.complaint_office_department_id
            if (
                office
                and line.department_id == office
                and not user.has_group(APPRAISAL)
            ):
                raise AccessError(
                    self.env._(
                        "Only HR's appraisal officers deduct points from the response "
                        "office (R000-56)."
                    )
                )

    def _check_not_own_unit(self):
        user = self.env.user
        if self.env.su:
            return
        own = user.employee_ids.department_id
        for line in self:
            if line.department_id in own:
                raise AccessError(
                    self.env._(
                        "You cannot confirm a deduction against your own unit "
                        "%(department)s (R000-56).",
                        department=line.department_id.name,
                    )
                )

    @api.model
    def _current_month_domain(self, company):
        """The lines of ``company`` that count in its current ledger month (C-09):
        confirmed into it; proposed lines whose contest window ends in it (R001-29),
        since they are confirmed when it ends; contested lines, since the decision
        confirms them when it comes."""
        tz = company._complaint_tz()
        month = company._complaint_local_date(fields.Datetime.now()).replace(day=1)
        start, end = (
            tz.localize(datetime.combine(day, time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
            for day in (month, month + relativedelta(months=1))
        )
        return Domain("company_id", "=", company.id) & Domain.OR(
            [
                Domain("state", "=", "confirmed")
                & Domain("period_id.period_type", "=", "month")
                & Domain("period_id.date_start", "=", month),
                Domain("state", "=", "draft")
                & Domain("contest_deadline", ">=", start)
                & Domain("contest_deadline", "<", end),
                Domain("state", "=", "contested"),
            ]
        )

    # ------------------------------------------------------------------
    # States
    # ------------------------------------------------------------------

    def _confirm(self, action, when=None):
        """A user confirms now (or at ``when``), into that month (C-09).

        ``action`` names what the user does, for the refusal when the month is
        locked: nothing is written then, and the user is told from which month on
        to do it again.
        """
        when = when or fields.Datetime.now()
        lines = self.filtered(lambda line: line.state in ("draft", "contested"))
        Period = self.env["helpdesk.appraisal.period"]
        periods = {
            company: Period._for_moment(company, when) for company in lines.company_id
        }
        for period in periods.values():
            period._check_open_to_confirm(action)
        for company, period in periods.items():
            lines.filtered(
                lambda line, company=company: line.company_id == company
            ).sudo().write(
                {"state": "confirmed", "period_id": period.id, "confirmed_at": when}
            )

    def _confirm_as_due(self, when=None):
        """The system confirms (C-09): each line at ``when``, else when its contest
        window ended (R001-29), in that month; if that month is locked, in the first
        open month after it, remembering the month it was late for, with a note."""
        now = fields.Datetime.now()
        Period = self.env["helpdesk.appraisal.period"]
        months, groups = {}, defaultdict(lambda: self.browse())
        for line in self.filtered(lambda line: line.state in ("draft", "contested")):
            moment = when or min(line.contest_deadline or now, now)
            company = line.company_id
            key = (company, company._complaint_local_date(moment).replace(day=1))
            if key not in months:
                months[key] = Period._for_date(*key)
            groups[months[key], moment] |= line
        for (due, moment), lines in groups.items():
            period = Period._first_open(due.company_id, due.date_start)
            lines.sudo().write(
                {
                    "state": "confirmed",
                    "period_id": period.id,
                    "confirmed_at": moment,
                    "late_for_period_id": period != due and due.id,
                }
            )
            if period != due:
                # The system writes it: in the company's language.
                notice = lines.sudo().with_context(
                    **due.company_id._complaint_text_context()
                )
                body = notice.env._(
                    "Confirmed into %(month)s: %(locked)s, the month it belongs to, "
                    "was already locked (C-09).",
                    month=period.name,
                    locked=due.name,
                )
                for line in notice:
                    line.message_post(body=body, subtype_xmlid="mail.mt_note")

    def action_confirm(self):
        """An appraisal officer confirms before the window ends (e.g. no contest
        expected)."""
        if not self.env.user.has_group(APPRAISAL):
            raise AccessError(self.env._("Only appraisal officers confirm deductions."))
        self._check_not_own_unit()
        open_lines = self.filtered(lambda line: line.state == "draft")
        open_lines._confirm(self.env._("Confirming deductions now"))

    def _cancel(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Cancelling a deduction needs the reason."))
        for line in self:
            if line.state == "confirmed" and line.period_id.state == "locked":
                # C-09: a locked month stays; the correction goes to an open month.
                line.sudo().copy(
                    {
                        "base_points": -line.base_points,
                        "state": "draft",
                        "source_key": False,
                        "correction_of_id": line.id,
                        "period_id": False,
                        "reason": reason,
                    }
                )._confirm_as_due(fields.Datetime.now())
            else:
                line.sudo().write({"state": "cancelled", "cancel_reason": reason})

    @api.model
    def _cron_sync_process_lines(self):
        """Facts that become faults with time alone (a month ends, a committed date
        passes)."""
        recent = fields.Datetime.now() - relativedelta(months=4)
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    "|",
                    ("unsatisfied_at", ">=", recent),
                    "&",
                    ("committed_date", "!=", False),
                    ("state", "!=", "closed"),
                ]
            )
        )
        self._run_isolated(tickets, self._sync_process_lines)

    @api.model
    def _cron_confirm_uncontested(self):
        """R001-29: without a written statement in time, liability is confirmed."""
        self._run_isolated(
            self.sudo()._past_contest_window(), lambda lines: lines._confirm_as_due()
        )

    @api.model
    def _run_isolated(self, records, work):
        """``work(records)`` for a cron that one bad record must not stop.

        The whole batch runs in a savepoint; if it fails, each record runs again in
        its own, and a record that still fails gets the error in its chatter (in its
        company's language) while the others go through. Database conflicts still
        abort the run: the cron retries it whole.
        """
        try:
            with self.env.cr.savepoint():
                work(records)
            return
        except OperationalError:
            raise
        except Exception:  # noqa: BLE001 - retried record by record below
            _logger.info("%s: batch failed, retrying record by record", records._name)
        for record in records:
            try:
                with self.env.cr.savepoint():
                    work(record)
            except OperationalError:
                raise
            except Exception as error:  # noqa: BLE001 - reported on the record
                _logger.exception("%s failed in a cron", record)
                record = record.sudo().with_context(
                    **record.company_id._complaint_text_context()
                )
                record.message_post(
                    body=record.env._(
                        "The automatic run failed on this record and left it as it "
                        "was: %(error)s",
                        error=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    # ------------------------------------------------------------------
    # Process deductions generated from recorded facts
    # ------------------------------------------------------------------

    @api.model
    def _sync_process_lines(self, tickets):
        """Bring the generated lines of ``tickets`` in line with their facts.

        Idempotent: each fact has a key; a line exists once per key, is updated when its
        fact changes, and is cancelled (or corrected, in a locked month) when the fact
        is gone. A locked month never stops it: a fact can always be recorded, and what
        it changes in a locked month is corrected in the first open month, each new line
        linked to the one it corrects (C-09). Its texts are in the company's language.
        """
        tickets = tickets.sudo().filtered("company_id.complaint_preset_id")
        for company in tickets.company_id:
            company_tickets = tickets.filtered(
                lambda ticket, company=company: ticket.company_id == company
            )
            self.sudo().with_context(
                **company._complaint_text_context()
            )._sync_company_process_lines(company_tickets)

    @api.model
    def _sync_company_process_lines(self, tickets):
        Rule = self.env["helpdesk.deduction.rule"].sudo()
        rules = Rule.search(
            [("preset_id", "in", tickets.company_id.complaint_preset_id.ids)]
            + Rule._appeal_generator_domain()
        )
        proposals = {}
        for rule in rules:
            scoped = tickets.filtered(
                lambda ticket, rule=rule: (
                    ticket.company_id.complaint_preset_id == rule.preset_id
                )
            )
            for proposal in rule._propose(scoped):
                proposals[(proposal["company_id"], proposal["source_key"])] = proposal
        Line = self.sudo()
        # Only the lines of the rules just run: keyed lines that other mechanisms
        # write on an appeal (the appraisal run, service cases) are theirs to keep.
        existing = Line.search(
            [
                ("ticket_id", "in", tickets.ids),
                ("rule_id", "in", rules.ids),
                ("source_key", "!=", False),
                ("state", "!=", "cancelled"),
                ("correction_ids", "=", False),
            ]
        )
        by_key = {(line.company_id.id, line.source_key): line for line in existing}
        compared = ("base_points", "multiplier", "quantity", "department_id", "party")
        to_create = []
        for key, proposal in proposals.items():
            line = by_key.get(key)
            if line is None:
                to_create.append(proposal)
                continue
            changes = {
                name: proposal[name]
                for name in compared
                if (line[name].id if name == "department_id" else line[name])
                != proposal[name]
            }
            if not changes:
                continue
            if line.state == "confirmed" and line.period_id.state == "locked":
                line._cancel(self.env._("Corrected: the fact behind it changed."))
                to_create.append(dict(proposal, correction_of_id=line.id))
            else:
                line.write(changes)
        if to_create:
            Line.create(to_create)
        for key, line in by_key.items():
            if key not in proposals:
                line._cancel(
                    self.env._("The fact behind this deduction no longer holds.")
                )

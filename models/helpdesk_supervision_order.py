from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_office_notice_mixin import is_office_user
from .helpdesk_ticket_workflow import ENDED_STATES

TRIGGERS = [
    ("overdue", "Handled Too Slowly"),
    ("redo_limit", "Redone Too Often"),
    ("repeat_limit", "Complained Again and Again"),
    ("commitment_stalled", "Commitment Without Progress"),
    ("manual", "Issued by the Office"),
]


class HelpdeskSupervisionOrder(models.Model):
    """Written supervision notice with a deadline (督办单, R002-43, R002-22, R000-11).

    The response office issues it for an appeal handled too slowly, redone too often,
    complained about again and again or whose commitment stalls; the triggers propose
    orders by themselves (`_propose_for_tickets`), the office can issue one by hand. The
    department responds, the office closes or cancels the order.
    """

    _name = "helpdesk.supervision.order"
    _description = "Supervision Order"
    _inherit = ["helpdesk.office.notice.mixin"]
    _order = "issued_at desc, id desc"
    _department_fields = frozenset({"response_note"})
    _check_company_auto = True
    _company_number_code = "helpdesk.supervision.order"
    _company_number_prefix = "DB%(year)s-"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, string="Company"
    )
    ticket_name = fields.Char(related="ticket_id.name", string="Appeal Title")
    channel_id = fields.Many2one(related="ticket_id.channel_id")
    received_at = fields.Datetime(related="ticket_id.received_at")
    trigger = fields.Selection(
        TRIGGERS, required=True, default="manual", index=True, tracking=True
    )
    trigger_value = fields.Integer(
        readonly=True,
        help="The count that raised the order: redos, or appeals in the repeat chain.",
    )
    reason = fields.Text(required=True, tracking=True)
    notice = fields.Text(
        help="What the department is required to do, as printed on the written notice.",
    )
    issued_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        default=lambda self: self.env.user,
        help="Empty when a trigger proposed the order.",
    )
    issued_at = fields.Datetime(
        default=fields.Datetime.now, readonly=True, required=True
    )
    deadline = fields.Datetime(
        required=True,
        tracking=True,
        default=lambda self: self._default_deadline(self.env.company),
        help="Set by the response office on each notice (R002-43); a triggered order "
        "proposes the preset's number of working days.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    response_note = fields.Text(
        string="Department Response", tracking=True, help="What the department did."
    )
    responded_by_id = fields.Many2one("res.users", readonly=True)
    responded_at = fields.Datetime(readonly=True)
    done_at = fields.Datetime(string="Closed At", readonly=True)
    done_by_id = fields.Many2one("res.users", string="Closed By", readonly=True)
    done_note = fields.Text(
        string="Closing Note",
        tracking=True,
        help="The office's conclusion, or why it cancelled the order.",
    )
    complainant_masked = fields.Char(
        string="Complainant",
        compute="_compute_complainant_masked",
        help="Masked: the written notice leaves the appeal (R002-37).",
    )
    is_overdue = fields.Boolean(
        string="Deadline Passed",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
    )

    _open_trigger_uniq = models.UniqueIndex(
        "(ticket_id, trigger) WHERE state = 'open' AND trigger != 'manual'",
        "An appeal already has an open supervision order for this trigger.",
    )

    @api.depends("ticket_id")
    def _compute_department_id(self):
        for order in self:
            ticket = order.ticket_id.sudo()
            order.department_id = ticket.department_id or ticket.receiving_department_id

    def _compute_complainant_masked(self):
        for order in self:
            order.complainant_masked = order.ticket_id._complainant_masked_label()

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for order in self:
            order.is_overdue = bool(
                order.state == "open" and order.deadline and order.deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = fields.Domain("state", "=", "open") & fields.Domain(
            "deadline", "<", fields.Datetime.now()
        )
        return domain if True in value else ~domain

    @api.constrains("deadline", "issued_at")
    def _check_deadline(self):
        for order in self:
            if order.deadline <= order.issued_at:
                raise ValidationError(
                    self.env._(
                        "The deadline of a supervision order must be after it is "
                        "issued."
                    )
                )

    @api.constrains("ticket_id", "trigger", "state")
    def _check_one_open_order_per_trigger(self):
        orders = self.filtered(
            lambda order: order.state == "open" and order.trigger != "manual"
        )
        if not orders:
            return
        groups = self.sudo()._read_group(
            [
                ("ticket_id", "in", orders.ticket_id.ids),
                ("trigger", "in", orders.mapped("trigger")),
                ("state", "=", "open"),
            ],
            ["ticket_id", "trigger"],
            ["__count"],
        )
        if any(count > 1 for _ticket, _trigger, count in groups):
            raise ValidationError(
                self.env._(
                    "An appeal already has an open supervision order for this trigger."
                )
            )

    @api.model
    def _default_deadline(self, company, start=None):
        """The proposed deadline: the preset's number of working days after ``start``,
        counted on the company's complaint calendar from the next day (C-03)."""
        start = start or fields.Datetime.now()
        days = company.complaint_preset_id.supervision_default_days
        calendar = company._get_complaint_calendar()
        if not days or not calendar:
            return False
        return calendar._sla_deadline(start, days, "working_days", "next_day")[0]

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    @api.model
    def _vals_company(self, vals):
        # An order belongs to its appeal's company.
        ticket = self.env["helpdesk.ticket"].sudo().browse(vals.get("ticket_id"))
        return ticket.company_id or super()._vals_company(vals)

    def _office_only_message(self):
        return self.env._(
            "Only the response office changes, closes or cancels a supervision order; "
            "the department records its response."
        )

    def _answer_final_message(self):
        return self.env._(
            "The response to a closed or cancelled supervision order is final."
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office(
            self.env._(
                "Only the response office issues written supervision notices (R002-43)."
            )
        )
        # The partial unique index reads the database: write pending states first.
        self.flush_model(["ticket_id", "trigger", "state"])
        self._assign_company_numbers(vals_list)
        orders = super().create(vals_list)
        orders._notify_issued()
        return orders

    # ------------------------------------------------------------------
    # Triggers (R002-43)
    # ------------------------------------------------------------------

    @api.model
    def _propose_for_tickets(self, tickets):
        """Create the orders the triggers call for on ``tickets``; returns them.

        Never two open orders for one appeal and trigger. A trigger that has had its
        order (done or cancelled) proposes again only when its count grew: a further
        redo does, the same overdue appeal or the same repeat does not.
        """
        tickets = tickets.sudo().filtered(
            lambda ticket: (
                ticket.company_id.complaint_preset_id
                and ticket.state not in ENDED_STATES
            )
        )
        orders = self.sudo().browse()
        for company in tickets.company_id:
            # The system proposes: reasons and notices in the company's language.
            orders |= (
                self.sudo()
                .with_context(**company._complaint_text_context())
                ._propose_for_company_tickets(
                    tickets.filtered(
                        lambda ticket, company=company: ticket.company_id == company
                    )
                )
            )
        return orders

    @api.model
    def _propose_for_company_tickets(self, tickets):
        Order = self
        proposals = Order._trigger_proposals(tickets)
        if not proposals:
            return Order
        open_keys, reached = set(), {}
        for row in Order.search_read(
            [("ticket_id", "in", tickets.ids), ("trigger", "!=", "manual")],
            ["ticket_id", "trigger", "trigger_value", "state"],
            load=False,
        ):
            key = (row["ticket_id"], row["trigger"])
            if row["state"] == "open":
                open_keys.add(key)
            reached[key] = max(reached.get(key, 0), row["trigger_value"])
        vals_list = []
        for proposal in proposals:
            ticket = proposal["ticket"]
            key = (ticket.id, proposal["trigger"])
            if key in open_keys or (
                key in reached and proposal["value"] <= reached[key]
            ):
                continue
            open_keys.add(key)
            vals_list.append(
                {
                    "ticket_id": ticket.id,
                    "trigger": proposal["trigger"],
                    "trigger_value": proposal["value"],
                    "reason": proposal["reason"],
                    "deadline": Order._default_deadline(ticket.company_id),
                    "issued_by_id": False,
                }
            )
        return Order.create(vals_list) if vals_list else Order

    @api.model
    def _trigger_proposals(self, tickets):
        """What the triggers say about ``tickets``: a list of dicts with the appeal, the
        trigger, its count (``value``) and the reason."""
        proposals = []
        for ticket in tickets:
            preset = ticket.company_id.complaint_preset_id
            # C-05: "超过2次" excludes 2, so the 3rd redo / the 3rd complaint triggers.
            if ticket.redo_count > preset.supervision_redo_limit:
                proposals.append(
                    {
                        "ticket": ticket,
                        "trigger": "redo_limit",
                        "value": ticket.redo_count,
                        "reason": self.env._(
                            "Returned to be handled again %(count)s times, more than "
                            "%(limit)s times (R002-43).",
                            count=ticket.redo_count,
                            limit=preset.supervision_redo_limit,
                        ),
                    }
                )
            if ticket.repeat_chain_count > preset.supervision_repeat_limit:
                proposals.append(
                    {
                        "ticket": ticket,
                        "trigger": "repeat_limit",
                        "value": ticket.repeat_chain_count,
                        "reason": self.env._(
                            "The customer complained %(count)s times about the same "
                            "issue, more than %(limit)s times (R002-43, repeats as in "
                            "R003-32).",
                            count=ticket.repeat_chain_count,
                            limit=preset.supervision_repeat_limit,
                        ),
                    }
                )
        proposals += self._overdue_proposals(tickets)
        proposals += self._stalled_commitment_proposals(tickets)
        return proposals

    @api.model
    def _stalled_commitment_proposals(self, tickets):
        """A commitment to the customer with no progress entry for the preset's number
        of days (R002-43, "作出办理承诺但长时间无明显进展"). The count is the
        appeal's stalled commitments, so one more stalling proposes again."""
        now = fields.Datetime.now()
        stalled = defaultdict(list)
        for commitment in (
            self.env["helpdesk.ticket.commitment"]
            .sudo()
            .search([("ticket_id", "in", tickets.ids), ("state", "=", "open")])
        ):
            ticket = commitment.ticket_id
            days = ticket.company_id.complaint_preset_id.commitment_stall_days
            if commitment.last_progress_at <= now - timedelta(days=days):
                stalled[ticket].append(commitment)
        return [
            {
                "ticket": ticket,
                "trigger": "commitment_stalled",
                "value": len(commitments),
                "reason": self.env._(
                    "No progress for %(days)s days or more on what was promised to the "
                    "customer: %(commitments)s (R002-43).",
                    days=ticket.company_id.complaint_preset_id.commitment_stall_days,
                    commitments="; ".join(
                        commitment.description for commitment in commitments
                    ),
                ),
            }
            for ticket, commitments in stalled.items()
        ]

    @api.model
    def _overdue_proposals(self, tickets):
        """Handled too slowly: a deadline is missed and still running, and no extension
        of the appeal was approved (R002-43). A milestone met late keeps the appeal's
        status "breached" but is no slow handling any more."""
        breached = tickets.filtered(lambda ticket: ticket.deadline_state == "breached")
        if not breached:
            return []
        extended = {
            ticket.id
            for [ticket] in self.env["helpdesk.sla.extension"]
            .sudo()
            ._read_group(
                [("ticket_id", "in", breached.ids), ("state", "=", "approved")],
                ["ticket_id"],
            )
        }
        late = {}
        for line in (
            self.env["helpdesk.ticket.deadline"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", breached.ids),
                    ("status", "=", "breached"),
                    ("reached_at", "=", False),
                ],
                order="deadline, id",
            )
        ):
            late.setdefault(line.ticket_id, line)
        proposals = []
        for ticket in breached:
            line = late.get(ticket)
            if not line or ticket.id in extended:
                continue
            proposals.append(
                {
                    "ticket": ticket,
                    "trigger": "overdue",
                    "value": 1,
                    "reason": self.env._(
                        "The deadline “%(milestone)s” passed on %(deadline)s and no "
                        "extension was approved (R002-43).",
                        milestone=line.name,
                        deadline=ticket.company_id._complaint_format_datetime(
                            line.deadline
                        ),
                    ),
                }
            )
        return proposals

    # ------------------------------------------------------------------
    # Notifications
    # ------------------------------------------------------------------

    def _local_deadline_date(self):
        self.ensure_one()
        return self.company_id._complaint_local_date(self.deadline)

    def _notify_issued(self):
        for order in self.sudo():
            order.ticket_id.message_post(
                body=self.env._(
                    "Supervision order %(number)s: %(reason)s Deadline: %(deadline)s.",
                    number=order.name,
                    reason=order.reason,
                    deadline=order.company_id._complaint_format_datetime(
                        order.deadline
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
            user = order.department_id._complaint_step_owner()
            if user:
                order.message_subscribe(partner_ids=user.partner_id.ids)
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=order._local_deadline_date(),
                    summary=self.env._("Supervision order: respond by the deadline"),
                    user_id=user.id,
                )
            office_user = order.ticket_id.user_id
            if not order.issued_by_id and is_office_user(office_user):
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Proposed supervision order: check its deadline and notice"
                    ),
                    user_id=office_user.id,
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_open(self):
        if any(order.state != "open" for order in self):
            raise UserError(self.env._("This supervision order is no longer open."))

    def action_respond(self):
        """The department records that it responded to the order."""
        self.check_access("write")
        self._check_open()
        for order in self:
            if not (order.response_note or "").strip():
                raise UserError(
                    self.env._(
                        "Describe what the department did before marking the response."
                    )
                )
        now = fields.Datetime.now()
        for order in self.sudo():
            order.write({"responded_by_id": self.env.uid, "responded_at": now})
            order.activity_feedback(["mail.mail_activity_data_todo"])
            reviewer = order.issued_by_id or order.ticket_id.user_id
            if is_office_user(reviewer):
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Supervision order answered: review and close it"
                    ),
                    user_id=reviewer.id,
                )

    def action_done(self):
        self._check_office(
            self.env._("Only the response office closes supervision orders.")
        )
        self._close("done")

    def action_cancel(self):
        self._check_office(
            self.env._("Only the response office cancels supervision orders.")
        )
        if any(not (order.done_note or "").strip() for order in self):
            raise UserError(
                self.env._("Give the reason for cancelling in the closing note.")
            )
        self._close("cancelled")

    def _close(self, state):
        self._check_open()
        orders = self.sudo()
        orders.write(
            {
                "state": state,
                "done_at": fields.Datetime.now(),
                "done_by_id": self.env.uid,
            }
        )
        orders.activity_feedback(["mail.mail_activity_data_todo"])
        for order in orders:
            if state == "done":
                body = self.env._(
                    "Supervision order %(number)s closed by %(user)s.",
                    number=order.name,
                    user=self.env.user.name,
                )
            else:
                body = self.env._(
                    "Supervision order %(number)s cancelled by %(user)s: %(note)s",
                    number=order.name,
                    user=self.env.user.name,
                    note=order.done_note,
                )
            order.ticket_id.message_post(body=body, subtype_xmlid="mail.mt_note")

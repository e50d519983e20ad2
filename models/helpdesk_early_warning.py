from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .helpdesk_office_notice_mixin import is_office_user


class HelpdeskEarlyWarning(models.Model):
    """The response office warns a department about an appeal that keeps recurring
    (R000-76).

    Raised when one complainant's repeat chain in one category reaches the preset's
    warning count; later appeals of the same chain join the warning while it is not
    closed. The department answers with its rectification measures, the office closes
    it.
    """

    _name = "helpdesk.early.warning"
    _description = "Early Warning"
    _inherit = ["helpdesk.office.notice.mixin"]
    _order = "raised_at desc, id desc"
    _department_fields = frozenset({"measures"})
    _check_company_auto = True
    _company_number_code = "helpdesk.early.warning"
    _company_number_prefix = "YJ%(year)s-"

    name = fields.Char(string="Number", readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        "hr.department",
        index=True,
        tracking=True,
        check_company=True,
        help="The department that has to investigate and rectify: the responsible "
        "department of the latest appeal of the chain that has one, else the receiving "
        "department.",
    )
    category_id = fields.Many2one(
        "helpdesk.ticket.category", readonly=True, check_company=True
    )
    complainant_label = fields.Char(
        string="Complainant",
        readonly=True,
        help="Masked: the warning circulates beyond those handling the appeals "
        "(R002-37).",
    )
    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_early_warning_ticket_rel",
        "warning_id",
        "ticket_id",
        string="Appeals",
        readonly=True,
        check_company=True,
    )
    appeal_count = fields.Integer(
        string="Number of Appeals", compute="_compute_appeal_count", store=True
    )
    raised_at = fields.Datetime(
        default=fields.Datetime.now, readonly=True, required=True
    )
    response_due_date = fields.Date(
        string="Measures Due",
        tracking=True,
        help="When the department's rectification measures are due (preset: calendar "
        "days after the warning).",
    )
    office_user_id = fields.Many2one(
        "res.users",
        string="Office Contact",
        help="The response office member who follows the warning up.",
    )
    measures = fields.Text(
        string="Rectification Measures",
        tracking=True,
        help="What the department found and will change: measures, revised rules or "
        "standards.",
    )
    answered_by_id = fields.Many2one("res.users", readonly=True)
    answered_at = fields.Datetime(readonly=True)
    closed_by_id = fields.Many2one("res.users", readonly=True)
    closed_at = fields.Datetime(readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("answered", "Answered"), ("closed", "Closed")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    is_overdue = fields.Boolean(
        string="Measures Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
    )

    @api.depends("ticket_ids")
    def _compute_appeal_count(self):
        for warning in self:
            warning.appeal_count = len(warning.sudo().ticket_ids)

    @api.depends("state", "response_due_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for warning in self:
            warning.is_overdue = bool(
                warning.state == "open"
                and warning.response_due_date
                and warning.response_due_date < today
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = fields.Domain("state", "=", "open") & fields.Domain(
            "response_due_date", "<", fields.Date.context_today(self)
        )
        return domain if True in value else ~domain

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    def _office_only_message(self):
        return self.env._(
            "Only the response office changes an early warning; the department enters "
            "its rectification measures."
        )

    def _answer_final_message(self):
        return self.env._(
            "The measures of an answered or closed early warning are final."
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office(
            self.env._("Only the response office raises early warnings.")
        )
        self._assign_company_numbers(vals_list)
        warnings = super().create(vals_list)
        warnings._schedule_department_activity()
        return warnings

    # ------------------------------------------------------------------
    # Raising and joining (called by the repeat detection of helpdesk.ticket)
    # ------------------------------------------------------------------

    @api.model
    def _raise_for_tickets(self, tickets):
        """Raise or extend warnings for appeals whose repeat chain reached the warning
        count.

        One warning per chain: an appeal whose chain already has a warning that is not
        closed joins it; otherwise a new warning collects the whole chain (R000-76).
        Returns the warnings created.
        """
        Warning = self.sudo()
        due = (
            tickets.sudo()
            .filtered(
                lambda ticket: (
                    ticket.company_id.complaint_preset_id.repeat_warning_count
                    and ticket.repeat_chain_count
                    >= ticket.company_id.complaint_preset_id.repeat_warning_count
                )
            )
            .sorted(lambda ticket: (ticket.received_at, ticket.id))
        )
        if not due:
            return Warning
        chains = {ticket: ticket._repeat_chain() for ticket in due}
        chain_ids = sorted(
            {ticket_id for chain in chains.values() for ticket_id in chain.ids}
        )
        warning_of = {}
        for warning in Warning.search(
            [("ticket_ids", "in", chain_ids), ("state", "!=", "closed")],
            order="raised_at, id",
        ):
            for ticket_id in warning.ticket_ids.ids:
                warning_of.setdefault(ticket_id, warning)
        created = Warning
        for ticket in due:
            chain = chains[ticket]
            # The system raises warnings: its notes in the company's language.
            text_context = ticket.company_id._complaint_text_context()
            warning = next(
                (warning_of[t.id] for t in chain if t.id in warning_of), None
            )
            if warning:
                warning.with_context(**text_context)._add_appeals(
                    chain - warning.ticket_ids
                )
            else:
                warning = Warning.with_context(**text_context).create(
                    Warning._values_for_chain(ticket, chain)
                )
                created |= warning
            for member in chain:
                warning_of[member.id] = warning
        return created

    @api.model
    def _values_for_chain(self, ticket, chain):
        company = ticket.company_id
        department = next(
            (member.department_id for member in chain if member.department_id),
            ticket.receiving_department_id,
        )
        now = fields.Datetime.now()
        days = company.complaint_preset_id.warning_response_days
        office_user = ticket.user_id if is_office_user(ticket.user_id) else False
        return {
            "company_id": company.id,
            "department_id": department.id,
            "category_id": ticket.category_id.id,
            "complainant_label": ticket._complainant_masked_label(),
            "ticket_ids": [Command.set(chain.ids)],
            "raised_at": now,
            "response_due_date": self._local_date(company, now) + timedelta(days=days),
            "office_user_id": office_user and office_user.id,
        }

    @api.model
    def _local_date(self, company, instant):
        """The date of ``instant`` where the complaint desk works."""
        return company._complaint_local_date(instant)

    def _add_appeals(self, tickets):
        self.ensure_one()
        if not tickets:
            return
        self.sudo().write(
            {"ticket_ids": [Command.link(ticket.id) for ticket in tickets]}
        )
        self.sudo().message_post(
            body=self.env._(
                "The appeal %(numbers)s of the same complainant and category joined "
                "this warning; %(count)s appeals recur now.",
                numbers=", ".join(tickets.mapped("number")),
                count=self.appeal_count,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _schedule_department_activity(self):
        for warning in self.sudo():
            warning.message_post(
                body=self.env._(
                    "%(count)s appeals of one complainant in category %(category)s "
                    "within the repeat window: the department investigates and sets "
                    "rectification measures by %(due)s (R000-76).",
                    count=warning.appeal_count,
                    category=warning.category_id.name or "-",
                    due=warning.response_due_date or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
            user = warning.department_id._complaint_step_owner()
            if user:
                warning.message_subscribe(partner_ids=user.partner_id.ids)
                warning.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=warning.response_due_date,
                    summary=self.env._("Early warning: set rectification measures"),
                    user_id=user.id,
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_answer(self):
        """The department answers with its rectification measures."""
        self.check_access("write")
        for warning in self:
            if warning.state != "open":
                raise UserError(
                    self.env._("Only an open early warning can be answered.")
                )
            if not (warning.measures or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the rectification measures before answering the "
                        "warning."
                    )
                )
        now = fields.Datetime.now()
        for warning in self.sudo():
            warning.write(
                {
                    "state": "answered",
                    "answered_by_id": self.env.uid,
                    "answered_at": now,
                }
            )
            warning.activity_feedback(["mail.mail_activity_data_todo"])
            if warning.office_user_id:
                warning.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Early warning answered: review the measures"),
                    user_id=warning.office_user_id.id,
                )

    def action_close(self):
        self._check_office(
            self.env._("Only the response office closes early warnings.")
        )
        if any(warning.state == "closed" for warning in self):
            raise UserError(self.env._("This early warning is already closed."))
        self.sudo().write(
            {
                "state": "closed",
                "closed_by_id": self.env.uid,
                "closed_at": fields.Datetime.now(),
            }
        )
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])

    def action_reopen(self):
        """The measures do not answer the warning: back to the department."""
        self._check_office(
            self.env._(
                "Only the response office sends an early warning back to the "
                "department."
            )
        )
        if any(warning.state != "answered" for warning in self):
            raise UserError(
                self.env._("Only an answered early warning can be sent back.")
            )
        self.sudo().write({"state": "open"})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        self._schedule_department_activity()

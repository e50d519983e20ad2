from odoo import api, fields, models

# Fields a deadline policy or milestone selects on: changing one re-matches the deadlines.
SLA_INPUT_FIELDS = {
    "channel_id",
    "nature_id",
    "category_id",
    "team_id",
    "priority",
    "company_id",
    "platform_deadline",
    "pipe_diameter",
}


class HelpdeskTicket(models.Model):
    """The appeal's event log and its deadline lines: facts in, milestone lines out (see
    ``helpdesk.ticket.deadline``)."""

    _inherit = "helpdesk.ticket"

    event_ids = fields.One2many("helpdesk.ticket.event", "ticket_id", string="Events")
    deadline_policy_id = fields.Many2one(
        "helpdesk.sla.policy",
        string="Deadline Policy",
        readonly=True,
        copy=False,
        index=True,
    )
    deadline_ids = fields.One2many(
        "helpdesk.ticket.deadline", "ticket_id", string="Deadlines"
    )
    next_deadline = fields.Datetime(
        string="Next Deadline", compute="_compute_sla_summary", store=True, index=True
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
        help="A deadline falls in a year whose official holiday arrangement is not loaded "
        "yet; it is recomputed once it is.",
    )

    @api.depends(
        "deadline_ids.status",
        "deadline_ids.deadline",
        "deadline_ids.reached_at",
        "deadline_ids.is_due_soon",
        "deadline_ids.provisional",
    )
    def _compute_sla_summary(self):
        for ticket in self:
            lines = ticket.deadline_ids
            open_lines = lines.filtered(
                lambda line: (
                    not line.reached_at
                    and line.status in ("running", "paused", "breached")
                )
            )
            ticket.next_deadline = min(open_lines.mapped("deadline"), default=False)
            ticket.deadline_provisional = any(open_lines.mapped("provisional"))
            if "breached" in lines.mapped("status"):
                ticket.deadline_state = "breached"
            elif any(open_lines.mapped("is_due_soon")):
                ticket.deadline_state = "due_soon"
            elif open_lines:
                ticket.deadline_state = "on_track"
            else:
                ticket.deadline_state = (
                    "met"
                    if lines.filtered(lambda line: line.status == "met")
                    else False
                )

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

    def _platform_overdue_working_days(self):
        """Working days this appeal is overdue on its platform deadline (R000-35, C-05)."""
        self.ensure_one()
        lines = self.deadline_ids.filtered("platform_overridden") or self.deadline_ids
        return max(lines.mapped("overdue_working_days"), default=0)

    def _sla_recompute(self):
        """Facts changed: rebuild the deadlines, then the deductions generated from them."""
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
            # A corrected receipt time corrects the fact every receipt clock starts from.
            self.env["helpdesk.ticket.event"].sudo().search(
                [("ticket_id", "in", self.ids), ("event_code", "=", "receipt")]
            ).write({"occurred_at": vals["received_at"]})
        if vals.get("stage_id"):
            self._record_event("stage_change", stage_id=vals["stage_id"])
        elif "received_at" in vals or SLA_INPUT_FIELDS & set(vals):
            self._sla_recompute()

from odoo import api, fields, models


class HelpdeskTicketEventLogWizard(models.TransientModel):
    """Log a fact no workflow step records (contact made, arrival on site, repair
    started ...): the event types, who logs them and what they ask are data on
    ``helpdesk.sla.event``; ``helpdesk.ticket._log_event`` checks and records."""

    _name = "helpdesk.ticket.event.log.wizard"
    _description = "Log an Appeal Event"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    allowed_event_type_ids = fields.Many2many(
        "helpdesk.sla.event", compute="_compute_allowed_event_type_ids"
    )
    event_type_id = fields.Many2one(
        "helpdesk.sla.event",
        string="Event",
        required=True,
        domain="[('id', 'in', allowed_event_type_ids)]",
    )
    event_description = fields.Text(related="event_type_id.description")
    opened_at = fields.Datetime(default=fields.Datetime.now)
    occurred_at = fields.Datetime(
        string="Happened At", required=True, default=fields.Datetime.now
    )
    is_backdated = fields.Boolean(compute="_compute_is_backdated")
    backdate_reason = fields.Text(string="Why Logged Late")
    asks_contact_method = fields.Boolean(related="event_type_id.log_contact_method")
    asks_pipe_diameter = fields.Boolean(related="event_type_id.log_pipe_diameter")
    contact_method = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket.event"]._fields["contact_method"].selection
        ),
        string="Contacted By",
    )
    pipe_diameter = fields.Integer(string="Pipe Diameter (DN, mm)")
    note = fields.Text()

    @api.depends("ticket_id")
    def _compute_allowed_event_type_ids(self):
        for wizard in self:
            wizard.allowed_event_type_ids = wizard.ticket_id._loggable_event_types()

    @api.depends("occurred_at", "opened_at")
    def _compute_is_backdated(self):
        for wizard in self:
            opened = (wizard.opened_at or fields.Datetime.now()).replace(
                second=0, microsecond=0
            )
            wizard.is_backdated = bool(
                wizard.occurred_at and wizard.occurred_at < opened
            )

    @api.onchange("event_type_id")
    def _onchange_event_type_id(self):
        if self.event_type_id.log_pipe_diameter and not self.pipe_diameter:
            self.pipe_diameter = self.ticket_id.pipe_diameter

    def action_confirm(self):
        self.ensure_one()
        # A time left as the dialog proposed it is the moment of logging; an earlier
        # one is back-dated, a later one refused.
        changed = self.is_backdated or self.occurred_at > fields.Datetime.now()
        when = self.occurred_at if changed else None
        self.ticket_id._log_event(
            self.event_type_id,
            when=when,
            reason=self.backdate_reason,
            note=self.note,
            contact_method=self.contact_method,
            pipe_diameter=self.pipe_diameter,
        )

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError


class HelpdeskSlaEvent(models.Model):
    """A kind of fact in an appeal's life (dispatch, acceptance, reply ...).

    The workflow records events on tickets; SLA milestones start, stop, pause or lapse
    on them. Kept as records so policies are configured by picking events, not by code.
    Facts no workflow step records (contact made, arrival on site, repair finished ...)
    are logged by hand from the appeal: which ones, by whom, in which states and with
    which details is configured here too.
    """

    _name = "helpdesk.sla.event"
    _description = "Appeal Event Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    ends_appeal = fields.Boolean(
        string="Ends the Appeal",
        help="Closing or withdrawing the appeal: every deadline still open ends here "
        "with the outcome its milestone gives.",
    )
    manual_log = fields.Boolean(
        string="Logged by Hand",
        help="Recorded from the appeal's “Log Event” dialog, for facts no workflow "
        "step records, e.g. arrival on site.",
    )
    log_group_ids = fields.Many2many(
        "res.groups",
        "helpdesk_sla_event_log_group_rel",
        string="Logged By",
        help="Members of these groups log the event.",
    )
    log_handling_department = fields.Boolean(
        string="Handling Department Only",
        help="Besides the groups, the user must belong to the appeal's handling "
        "department or section (the response office may log on its behalf).",
    )
    log_states = fields.Char(
        string="Logged In States",
        help="Comma-separated workflow states in which the event can be logged, e.g. "
        "dispatched,accepted; empty: any state of an appeal still open.",
    )
    log_contact_method = fields.Boolean(
        string="Asks How the Customer Was Reached",
        help="The dialog asks for the contact method (phone, text message, on "
        "site ...).",
    )
    log_pipe_diameter = fields.Boolean(
        string="Asks the Pipe Diameter",
        help="The dialog asks for the pipe diameter (DN) and stores it on the appeal; "
        "it decides which repair deadline applies (R002-25).",
    )

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Each event type needs its own code."
    )

    @api.constrains("manual_log", "log_group_ids", "log_states")
    def _check_manual_log(self):
        states = dict(
            self.env["helpdesk.ticket"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        for event in self.filtered("manual_log"):
            if not event.log_group_ids:
                raise ValidationError(
                    self.env._(
                        "Say which groups log “%(event)s” by hand.", event=event.name
                    )
                )
            unknown = [
                state for state in event._log_state_list() if state not in states
            ]
            if unknown:
                raise ValidationError(
                    self.env._(
                        "“%(event)s” names unknown appeal states: %(unknown)s. Known: "
                        "%(known)s.",
                        event=event.name,
                        unknown=", ".join(unknown),
                        known=", ".join(states),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _id_by_code
        return super().create(vals_list)

    @api.model
    def _by_code(self, code):
        event_type = self.browse(self._id_by_code(code))
        if not event_type:
            raise UserError(self.env._("Unknown appeal event “%(code)s”.", code=code))
        return event_type

    @tools.ormcache("code")
    def _id_by_code(self, code):
        return self.sudo().search([("code", "=", code)], limit=1).id

    @api.model
    def _ending_codes(self):
        """Codes of the events that close or withdraw an appeal."""
        return frozenset(
            self.sudo().search([("ends_appeal", "=", True)]).mapped("code")
        )

    def _log_state_list(self):
        self.ensure_one()
        return [
            state
            for state in (self.log_states or "").replace(" ", "").split(",")
            if state
        ]

    def _loggable_by(self, user):
        """The event types of ``self`` that ``user``'s groups may log by hand."""
        groups = user.all_group_ids
        return self.filtered(
            lambda event: event.manual_log and event.log_group_ids & groups
        )

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from ..deadline_arithmetic import MilestoneSpec
from .stored_domain import parse_stored_domain

UNITS = [
    ("minutes", "Minutes"),
    ("clock_hours", "Clock Hours"),
    ("working_hours", "Working Hours"),
    ("working_days", "Working Days"),
    ("calendar_days", "Calendar Days"),
]


class HelpdeskSlaMilestone(models.Model):
    """One clock of a policy: from a start event to a stop event within a duration."""

    _name = "helpdesk.sla.milestone"
    _description = "Deadline Milestone"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "helpdesk.sla.policy",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Stable key, e.g. for reports and deductions.")
    sequence = fields.Integer(default=10)
    rule_ref = fields.Char(
        string="Rule", help="The rule this milestone implements, e.g. R000-07."
    )
    start_event_id = fields.Many2one(
        "helpdesk.sla.event", string="Starts At", required=True, ondelete="restrict"
    )
    stop_event_ids = fields.Many2many(
        "helpdesk.sla.event",
        "helpdesk_sla_milestone_stop_event_rel",
        string="Stops At",
        required=True,
        help="The first of these events after the start stops the clock.",
    )
    cancel_event_ids = fields.Many2many(
        "helpdesk.sla.event",
        "helpdesk_sla_milestone_cancel_event_rel",
        string="Not Needed After",
        help="The milestone no longer applies once one of these happens before it "
        "stops (e.g. an appeal answered on the spot needs no leader instruction).",
    )
    duration = fields.Float(required=True, digits=(16, 2))
    unit = fields.Selection(UNITS, required=True, default="working_days")
    counting = fields.Selection(
        [("event", "From the Event"), ("next_day", "From the Next Day")],
        required=True,
        default="event",
        help="From the next day: the start day is not counted and the period ends at "
        "the close of the last day (C-03).",
    )
    warning_lead = fields.Float(
        digits=(16, 3),  # R000-12's 0.125 working day
        help="Warn this long before the deadline, in the milestone's unit.",
    )
    applies_domain = fields.Char(
        string="Applies To",
        default="[]",
        help="Only appeals matching this domain get the milestone.",
    )
    restart_event_ids = fields.Many2many(
        "helpdesk.sla.event",
        "helpdesk_sla_milestone_restart_event_rel",
        string="Also Runs Again At",
        help="For a recurring milestone: besides its start event, these events start a "
        "new run once the previous one ended, e.g. a redo sends the appeal back to the "
        "department.",
    )
    recurring = fields.Boolean(
        string="Every Run",
        help="Starts again at each start event after the previous run stopped or was "
        "cancelled, e.g. acceptance after every dispatch, a callback after every "
        "completion.",
    )
    conditional = fields.Boolean(
        string="Only If It Stops",
        help="Counted only when its stop event happens, e.g. a hand-back within 2 "
        "hours.",
    )
    platform_override = fields.Boolean(
        string="Platform Deadline Overrides",
        help="A platform deadline on the appeal replaces this milestone's deadline "
        "(R000-08, R002-19).",
    )
    end_outcome = fields.Selection(
        [
            ("cancelled", "Not Needed"),
            ("breached", "Breached"),
            ("runs_on", "Keeps Running"),
        ],
        string="When the Appeal Ends First",
        required=True,
        default="cancelled",
        help="What a run whose stop event has not come becomes when the appeal is "
        "closed or withdrawn. Not needed: the step no longer applies; breached: the "
        "appeal should not have ended without it; keeps running: the clock belongs to "
        "a process that outlives the appeal (the HR investigation). A deadline that "
        "had already passed when the appeal ended stays breached.",
    )
    pause_stage_ids = fields.Many2many(
        "helpdesk.ticket.stage",
        string="Paused In Stages",
        help="The clock stops in these stages.",
    )
    owner = fields.Selection(
        [
            ("department", "Handling Department"),
            ("office", "Response Office"),
            ("appraisal", "Appraisal Officers"),
        ],
        required=True,
        default="department",
        help="Who gets the warning activity.",
    )
    extension_approver_group_id = fields.Many2one(
        "res.groups",
        string="Extension Approved By",
        help="Members of this group approve extension requests; empty: no extension.",
    )
    extension_cap = fields.Float(
        digits=(16, 2),
        help="Latest extended deadline, counted from the milestone's start; 0: no cap.",
    )
    extension_cap_unit = fields.Selection(UNITS, default="calendar_days")
    extension_before_deadline = fields.Boolean(
        default=True, help="An extension must be requested before the deadline passes."
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # the appeals' deadline trigger fields
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.constrains("duration", "warning_lead", "extension_cap")
    def _check_durations(self):
        for milestone in self:
            if milestone.duration <= 0:
                raise ValidationError(
                    self.env._(
                        "Milestone %(name)s needs a positive duration.",
                        name=milestone.name,
                    )
                )
            if milestone.warning_lead < 0 or milestone.extension_cap < 0:
                raise ValidationError(
                    self.env._(
                        "Warning lead and extension cap of milestone %(name)s cannot "
                        "be negative.",
                        name=milestone.name,
                    )
                )

    @api.constrains("applies_domain")
    def _check_applies_domain(self):
        Ticket = self.env["helpdesk.ticket"]
        for milestone in self:
            try:
                parse_stored_domain(Ticket, milestone.applies_domain)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Milestone %(name)s: “%(domain)s” is not a valid filter of "
                        "appeals (%(problem)s).",
                        name=milestone.name,
                        domain=milestone.applies_domain,
                        problem=error,
                    )
                ) from error

    def _applies_domain(self):
        """The appeals this milestone applies to, as a domain list (empty: all)."""
        self.ensure_one()
        return safe_eval(self.applies_domain or "[]")

    def _deadline_spec(self):
        """This milestone as plain values for ``deadline_arithmetic``."""
        self.ensure_one()
        return MilestoneSpec(
            self.id,
            self.sequence,
            self.start_event_id.code,
            frozenset(self.stop_event_ids.mapped("code")),
            frozenset(self.cancel_event_ids.mapped("code")),
            self.duration,
            self.unit,
            self.counting,
            self.warning_lead,
            self.conditional,
            self.platform_override,
            frozenset(self.pause_stage_ids.ids),
            self.recurring,
            frozenset(self.restart_event_ids.mapped("code")),
            self.end_outcome,
        )

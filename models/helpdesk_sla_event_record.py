from odoo import fields, models


class HelpdeskSlaEvent(models.Model):
    """Facts logged by hand that are records of the handling, not clocks (R002-10,
    R002-11): listed in Log Event under the presets named, whatever the policy uses."""

    _inherit = "helpdesk.sla.event"

    log_preset_ids = fields.Many2many(
        "helpdesk.complaint.preset",
        "helpdesk_sla_event_log_preset_rel",
        "event_id",
        "preset_id",
        string="Always Logged Under",
        help="Appeals of companies under these presets list the event in Log Event "
        "even when their deadline policy does not use it.",
    )
    log_note_required = fields.Boolean(
        string="Asks a Note",
        help="The event cannot be logged without a short note of what was said or "
        "done.",
    )

from odoo import fields, models


class HelpdeskComplaintPreset(models.Model):
    """What the preset says about the heating scheme's records (seed 003)."""

    _inherit = "helpdesk.complaint.preset"

    # --- R003-07, R003-08: handling-authority tiers, escalation of overdue problems ---
    authority_tier_ids = fields.One2many(
        "helpdesk.authority.tier", "preset_id", string="Handling-Authority Tiers"
    )
    escalation_milestone_ids = fields.Many2many(
        "helpdesk.sla.milestone",
        "helpdesk_preset_escalation_milestone_rel",
        string="Escalate When Missed",
        help="A problem still not solved when one of these deadlines has passed moves "
        "up one handling-authority tier (R003-08).",
    )
    escalation_grace_hours = fields.Float(
        string="Escalation Grace (Hours)",
        help="Clock hours after the missed deadline before the problem moves up "
        "(R003-08: 0).",
    )
    # --- R003-09: archive retention ---
    archive_retention_ids = fields.One2many("helpdesk.archive.retention", "preset_id")
    # --- R003-25: who marks a case complex ---
    complex_reason_required = fields.Boolean(
        string="Complex Cases Need a Reason",
        help="An appeal of a complex-problem category names why it is complex, from "
        "the list of reasons (R003-25).",
    )
    type_change_supervised = fields.Boolean(
        string="Type Changes Need a Supervisor",
        help="Once dispatched, only a leader or a complaint manager changes an "
        "appeal's nature or makes it complex or not; the change is logged and the "
        "deadlines count again from the receipt (R003-25).",
    )
    # --- R003-43: special tasks ---
    task_quality_standard = fields.Float(
        string="Special Task Quality Standard",
        digits=(16, 2),
        help="Proposed for a new special task; each task keeps its own (R003-43: the "
        "source's threshold is cut off).",
    )
    task_quality_points = fields.Float(
        string="Special Task Points Below Standard",
        digits=(16, 2),
        help="Proposed for a new special task; each task keeps its own (R003-43).",
    )

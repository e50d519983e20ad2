from odoo import fields, models


class HelpdeskComplaintPreset(models.Model):
    """What managers read under a preset: the targets and the optional reporting
    features of seed 004 (RULES.md §6, all off by default). Satisfaction is measured as
    the preset's scorecard defines it (``helpdesk.complaint.rates``)."""

    _inherit = "helpdesk.complaint.preset"

    # --- Seed 004 reporting features (toggles, off by default) ---
    feature_daily_monitor = fields.Boolean(
        string="Daily Monitor, Weekly Circular, Monthly Analysis",
        help="A daily monitor of new, overdue and unsatisfied appeals with the service "
        "deputy GM's sign-off of every unsatisfied one, a weekly circular and a "
        "monthly analysis (R004-01, R004-08).",
    )
    feature_joint_analysis = fields.Boolean(
        string="Joint Analysis",
        help="A working group reviews the month's complaints by category, root cause "
        "and department and keeps a register of measures (R004-04).",
    )
    feature_outage_frequency = fields.Boolean(
        string="Planned-Outage Frequency",
        help="Planned outages per area; an area with too many in a window is flagged "
        "so that works are combined into one outage (R004-06).",
    )
    outage_frequency_limit = fields.Integer(
        string="Planned Outages Allowed per Area",
        default=2,
        help="More planned outages than this in the window flag the area (R004-06; the "
        "source gives no number).",
    )
    outage_frequency_days = fields.Integer(
        string="Planned-Outage Window (days)", default=30
    )
    feature_hot_spots = fields.Boolean(
        string="Complaint Hot Spots",
        help="Areas ranked by complaints, for priority in improvement works; "
        "preventive visits are logged (R004-07).",
    )
    hot_spot_count = fields.Integer(
        string="Hot Spots Listed", default=10, help="Areas listed in the ranking."
    )
    feature_targets = fields.Boolean(
        string="Targets and Completion Rates",
        help="On-time and correct completion rates (R004-14) and the gap of the "
        "callback, on-time reply, completion and satisfaction rates to their targets "
        "(R004-17).",
    )
    target_callback_rate = fields.Float(default=100.0, digits=(16, 2))
    target_on_time_rate = fields.Float(
        string="Target On-time Reply Rate", default=100.0, digits=(16, 2)
    )
    target_completion_rate = fields.Float(default=100.0, digits=(16, 2))
    target_satisfaction_rate = fields.Float(default=100.0, digits=(16, 2))

    _report_numbers_positive = models.Constraint(
        "CHECK(outage_frequency_limit >= 0 AND outage_frequency_days > 0 "
        "AND hot_spot_count > 0)",
        "Outage and hot-spot numbers must be positive.",
    )
    _targets_are_percentages = models.Constraint(
        "CHECK(target_callback_rate BETWEEN 0 AND 100 "
        "AND target_on_time_rate BETWEEN 0 AND 100 "
        "AND target_completion_rate BETWEEN 0 AND 100 "
        "AND target_satisfaction_rate BETWEEN 0 AND 100)",
        "Targets are percentages between 0 and 100.",
    )

from odoo import fields, models


class HelpdeskComplaintPreset(models.Model):
    """What the preset says about the monthly appraisal."""

    _inherit = "helpdesk.complaint.preset"

    scorecard_template_ids = fields.One2many(
        "helpdesk.scorecard.template",
        "preset_id",
        string="Scorecards",
        domain=[("is_sandbox", "=", False)],
    )
    satisfaction_report_day = fields.Integer(
        help="Day of the month the response office reports the previous month's "
        "satisfaction figures to HR by (R000-50: the 28th); 0: no report.",
    )
    satisfaction_report_day_february = fields.Integer(
        string="Satisfaction Report Day in February",
        help="The same day in February (R000-50: the 26th).",
    )
    satisfaction_report_rest_day = fields.Selection(
        [
            ("keep", "Stays on Its Calendar Date"),
            ("previous_working_day", "Moves to the Previous Working Day"),
        ],
        string="Report Due on a Rest Day",
        default="keep",
        required=True,
    )

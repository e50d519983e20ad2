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

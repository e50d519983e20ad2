from odoo import fields, models


class HelpdeskServiceInspectionItem(models.Model):
    """What an unannounced inspection scores (R001-05): appearance, attitude, on-site
    timeliness, phone answering, post standards; per preset, editable."""

    _name = "helpdesk.service.inspection.item"
    _description = "Inspection Item"
    _order = "preset_id, sequence, id"

    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    max_score = fields.Float(digits=(16, 2), required=True)

    _preset_code_uniq = models.Constraint(
        "UNIQUE(preset_id, code)", "A preset has each inspection item once."
    )
    _max_score_positive = models.Constraint(
        "CHECK(max_score > 0)", "An inspection item needs a positive maximum score."
    )

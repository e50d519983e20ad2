from odoo import fields, models


class HelpdeskScorecardDimension(models.Model):
    """A group of items with its points, e.g. "Problem handling (40)" (R003-03)."""

    _name = "helpdesk.scorecard.dimension"
    _description = "Scorecard Dimension"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "helpdesk.scorecard.template", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    weight = fields.Float(digits=(16, 2), help="The points of the dimension's items.")
    item_ids = fields.One2many("helpdesk.scorecard.item", "dimension_id")

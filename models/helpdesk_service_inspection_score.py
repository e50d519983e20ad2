from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskServiceInspectionScore(models.Model):
    """The score one inspection gave one item (R001-05)."""

    _name = "helpdesk.service.inspection.score"
    _description = "Inspection Item Score"
    _order = "inspection_id, sequence, id"

    inspection_id = fields.Many2one(
        "helpdesk.service.inspection", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True)
    item_id = fields.Many2one("helpdesk.service.inspection.item", required=True)
    sequence = fields.Integer(related="item_id.sequence", store=True)
    max_score = fields.Float(related="item_id.max_score")
    score = fields.Float(digits=(16, 2))

    _item_once = models.Constraint(
        "UNIQUE(inspection_id, item_id)", "An inspection scores each item once."
    )

    @api.constrains("score", "item_id")
    def _check_score(self):
        for line in self:
            if not 0 <= line.score <= line.item_id.max_score:
                raise ValidationError(
                    self.env._(
                        "%(item)s is scored from 0 to %(max)s.",
                        item=line.item_id.name,
                        max=line.item_id.max_score,
                    )
                )

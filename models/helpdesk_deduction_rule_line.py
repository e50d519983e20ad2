from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_deduction_rule import PARTIES, SEVERITIES


class HelpdeskDeductionRuleLine(models.Model):
    """Points of one liable party under a rule, for one severity or band."""

    _name = "helpdesk.deduction.rule.line"
    _description = "Deduction Rule Points"
    _order = "rule_id, sequence, id"

    rule_id = fields.Many2one(
        "helpdesk.deduction.rule", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    party = fields.Selection(PARTIES, required=True, default="responsible_department")
    severity = fields.Selection(SEVERITIES, help="Empty: whatever the severity.")
    quantity_min = fields.Float(
        digits=(16, 2),
        help="Applies from this quantity on (days overdue, ordinal ...); 0: no "
        "minimum.",
    )
    quantity_max = fields.Float(
        digits=(16, 2), help="Applies up to this quantity included; 0: no maximum."
    )
    points_min = fields.Float(string="Points From", digits=(16, 2), required=True)
    points_max = fields.Float(string="Points To", digits=(16, 2), required=True)

    @api.constrains("points_min", "points_max", "quantity_min", "quantity_max")
    def _check_ranges(self):
        for line in self:
            if line.points_min < 0 or line.points_max < line.points_min:
                raise ValidationError(
                    self.env._(
                        "Rule %(code)s: points must run from a lower to a higher "
                        "number.",
                        code=line.rule_id.code,
                    )
                )
            if line.quantity_max and line.quantity_max < line.quantity_min:
                raise ValidationError(
                    self.env._(
                        "Rule %(code)s: the band's upper bound is below its lower "
                        "bound.",
                        code=line.rule_id.code,
                    )
                )

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

OPERATORS = {
    ">=": lambda cmp: cmp >= 0,
    ">": lambda cmp: cmp > 0,
    "<=": lambda cmp: cmp <= 0,
    "<": lambda cmp: cmp < 0,
    "=": lambda cmp: cmp == 0,
}


class HelpdeskScorecardTier(models.Model):
    """Points earned or lost when the item's value is on one side of a mark, e.g. +2
    at a resolution rate of 95% or more and +3 at 100% (R003-31), or −2 once channels
    failed twice (R003-16). The highest bonus tier reached counts; deduction tiers add
    up. A tier on a term compares that term's count instead of the item's value, e.g.
    no training held in the quarter (R003-14)."""

    _name = "helpdesk.scorecard.tier"
    _description = "Scorecard Tier"
    _order = "item_id, sequence, id"

    item_id = fields.Many2one(
        "helpdesk.scorecard.item", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("bonus", "Bonus"), ("deduction", "Deduction")],
        required=True,
        default="bonus",
    )
    operator = fields.Selection(
        [(op, op) for op in OPERATORS], required=True, default=">="
    )
    term_id = fields.Many2one(
        "helpdesk.scorecard.term",
        string="Compares",
        domain="[('item_id', '=', item_id)]",
        ondelete="cascade",
        copy=False,
        help="Empty: the item's value; else this term's count (or sum), unweighted.",
    )
    value = fields.Float(string="Mark", digits=(16, 4), required=True)
    points = fields.Float(string="Tier Points", digits=(16, 2), required=True)

    _points_positive = models.Constraint(
        "CHECK(points >= 0)", "A tier's points cannot be negative."
    )

    @api.constrains("term_id", "item_id")
    def _check_term(self):
        for tier in self.filtered("term_id"):
            if tier.term_id.item_id != tier.item_id:
                raise ValidationError(
                    self.env._(
                        "A tier of %(item)s compares a term of another item.",
                        item=tier.item_id.code,
                    )
                )

    def _matches(self, value):
        self.ensure_one()
        return OPERATORS[self.operator](
            float_compare(value, self.value, precision_digits=6)
        )

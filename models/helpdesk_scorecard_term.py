from odoo import api, fields, models


class HelpdeskScorecardTerm(models.Model):
    """A part of a rate's numerator, or of a count: the records matching the filter
    count with the weight, e.g. satisfied 1 and basically satisfied 0.6 (R003-38), or
    add up one of their numbers, e.g. a special task's days late (R003-43). A term of
    weight 0 only counts, for a tier to compare (R003-16: failures in the month)."""

    _name = "helpdesk.scorecard.term"
    _description = "Scorecard Numerator Term"
    _order = "item_id, sequence, id"

    item_id = fields.Many2one(
        "helpdesk.scorecard.item", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    domain = fields.Char(required=True, default="[]")
    weight = fields.Float(digits=(16, 4), default=1.0, required=True)
    value_field = fields.Char(
        string="Add Up",
        help="Add up this numeric field of the matching records instead of counting "
        "them, e.g. days_late.",
    )

    @api.constrains("domain", "value_field")
    def _check_domain(self):
        for term in self:
            term.item_id._check_domain_text(term.domain)
            term.item_id._check_number_field(term.value_field)

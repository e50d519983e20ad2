from odoo import api, fields, models


class HelpdeskScorecardTerm(models.Model):
    """A part of a rate's numerator: the records matching the filter count with the
    weight, e.g. satisfied 1 and basically satisfied 0.6 (R003-38)."""

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

    @api.constrains("domain")
    def _check_domain(self):
        for term in self:
            term.item_id._check_domain_text(term.domain)

from odoo import fields, models


class HelpdeskComplaintPreset(models.Model):
    """A rule set a company runs its complaint desk under (RULES.md §7).

    The seeds come from different organisations and disagree on numbers, so policy records
    (deadlines, deduction tables, scorecards) hang off a preset instead of being merged.
    """

    _name = "helpdesk.complaint.preset"
    _description = "Complaint Rule Preset"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable technical key of the preset.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    source_document = fields.Char(
        translate=True, help="The policy document the preset transcribes."
    )
    description = fields.Text(translate=True)
    company_ids = fields.One2many(
        "res.company", "complaint_preset_id", string="Companies Using It"
    )

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Each complaint preset needs its own code."
    )

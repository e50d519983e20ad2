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

    # How appeals move through the workflow under this preset.
    leader_instruction_required = fields.Boolean(
        help="Appeals not answered on the spot go to the supervising leader for written "
        "instructions before they are dispatched (R000-05)."
    )
    signed_report_required = fields.Boolean(
        help="Department reports carry the scan of the signed paper and the electronic text (R000-22)."
    )
    dedicated_handler_required = fields.Boolean(
        help="Dispatch only to units that named a dedicated handler (R002-03)."
    )
    callback_max_attempts = fields.Integer(
        default=3,
        help="Failed callback attempts after which the customer counts as unreachable (R002-21).",
    )
    repeat_window_days = fields.Integer(
        default=30,
        help="A complaint by the same customer in the same category within this many "
        "calendar days is a repeat (R003-32).",
    )
    repeat_warning_count = fields.Integer(
        default=3,
        help="This many appeals of one customer and category within the window raise an "
        "early warning to the department (R000-76).",
    )
    supervision_redo_limit = fields.Integer(
        default=2,
        help="More redos than this put an appeal under written supervision (R002-43).",
    )
    supervision_repeat_limit = fields.Integer(
        default=2,
        help="More complaints on the same issue than this put an appeal under written "
        "supervision (R002-43).",
    )

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Each complaint preset needs its own code."
    )

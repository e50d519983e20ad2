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

    # --- Repeats, early warnings and supervision orders (R003-32, R000-76, R002-43) ---
    repeat_nature_ids = fields.Many2many(
        "helpdesk.ticket.nature",
        "helpdesk_complaint_preset_repeat_nature_rel",
        "preset_id",
        "nature_id",
        string="Natures Counted as Repeats",
        help="Only appeals of these natures are linked as repeats of one another (R003-32 "
        "speaks of complaints). Empty: appeals of every nature.",
    )
    warning_response_days = fields.Integer(
        default=7,
        help="Calendar days a department has to answer an early warning with its "
        "rectification measures (R000-76). A suggested value: the rule gives no number.",
    )
    supervision_default_days = fields.Integer(
        default=2,
        help="Working days proposed as the deadline of a supervision order raised by a "
        "trigger; the office can change the deadline of each notice (R002-43).",
    )

    _supervision_numbers_positive = models.Constraint(
        "CHECK(repeat_window_days >= 0 AND repeat_warning_count >= 0 "
        "AND supervision_redo_limit >= 0 AND supervision_repeat_limit >= 0 "
        "AND warning_response_days >= 0)",
        "Repeat, warning and supervision numbers cannot be negative.",
    )
    _supervision_default_days_positive = models.Constraint(
        "CHECK(supervision_default_days > 0)",
        "A supervision order needs at least one working day to respond.",
    )
    # --- end of repeats, early warnings and supervision orders ---

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Each complaint preset needs its own code."
    )

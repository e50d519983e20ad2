from odoo import fields, models


class HelpdeskComplaintPreset(models.Model):
    """A rule set a company runs its complaint desk under (RULES.md §7).

    The seeds come from different organisations and disagree on numbers, so policy
    records (deadlines, deduction tables, scorecards) hang off a preset instead of being
    merged.
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
        help="Appeals not answered on the spot go to the supervising leader for "
        "written instructions before they are dispatched (R000-05)."
    )
    signed_report_required = fields.Boolean(
        help="Department reports carry the scan of the signed paper and the electronic "
        "text (R000-22)."
    )
    dedicated_handler_required = fields.Boolean(
        help="Dispatch only to units that named a dedicated handler (R002-03)."
    )
    callback_max_attempts = fields.Integer(
        default=3,
        help="Failed callback attempts after which the customer counts as unreachable "
        "(R002-21).",
    )
    event_backdate_hours = fields.Float(
        string="Back-dating Limit (hours)",
        digits=(16, 2),
        help="An event logged by hand (contact made, arrival on site ...) may be given "
        "a time at most this many clock hours before it is logged, with the reason; "
        "0: only the moment of logging.",
    )
    repeat_window_days = fields.Integer(
        default=30,
        help="A complaint by the same customer in the same category within this many "
        "calendar days is a repeat (R003-32).",
    )
    repeat_warning_count = fields.Integer(
        default=3,
        help="This many appeals of one customer and category within the window raise "
        "an early warning to the department (R000-76).",
    )
    contest_working_days = fields.Integer(
        default=2,
        help="Working days a department has to contest a deduction in writing; after "
        "that liability stands (R001-29).",
    )
    same_type_window_days = fields.Integer(
        default=365,
        help="Complaints about the same type of event within this many days count as "
        "repeats that raise the deduction (R000-73).",
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

    # --- Masking of the complainant's data (R002-37) ---
    mask_name_keep = fields.Integer(
        string="Name: Characters Shown",
        default=1,
        help="Masked complainant names show this many leading characters (张**).",
    )
    mask_phone_keep_start = fields.Integer(
        string="Phone: Leading Digits Shown",
        default=3,
        help="Masked phones show this many leading digits (139****5678).",
    )
    mask_phone_keep_end = fields.Integer(
        string="Phone: Trailing Digits Shown",
        default=4,
        help="Masked phones show this many trailing digits (139****5678).",
    )
    mask_address_keep = fields.Integer(
        string="Address: Characters Shown",
        default=6,
        help="Masked addresses show this many leading characters.",
    )

    # --- Outages and water-quality incidents (R002-23, R002-26 to R002-36) ---
    # An incident keeps the numbers in force when it was registered (helpdesk.outage).
    outage_notice_hours = fields.Integer(
        string="Planned Outage Notice (hours)",
        help="A planned outage must be notified to the customer service center at "
        "least this many clock hours before it starts; a shorter notice is flagged as "
        "a breach (R002-27: 48 hours).",
    )
    unplanned_notice_warning_minutes = fields.Integer(
        string="Immediate Notice Warning (minutes)",
        help="An unplanned outage, and the restoration of any outage, must be reported "
        "to the customer service center at once (R002-28, R002-30). The source gives "
        "no number: a report more than this many minutes after the fact is flagged.",
    )
    hydrant_notice_lead_minutes = fields.Integer(
        string="Fire Hydrant Notice Lead (minutes)",
        help="A notice of drawing or discharging water at a public fire hydrant must "
        "be logged before the operation starts, at least this many minutes ahead "
        "(R002-23; the source gives no number, 0 = any time before the start).",
    )
    major_emergency_recipient_ids = fields.Many2many(
        "res.users",
        "helpdesk_complaint_preset_major_emergency_user_rel",
        "preset_id",
        "user_id",
        string="Major Emergency Recipients",
        domain=[("share", "=", False)],
        help="Notified at once when an appeal in a major-emergency category is linked "
        "to an outage or incident (R002-26).",
    )

    # --- Repeats, early warnings and supervision orders (R003-32, R000-76, R002-43) ---
    repeat_nature_ids = fields.Many2many(
        "helpdesk.ticket.nature",
        "helpdesk_complaint_preset_repeat_nature_rel",
        "preset_id",
        "nature_id",
        string="Natures Counted as Repeats",
        help="Only appeals of these natures are linked as repeats of one another "
        "(R003-32 speaks of complaints). Empty: appeals of every nature.",
    )
    warning_response_days = fields.Integer(
        default=7,
        help="Calendar days a department has to answer an early warning with its "
        "rectification measures (R000-76). A suggested value: the rule gives no "
        "number.",
    )
    supervision_default_days = fields.Integer(
        default=2,
        help="Working days proposed as the deadline of a supervision order raised by a "
        "trigger; the office can change the deadline of each notice (R002-43).",
    )

    commitment_stall_days = fields.Integer(
        default=7,
        help="Calendar days without a progress entry after which an open commitment to "
        "the customer puts the appeal under written supervision (R002-43).",
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
    _commitment_stall_days_positive = models.Constraint(
        "CHECK(commitment_stall_days > 0)",
        "A commitment needs at least one day before it counts as stalled.",
    )
    # --- end of repeats, early warnings and supervision orders ---

    _mask_widths_positive = models.Constraint(
        "CHECK(mask_name_keep >= 0 AND mask_phone_keep_start >= 0 "
        "AND mask_phone_keep_end >= 0 AND mask_address_keep >= 0)",
        "The characters shown of masked complainant data cannot be negative.",
    )
    _event_backdate_hours_positive = models.Constraint(
        "CHECK(event_backdate_hours >= 0)",
        "The back-dating limit of logged events cannot be negative.",
    )
    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Each complaint preset needs its own code."
    )

from odoo import fields, models


class HelpdeskComplaintPreset(models.Model):
    """Seed 001's numbers for people: exams, service stars, the bonus rule, the zero
    targets, and seed 004's toggles for money (R001-01, R001-04, R001-18, R001-20 to
    R001-25, R004-15, R004-18). Money penalties themselves are rows of the preset's
    penalty table (helpdesk.penalty.rule)."""

    _inherit = "helpdesk.complaint.preset"

    penalty_rule_ids = fields.One2many(
        "helpdesk.penalty.rule", "preset_id", string="Penalty Table"
    )
    bonus_factor_mode = fields.Selection(
        [("lowest", "Lowest Factor Applies"), ("multiply", "Factors Multiply")],
        string="Bonus Factors",
        default="lowest",
        required=True,
        help="Several rules can pay a person's annual bonus at 80%: the lowest factor "
        "applies once (R001-18), or the factors multiply.",
    )
    exam_pass_score = fields.Float(
        digits=(16, 2),
        help="Score that passes the service exam; a failed make-up exam caps the "
        "month's rating (R001-04, R001-09). The source gives no number.",
    )
    service_conduct_rule_id = fields.Many2one(
        "helpdesk.deduction.rule",
        string="Service-Conduct Points",
        domain="[('preset_id', '=', id)]",
        help="Deduction rule whose points a confirmed service-attitude complaint costs "
        "the department in its monthly appraisal (R001-08). Empty: no points.",
    )
    zero_attitude_target = fields.Integer(
        string="Service-Attitude Complaints Target",
        help="Confirmed service-attitude complaints a department may have in a month "
        "(R001-01: zero).",
    )
    zero_connection_target = fields.Integer(
        string="Connection Bad Reviews Target",
        help="Unsatisfied reviews of water-connection applications a department may "
        "have in a month (R001-01: zero).",
    )
    connection_category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        "helpdesk_complaint_preset_connection_category_rel",
        "preset_id",
        "category_id",
        string="Water-Connection Categories",
        help="Appeals in these categories (and below) are water-connection "
        "applications whose unsatisfied reviews count against the zero-bad-review "
        "target (R001-01).",
    )

    # --- Service stars (R001-20 to R001-25) ---
    star_quota_percent = fields.Float(
        string="Star Quota (%)",
        digits=(16, 2),
        help="A department nominates at most this share of its service-post headcount "
        "(R001-20, R001-21, R001-22: 20%).",
    )
    star_quota_rounding = fields.Selection(
        [
            ("floor", "Round Down"),
            ("half_up", "Round Half Up"),
            ("at_least_one", "Round Down, at Least One"),
        ],
        default="floor",
        required=True,
        help="How the quota is rounded to whole people (R001-23: down).",
    )
    star_manager_pool_min = fields.Integer(
        string="Separate Manager Pool From",
        help="A department with at least this many section-level managers selects "
        "their stars in a pool of their own (R001-22: 5).",
    )
    star_quarter_months = fields.Integer(
        string="Quarterly Star Clean Months",
        help="Consecutive months without a confirmed complaint, inspection finding or "
        "dispute that a quarterly star needs (R001-20: 3, the months of the quarter).",
    )
    star_year_months = fields.Integer(
        string="Annual Star Clean Months",
        help="Consecutive months within the year that an annual star needs "
        "(R001-21: 6).",
    )
    star_amount_quarter_high = fields.Integer(
        string="Quarterly Star, Higher Tier (yuan)",
        help="Customer representatives, area managers and section-level managers "
        "(R001-20, R001-22: 1000).",
    )
    star_amount_quarter_other = fields.Integer(
        string="Quarterly Star, Other Posts (yuan)", help="R001-20: 500."
    )
    star_amount_year_high = fields.Integer(
        string="Annual Star, Higher Tier (yuan)", help="R001-21, R001-22: 2000."
    )
    star_amount_year_other = fields.Integer(
        string="Annual Star, Other Posts (yuan)", help="R001-21: 1000."
    )
    excellent_star_scope = fields.Selection(
        [("annual", "That Year's Annual Star"), ("any", "Any Star in the Year")],
        string="Excellent Needs",
        default="annual",
        required=True,
        help="Service-post staff are rated excellent for a year only with this star "
        "(R001-25).",
    )

    # --- Seed 004 toggles (R004-15, R004-18) ---
    major_complaint_veto = fields.Boolean(
        help="A confirmed major service complaint vetoes its department's appraisal "
        "for the month: lowest rating, no excellence or collective award (R004-15).",
    )
    linked_money = fields.Boolean(
        string="Linked Money Penalties",
        help="Over-level and company-liability complaints also charge the supervising "
        "leader and the professional line a share of the money penalty (R004-18).",
    )

    _star_numbers_positive = models.Constraint(
        "CHECK(star_quota_percent >= 0 AND star_quota_percent <= 100 "
        "AND star_manager_pool_min >= 0 AND star_quarter_months >= 0 "
        "AND star_year_months >= 0 AND star_year_months <= 12)",
        "Star quota, pool size and months must be within their ranges.",
    )

import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round
from odoo.tools.safe_eval import safe_eval

from .helpdesk_deduction_rule import TABLES

MEASURES = [
    ("ledger", "Ledger Lines"),
    ("rate", "Rate"),
    ("records", "Records"),
    ("manual", "Score Entered by HR"),
]


class HelpdeskScorecardItem(models.Model):
    """One line of a scorecard: a code (the rule ID), its points, how it is measured.

    The measure is data, so a new kind of record plugs in without code:

    - ``ledger``: confirmed ledger lines of the unit in the period, of the item's rules
      or of a whole table (lines a rule of another item claims excepted);
    - ``rate``: 100 × Σ(weight × records matching a term) ÷ records, over any model,
      with the period on a date field and the unit on a field path;
    - ``records``: Σ(weight × records matching a term), or the number (or the sum of a
      field) of records, on the same footing;
    - ``manual``: a score HR enters per unit and period.

    A value turns into points by a threshold, a step and points per step (C-06), and
    tiers that add deductions or bonuses. An item scores its weight minus its
    deductions, not below its floor, plus its bonuses up to the cap (R003-04).
    """

    _name = "helpdesk.scorecard.item"
    _description = "Scorecard Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "helpdesk.scorecard.template", required=True, index=True, ondelete="cascade"
    )
    preset_id = fields.Many2one(related="template_id.preset_id")
    dimension_id = fields.Many2one(
        "helpdesk.scorecard.dimension",
        domain="[('template_id', '=', template_id)]",
        ondelete="restrict",
    )
    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="The rule it transcribes, e.g. R003-39.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    weight = fields.Float(
        digits=(16, 2), help="Points of the item; 0 for a pure deduction (C-08)."
    )
    floor_enabled = fields.Boolean(
        string="Has a Floor",
        default=True,
        help="Deductions stop at the floor (扣完为止, R003-04).",
    )
    floor = fields.Float(digits=(16, 2))
    bonus_cap = fields.Float(
        digits=(16, 2),
        help="Most bonus points the item can add, after the floor (R003-04, R003-31).",
    )
    # Cycles: R003-14 is assessed in a quarter's last month and scores full otherwise.
    in_month = fields.Selection(
        [
            ("all", "Every Month"),
            ("quarter_end", "Last Month of a Quarter"),
            ("never", "Never"),
        ],
        string="Assessed in Months",
        default="all",
        required=True,
    )
    in_quarter = fields.Boolean(string="Assessed in Quarters", default=True)
    in_year = fields.Boolean(string="Assessed in Years", default=True)
    window = fields.Selection(
        [
            ("period", "The Whole Period"),
            ("month", "Month by Month"),
            ("quarter", "Quarter by Quarter"),
        ],
        string="Measured Over",
        default="period",
        required=True,
        help="Month by month or quarter by quarter: each month or quarter of the "
        "period is measured on its own and the points are added up (R003-16 counts "
        "failures per month, R003-14 trainings per quarter); a month measured by "
        "quarter reads its quarter up to the month's end.",
    )

    measure = fields.Selection(
        MEASURES, string="Measured By", required=True, default="ledger"
    )
    # --- ledger ---
    rule_ids = fields.Many2many(
        "helpdesk.deduction.rule",
        string="Rules",
        domain="[('preset_id', '=', preset_id)]",
        help="Ledger lines of these rules (by code) count in the item.",
    )
    ledger_table = fields.Selection(
        TABLES,
        help="Ledger lines of this table count in the item, except the rules another "
        "item of the card names.",
    )
    # --- rate and records ---
    model_id = fields.Many2one(
        "ir.model",
        string="Records Of",
        ondelete="cascade",
        domain="[('transient', '=', False)]",
    )
    model_name = fields.Char(related="model_id.model", string="Model Name")
    date_field = fields.Char(
        help="The date or time that puts a record in the period, e.g. replied_at."
    )
    date_end_field = fields.Char(
        string="End Date Field",
        help="Records in force: a record counts in every period (or month, or quarter) "
        "it is in force at the end of: its date on or before the end, this date empty "
        "or after it, e.g. a unit's policy (R003-05).",
    )
    unit_field = fields.Char(
        default="department_id",
        help="The path to the appraised department, e.g. ticket_id.department_id.",
    )
    domain = fields.Char(
        default="[]",
        help="Records counted (the denominator of a rate). Besides the period and the "
        "company, which are added, it may use cutoff (the satisfaction report's "
        "submission, else now), period_start, period_end and company_id.",
    )
    value_field = fields.Char(
        help="Records: add up this numeric field instead of counting the records."
    )
    term_ids = fields.One2many(
        "helpdesk.scorecard.term",
        "item_id",
        string="Numerator",
        copy=True,
        help="A rate's numerator: records matching a term count with its weight.",
    )
    scope = fields.Selection(
        [("unit", "Per Unit"), ("company", "Whole Company")],
        default="unit",
        required=True,
        help="Whole company: one figure for the company, charged to the units below.",
    )
    charge_scope = fields.Selection(
        [
            ("all", "Every Appraised Unit"),
            ("with_records", "Units With Records in the Period"),
            ("below", "Units With Records Outside the Numerator"),
        ],
        default="below",
        help="Whole-company figures: the units its deduction is charged to (R000-53: "
        "the departments with unsatisfied appeals).",
    )
    charge_office = fields.Boolean(
        string="Charge the Response Office Too",
        help="The response office loses the points as well (R000-53).",
    )
    reported_to_hr = fields.Boolean(
        string="Reported to HR Monthly",
        help="The satisfaction rate the response office reports to HR every month "
        "(R000-50); the report's submission is the cut-off of the clearings counted "
        "(R000-51).",
    )
    ledger_rule_id = fields.Many2one(
        "helpdesk.deduction.rule",
        string="Written to the Ledger as",
        domain="[('preset_id', '=', preset_id), ('generator', '=', 'appraisal_rate')]",
        help="A monthly run writes the deduction into the ledger under this rule, with "
        "a key, so the ledger stays the one source and a rerun changes nothing.",
    )
    # --- turning a value into points (C-06) ---
    direction = fields.Selection(
        [
            ("none", "No Deduction"),
            ("below", "Below the Threshold"),
            ("above", "Above the Threshold"),
        ],
        string="Deduct When",
        default="none",
        required=True,
    )
    threshold = fields.Float(digits=(16, 4))
    step = fields.Float(
        digits=(16, 4), default=1.0, help="E.g. 1 percentage point, 5 points, 1 record."
    )
    points_per_step = fields.Float(digits=(16, 4))
    rounding = fields.Selection(
        [
            ("linear", "Linear (Pro Rata)"),
            ("floor", "Per Complete Step"),
            ("ceil", "Per Started Step"),
        ],
        default="linear",
        required=True,
        help="C-06: shortfalls per point are pro rata, rounded to 2 decimals.",
    )
    tier_ids = fields.One2many(
        "helpdesk.scorecard.tier", "item_id", string="Tiers", copy=True
    )

    _step_positive = models.Constraint(
        "CHECK(step > 0)", "The step of a scorecard item must be positive."
    )

    @api.constrains(
        "measure", "model_id", "date_field", "date_end_field", "unit_field", "domain"
    )
    def _check_measure(self):
        for item in self.filtered(lambda item: item.measure in ("rate", "records")):
            model = item.model_id and self.env.get(item.model_id.model)
            if model is None or not item.date_field or not item.unit_field:
                raise ValidationError(
                    self.env._(
                        "Item %(code)s: a rate or a count needs the records' model, "
                        "their date field and the path to the unit.",
                        code=item.code,
                    )
                )
            for name in filter(None, (item.date_field, item.date_end_field)):
                date = model._fields.get(name)
                if not date or date.type not in ("date", "datetime") or not date.store:
                    raise ValidationError(
                        self.env._(
                            "Item %(code)s: %(field)s is not a stored date of "
                            "%(model)s.",
                            code=item.code,
                            field=name,
                            model=item.model_id.name,
                        )
                    )
            item._check_number_field(item.value_field)
            item._check_domain_text(item.domain)
        for item in self.filtered(lambda item: item.measure == "rate"):
            if not item.term_ids:
                raise ValidationError(
                    self.env._(
                        "Item %(code)s: a rate needs its numerator.", code=item.code
                    )
                )

    def _check_domain_text(self, text):
        try:
            domain = safe_eval(text or "[]", self._domain_placeholders())
            fields.Domain(domain).validate(self.env[self.model_id.model])
        except Exception as error:
            raise ValidationError(
                self.env._(
                    "Item %(code)s: %(domain)s is not a valid filter of %(model)s.",
                    code=self.code,
                    domain=text,
                    model=self.model_id.name,
                )
            ) from error

    def _check_number_field(self, name):
        """``name``, if given, is a stored number of the item's records."""
        if not name:
            return
        field = self.env[self.model_id.model]._fields.get(name)
        numeric = field and field.type in ("integer", "float", "monetary")
        if not numeric or not field.store:
            raise ValidationError(
                self.env._(
                    "Item %(code)s: %(field)s is not a stored number of %(model)s.",
                    code=self.code,
                    field=name,
                    model=self.model_id.name,
                )
            )

    def copy(self, default=None):
        """Tiers keep reading the copy's own terms."""
        items = super().copy(default)
        for origin, item in zip(self, items, strict=True):
            terms = dict(zip(origin.term_ids, item.term_ids, strict=True))
            for old, new in zip(origin.tier_ids, item.tier_ids, strict=True):
                if old.term_id:
                    new.term_id = terms[old.term_id]
        return items

    @api.model
    def _domain_placeholders(self):
        """Sample values of the variables a measure's filters may use."""
        return {
            "cutoff": "2000-01-01 00:00:00",
            "period_start": "2000-01-01",
            "period_end": "2000-01-31",
            "company_id": 0,
        }

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------

    def _assessed_in(self, period):
        """R003-14: whether the item is assessed in ``period``; otherwise it scores
        full."""
        self.ensure_one()
        if period.period_type == "quarter":
            return self.in_quarter
        if period.period_type == "year":
            return self.in_year
        if self.in_month == "quarter_end":
            return period.date_end.month % 3 == 0
        return self.in_month == "all"

    def _points(self, value, amounts=None):
        """(deduction, bonus) for a measured ``value``; None (nothing to measure) costs
        and earns nothing. A tier on a term compares that term's count (or sum) in
        ``amounts`` ({term id: amount}) instead of the value."""
        self.ensure_one()
        if value is None:
            return 0.0, 0.0
        gap = 0.0
        if self.direction == "below":
            gap = self.threshold - value
        elif self.direction == "above":
            gap = value - self.threshold
        steps = max(gap, 0.0) / self.step
        # Round first so 2.6 / 0.1 does not become 25.999... steps.
        steps = round(steps, 6)
        if self.rounding == "floor":
            steps = math.floor(steps)
        elif self.rounding == "ceil":
            steps = math.ceil(steps)
        deduction = steps * self.points_per_step
        bonus = 0.0
        for tier in self.tier_ids:
            mark = (amounts or {}).get(tier.term_id.id, 0.0) if tier.term_id else value
            if tier._matches(mark):
                if tier.kind == "bonus":
                    bonus = max(bonus, tier.points)
                else:
                    deduction += tier.points
        return float_round(deduction, 2), float_round(min(bonus, self.bonus_cap), 2)

    def _lost(self, deduction):
        """A measured value costs at most what the item has above its floor (R003-39:
        below 60 scores nothing, not less)."""
        self.ensure_one()
        if not self.floor_enabled:
            return deduction
        return float_round(min(deduction, max(self.weight - self.floor, 0.0)), 2)

    def _score(self, deduction, bonus):
        """R003-04: weight minus deductions, not below the floor, plus the bonus."""
        self.ensure_one()
        score = self.weight - deduction
        if self.floor_enabled:
            score = max(score, self.floor)
        return float_round(score + bonus, 2)

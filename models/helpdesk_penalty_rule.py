from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATINGS = [
    ("excellent", "Excellent"),
    ("competent", "Competent"),
    ("basically_competent", "Basically Competent"),
    ("incompetent", "Incompetent"),
]
RATING_RANK = {
    code: len(RATINGS) - index for index, (code, _label) in enumerate(RATINGS)
}
CASE_KINDS = [
    ("attitude", "Service-Attitude Complaint"),
    ("unsatisfied_12345", "12345 Unsatisfied Ticket"),
    ("live_stream", "Live-Stream Liability Complaint"),
    ("exposure", "Internal Inspection Exposure"),
]
SCOPES = [
    ("person", "Individual"),
    ("section", "Section"),
    ("department", "Department"),
]
PERIODS = [("month", "Month"), ("year", "Year")]
UNIT_FIELDS = {
    "person": "employee_id",
    "section": "section_id",
    "department": "department_id",
}


class HelpdeskPenaltyRule(models.Model):
    """One row of a preset's money table (seed 001 §3.2): what a confirmed case, or a
    count of them reaching a threshold, costs whom.

    A per-case rule charges each confirmed case attributed at its scope (the person;
    else the section; else the department: R001-11, R001-13, R001-14). A threshold rule
    counts the confirmed cases of a person, section or department in a month or year,
    per kind or all kinds together, and charges once per unit and period (R001-12,
    R001-15, R001-17); a months rule counts the months in which another rule was reached
    (R001-16). Effects are an amount, a bonus factor and a rating cap, never compounded
    (R001-18)."""

    _name = "helpdesk.penalty.rule"
    _description = "Penalty Rule"
    _order = "preset_id, sequence, id"
    _rec_names_search = ["code", "name"]

    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    code = fields.Char(required=True, help="The rule it transcribes, e.g. R001-11.")
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    trigger = fields.Selection(
        [
            ("per_case", "Each Confirmed Case"),
            ("threshold", "Cases Reach a Threshold"),
            ("months", "Months Reach a Threshold"),
            ("linked", "Share of a Case's Penalty"),
            ("veto", "Major Complaint Veto"),
            ("exam_failed", "Make-up Exam Failed"),
            ("exam_award", "Exam Excellence"),
        ],
        required=True,
        default="per_case",
    )
    scope = fields.Selection(
        SCOPES,
        default="person",
        required=True,
        help="Per case: the level the case is attributed to. Threshold: the unit whose "
        "cases are counted.",
    )
    period = fields.Selection(
        PERIODS,
        default="month",
        required=True,
        help="The period counted, and the period a rating cap holds for.",
    )
    count_attitude = fields.Boolean(string="Counts Service-Attitude Complaints")
    count_unsatisfied_12345 = fields.Boolean(string="Counts 12345 Unsatisfied Tickets")
    count_exposure = fields.Boolean(string="Counts Inspection Exposures")
    count_live_stream = fields.Boolean(string="Counts Live-Stream Complaints")
    combine_kinds = fields.Boolean(
        help="Count the kinds together; otherwise one kind alone must reach the "
        "threshold (R001-12's proposed reading)."
    )
    threshold = fields.Integer(
        help="Cases (or months) that trigger the rule; reaching it counts (C-05)."
    )
    basis_rule_id = fields.Many2one(
        "helpdesk.penalty.rule",
        string="Months Of",
        domain="[('preset_id', '=', preset_id), ('trigger', '=', 'threshold'), "
        "('period', '=', 'month')]",
        help="Months rule: the monthly rule whose months are counted (R001-16).",
    )
    recipient = fields.Selection(
        [
            ("person", "The Person"),
            ("section_head", "Section Head"),
            ("department_leaders", "Principal and Supervising Leader"),
            ("department_heads", "Party and Administrative Heads and Deputies"),
            ("supervising_leader", "Supervising Leader"),
            ("line_head", "Professional Line Head"),
            ("unit", "The Unit Itself"),
        ],
        default="person",
        required=True,
    )
    amount = fields.Integer(
        string="Amount (yuan)", help="Taken from each recipient's performance pay."
    )
    linked_percent = fields.Float(
        string="Share (%)",
        digits=(16, 2),
        help="Linked rule: this share of the case's money penalty (R004-18).",
    )
    bonus_factor = fields.Float(
        digits=(16, 2),
        help="The annual bonus is paid at this factor, e.g. 0.8; 0: no effect.",
    )
    rating_cap = fields.Selection(
        RATINGS,
        help="The highest rating the recipient can get for the period.",
    )
    outsourced_action = fields.Selection(
        [("same", "As for Staff"), ("dismissal", "Recommend Dismissal to the Vendor")],
        default="same",
        required=True,
        help="R001-12: outsourced staff are recommended for dismissal instead of a "
        "bonus line.",
    )
    recommend_cancel_collective = fields.Boolean(
        string="Recommend Cancelling Advanced Collective",
        help="Also record a recommendation to cancel the department's eligibility for "
        "the advanced collective award (R001-17).",
    )

    _preset_code_uniq = models.Constraint(
        "UNIQUE(preset_id, code)", "A preset has each penalty rule code once."
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"{rule.code} {rule.name}" if rule.code else rule.name

    @api.constrains("amount", "bonus_factor", "linked_percent", "threshold")
    def _check_numbers(self):
        for rule in self:
            if (
                rule.amount < 0
                or not 0 <= rule.bonus_factor <= 1
                or rule.linked_percent < 0
                or rule.threshold < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(code)s: amounts, shares and thresholds cannot be "
                        "negative, and a bonus factor lies between 0 and 1.",
                        code=rule.code,
                    )
                )
            if rule.trigger in ("threshold", "months") and rule.threshold < 1:
                raise ValidationError(
                    self.env._("Rule %(code)s needs a threshold.", code=rule.code)
                )

    def _kinds(self):
        self.ensure_one()
        return [
            kind
            for kind, counted in (
                ("attitude", self.count_attitude),
                ("unsatisfied_12345", self.count_unsatisfied_12345),
                ("exposure", self.count_exposure),
                ("live_stream", self.count_live_stream),
            )
            if counted
        ]

    def _recipients(self, department, section, employee):
        """The people a line of this rule is charged to; empty for the unit itself."""
        self.ensure_one()
        department, section = department.sudo(), section.sudo()
        if self.recipient == "person":
            return employee
        if self.recipient == "section_head":
            return section.manager_id
        if self.recipient == "department_leaders":
            return department.manager_id | department._supervising_leader_employee()
        if self.recipient == "department_heads":
            return (
                department.manager_id
                | department.party_secretary_id
                | department.deputy_employee_ids
            )
        if self.recipient == "supervising_leader":
            return department._supervising_leader_employee()
        if self.recipient == "line_head":
            return department.professional_line_head_id
        return employee.browse()

    def _line_values(self, key, department, section, recipient, **values):
        """A money line of this rule for ``recipient`` (empty: the unit itself)."""
        self.ensure_one()
        vals = {
            "rule_id": self.id,
            "department_id": department.id,
            "section_id": section.id,
            "employee_id": recipient.id,
            "scope": self.scope,
            "amount": -self.amount,
            "bonus_factor": self.bonus_factor,
            "rating_cap": self.rating_cap,
            "cap_period": self.period,
            "source_key": f"{self.code}:{key}:{recipient.id or 'unit'}",
            "reason": self.name,
        }
        if (
            recipient
            and self.outsourced_action == "dismissal"
            and recipient.sudo().is_outsourced
        ):
            # R001-12: the vendor is asked to dismiss; no bonus line, no rating.
            vals.update(
                {
                    "bonus_factor": 0.0,
                    "rating_cap": False,
                    "dismissal_recommended": True,
                }
            )
        vals.update(values)
        return vals

    # ------------------------------------------------------------------
    # Per case: proposed with the case, confirmed with it
    # ------------------------------------------------------------------

    @api.model
    def _case_line_values(self, case):
        """R001-11, R001-13, R001-14 (and R004-18): the lines one case costs."""
        preset = case.company_id.complaint_preset_id
        rules = self.sudo().search(
            [("preset_id", "=", preset.id), ("trigger", "in", ("per_case", "linked"))]
        )
        values, charged = [], 0
        for rule in rules.filtered(
            lambda rule: rule.trigger == "per_case" and rule.scope == case.level
        ):
            if case.kind not in rule._kinds():
                continue
            recipients = rule._recipients(
                case.department_id, case.section_id, case.employee_id
            )
            for recipient in recipients or [recipients]:
                values.append(
                    rule._line_values(
                        f"case:{case.id}",
                        case.department_id,
                        case.section_id,
                        recipient,
                        source="case",
                    )
                )
                charged += rule.amount
        if preset.linked_money and charged and case.is_linked_money:
            for rule in rules.filtered(lambda rule: rule.trigger == "linked"):
                recipients = rule._recipients(
                    case.department_id, case.section_id, case.employee_id
                )
                for recipient in recipients or [recipients]:
                    values.append(
                        rule._line_values(
                            f"case:{case.id}",
                            case.department_id,
                            case.section_id,
                            recipient,
                            source="linked",
                            amount=-round(charged * rule.linked_percent / 100),
                        )
                    )
        return values

    # ------------------------------------------------------------------
    # Thresholds: recomputed from the confirmed cases, each charged once
    # ------------------------------------------------------------------

    @api.model
    def _sync_thresholds(self, company, years):
        """Bring the threshold, months and veto lines of ``years`` in line with the
        confirmed cases. Idempotent: one line per rule, unit, period and recipient (its
        fact key); a threshold no longer reached cancels its lines (corrected in an open
        month when their month is locked)."""
        preset = company.complaint_preset_id
        if not preset or not years:
            return
        rules = self.sudo().search(
            [
                ("preset_id", "=", preset.id),
                ("trigger", "in", ("threshold", "months", "veto")),
            ],
            order="sequence, id",
        )
        if not preset.major_complaint_veto:
            rules = rules.filtered(lambda rule: rule.trigger != "veto")
        proposals, hits_of = {}, {}
        for rule in rules:
            hits_of[rule] = rule._hits(company, years, hits_of)
            for unit, period, year in hits_of[rule]:
                for vals in rule._hit_line_values(unit, period, year):
                    vals.update({"company_id": company.id, "year": year})
                    vals["period_id"] = period.id if period else False
                    proposals[vals["source_key"]] = vals
        Line = self.env["helpdesk.money.line"].sudo()
        existing = Line.search(
            [
                ("company_id", "=", company.id),
                ("source", "in", ("threshold", "veto")),
                ("year", "in", list(years)),
                ("state", "!=", "cancelled"),
                ("correction_of_id", "=", False),
                ("correction_ids", "=", False),
            ]
        )
        by_key = {line.source_key: line for line in existing}
        new = [vals for key, vals in proposals.items() if key not in by_key]
        if new:
            Line._create_confirmed(company, new)
        for key, line in by_key.items():
            if key not in proposals:
                line._cancel(self.env._("The threshold is no longer reached."))

    def _hits(self, company, years, hits_of):
        """(unit, month or empty, year) for which this rule is reached."""
        self.ensure_one()
        Case = self.env["helpdesk.service.case"].sudo()
        base = [
            ("company_id", "=", company.id),
            ("state", "=", "confirmed"),
            ("year", "in", list(years)),
        ]
        if self.trigger == "veto":
            return [
                (department, period, period.date_start.year)
                for department, period in Case._read_group(
                    [*base, ("is_major", "=", True)], ["department_id", "period_id"]
                )
            ]
        if self.trigger == "months":
            months = defaultdict(set)
            for unit, period, year in hits_of.get(self.basis_rule_id, []):
                months[unit, year].add(period)
            return [
                (unit, self.env["helpdesk.appraisal.period"], year)
                for (unit, year), periods in months.items()
                if len(periods) >= self.threshold
            ]
        unit_field = UNIT_FIELDS[self.scope]
        period_field = "period_id" if self.period == "month" else "year"
        counts = defaultdict(dict)
        for unit, period, kind, count in Case._read_group(
            [*base, ("kind", "in", self._kinds()), (unit_field, "!=", False)],
            [unit_field, period_field, "kind"],
            ["__count"],
        ):
            counts[unit, period][kind] = count
        hits = []
        for (unit, period), by_kind in counts.items():
            total = (
                sum(by_kind.values()) if self.combine_kinds else max(by_kind.values())
            )
            if total < self.threshold:
                continue
            if self.period == "month":
                hits.append((unit, period, period.date_start.year))
            else:
                hits.append((unit, self.env["helpdesk.appraisal.period"], period))
        return hits

    def _hit_line_values(self, unit, period, year):
        self.ensure_one()
        if unit._name == "hr.employee":
            employee = unit
            department, section = unit.sudo().department_id._people_units()
        else:
            employee = self.env["hr.employee"]
            department, section = unit._people_units()
        key = f"{self.scope}:{unit.id}:{period.name if period else year}"
        source = "veto" if self.trigger == "veto" else "threshold"
        values = [
            self._line_values(key, department, section, recipient, source=source)
            for recipient in self._recipients(department, section, employee)
            or [employee.browse()]
        ]
        if self.trigger == "veto":
            for vals in values:
                vals["veto"] = True
        if self.recommend_cancel_collective:
            unit_lines = [vals for vals in values if not vals["employee_id"]]
            if unit_lines:
                unit_lines[0]["collective_cancel_recommended"] = True
            else:
                values.append(
                    self._line_values(
                        f"{key}:collective",
                        department,
                        section,
                        employee.browse(),
                        source=source,
                        amount=0,
                        bonus_factor=0.0,
                        rating_cap=False,
                        collective_cancel_recommended=True,
                    )
                )
        return values

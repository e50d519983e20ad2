from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_round
from odoo.tools.safe_eval import safe_eval

from .helpdesk_appraisal_period import PERIOD_MONTHS
from .helpdesk_deduction_rule_appraisal import RUN_GENERATORS

# Ledger sources of the lines the run writes, by the table of their rule.
TABLE_SOURCE = {"satisfaction": "satisfaction", "platform": "platform"}


class Frame:
    """What evaluating one period under one template needs, read once.

    ``real``: a real run, whose monthly frame reads the lines it writes (rate
    deductions, platform shortfalls) back from the ledger. Replays and quarterly or
    yearly cycles recompute those lines in memory instead: they write nothing.
    """

    def __init__(self, env, period, template, real):
        self.env = env
        self.period = period
        self.template = template
        self.company = period.company_id
        self.real = real
        self.items = template.item_ids
        self.calendar = self.company._get_complaint_calendar()
        self.tz = self.calendar._sla_tz()
        self.start, self.end = period.date_start, period.date_end
        self.start_utc = self.utc(self.start)
        self.end_utc = self.utc(self.end + timedelta(days=1))
        self.months = (
            period
            if period.period_type == "month"
            else env["helpdesk.appraisal.period"].search(
                [
                    ("company_id", "=", self.company.id),
                    ("period_type", "=", "month"),
                    ("date_start", ">=", self.start),
                    ("date_end", "<=", self.end),
                ]
            )
        )
        self.ledger_has_run_lines = real and period.period_type == "month"
        report = env["helpdesk.satisfaction.report"].search(
            [
                ("period_id", "=", period.id),
                ("state", "=", "submitted"),
            ],
            limit=1,
        )
        # R000-51: a clearing recorded before the report counts in the month's rate.
        self.cutoff = report.submitted_at or fields.Datetime.now()
        self.variables = {
            "cutoff": fields.Datetime.to_string(self.cutoff),
            "period_start": fields.Date.to_string(self.start),
            "period_end": fields.Date.to_string(self.end),
            "company_id": self.company.id,
        }
        self.run_codes = set(
            env["helpdesk.deduction.rule"]
            .with_context(active_test=False)
            .search([("generator", "in", RUN_GENERATORS)])
            .mapped("code")
        )
        self.claimed = set()
        for item in self.items:
            self.claimed |= set(item.rule_ids.mapped("code"))
            if item.ledger_rule_id:
                self.claimed.add(item.ledger_rule_id.code)
        self.units = template._appraised_units(self.company)
        self.office = self.company.complaint_office_department_id
        self.cache = {}

    def utc(self, day):
        """The first instant (naive UTC) of ``day`` where the company works."""
        return self.calendar._sla_utc(day, self.tz)

    def item_codes(self, item, table_codes):
        """Rule codes an item counts: its rules, and its table's unclaimed rules."""
        codes = set(item.rule_ids.mapped("code"))
        if item.ledger_table:
            codes |= {
                code
                for code, table in table_codes
                if table == item.ledger_table and code not in self.claimed
            }
        if item.ledger_rule_id:
            codes.add(item.ledger_rule_id.code)
        return codes


class HelpdeskScorecardEngine(models.AbstractModel):
    """Scorecards computed from the ledger and the facts, as plain data.

    Everything counted is aggregated in PostgreSQL (one grouped query per measure, the
    numerator's terms as FILTER clauses of the same scan), so memory does not grow with
    the number of appeals. The engine writes nothing: ``helpdesk.appraisal.run`` stores
    what it returns, the what-if replay only shows it.
    """

    _name = "helpdesk.scorecard.engine"
    _description = "Scorecard Engine"

    @api.model
    def _frame(self, period, template, real=True):
        return Frame(self.env(su=True), period.sudo(), template.sudo(), real)

    # ------------------------------------------------------------------
    # Domains: what each cell counts (also what its drill-down opens)
    # ------------------------------------------------------------------

    @api.model
    def _eval_domain(self, frame, text):
        return list(safe_eval(text or "[]", dict(frame.variables)))

    @api.model
    def _windows(self, frame, item):
        """[(first day, last day)] of what an item measures, each part on its own: the
        period, or its months or quarters (R003-16 per month, R003-14 per quarter). A
        period shorter than the window reads the window up to the period's end: a
        quarter's last month measured by quarter reads the whole quarter."""
        length = PERIOD_MONTHS.get(item.window)
        if not length:
            return [(frame.start, frame.end)]
        start = frame.start.replace(
            month=frame.start.month - (frame.start.month - 1) % length, day=1
        )
        windows = []
        while start <= frame.end:
            following = start + relativedelta(months=length)
            windows.append((start, min(following - timedelta(days=1), frame.end)))
            start = following
        return windows

    @api.model
    def _period_domain(self, frame, model, field_name, window=None, end_field=None):
        """Records dated in ``window`` (the period by default); with ``end_field``,
        records in force at its end: dated on or before it, ending after it."""
        start, end = window or (frame.start, frame.end)
        end += timedelta(days=1)

        def bound(name, day):
            if model._fields[name].type == "date":
                return fields.Date.to_string(day)
            return fields.Datetime.to_string(frame.utc(day))

        if end_field:
            return [
                (field_name, "<", bound(field_name, end)),
                "|",
                (end_field, "=", False),
                (end_field, ">=", bound(end_field, end)),
            ]
        return [
            (field_name, ">=", bound(field_name, start)),
            (field_name, "<", bound(field_name, end)),
        ]

    @api.model
    def _records_domain(self, frame, item, units=None, window=None):
        """The records a rate or a count is taken over (its denominator): in
        ``window``, else in any window of the item."""
        model = self.env[item.model_name]
        windows = [window] if window else self._windows(frame, item)
        domain = fields.Domain.AND(
            [
                self._eval_domain(frame, item.domain),
                fields.Domain.OR(
                    [
                        self._period_domain(
                            frame, model, item.date_field, part, item.date_end_field
                        )
                        for part in windows
                    ]
                ),
            ]
        )
        domain = list(domain)
        if "company_id" in model._fields:
            domain.append(("company_id", "=", frame.company.id))
        if units is not None:
            domain.append((item.unit_field, "in", units.ids))
        return domain

    @api.model
    def _numerator_domain(self, frame, item, units=None):
        terms = [self._eval_domain(frame, term.domain) for term in item.term_ids]
        return fields.Domain.AND(
            [self._records_domain(frame, item, units), fields.Domain.OR(terms)]
        )

    @api.model
    def _ledger_domain(self, frame, item, units):
        """Confirmed lines of the units in the period that the item counts."""
        codes = frame.item_codes(item, self._table_codes(frame))
        domain = [
            ("company_id", "=", frame.company.id),
            ("period_id", "in", frame.months.ids),
            ("state", "=", "confirmed"),
            ("department_id", "in", units.ids),
            ("rule_code", "in", sorted(codes)),
        ]
        if not frame.ledger_has_run_lines:
            domain.append(("rule_code", "not in", sorted(frame.run_codes)))
        return domain

    @api.model
    def _table_codes(self, frame):
        """(code, table) of every rule a ledger line can carry."""
        if "table_codes" not in frame.cache:
            rules = (
                self.env["helpdesk.deduction.rule"]
                .sudo()
                .with_context(active_test=False)
                .search_fetch([], ["code", "table"])
            )
            frame.cache["table_codes"] = {(rule.code, rule.table) for rule in rules}
        return frame.cache["table_codes"]

    # ------------------------------------------------------------------
    # Aggregates
    # ------------------------------------------------------------------

    @api.model
    def _ledger_sums(self, frame, units):
        """{(department id, code, table): [points, lines]} of the period's confirmed
        lines; run lines come from the ledger in a real month, else from memory."""
        domain = [
            ("company_id", "=", frame.company.id),
            ("period_id", "in", frame.months.ids),
            ("state", "=", "confirmed"),
            ("department_id", "in", units.ids),
        ]
        if not frame.ledger_has_run_lines:
            domain.append(("rule_code", "not in", sorted(frame.run_codes)))
        sums = defaultdict(lambda: [0.0, 0])
        if frame.months:
            for department, code, table, points, count in (
                self.env["helpdesk.deduction.line"]
                .sudo()
                ._read_group(
                    domain,
                    ["department_id", "rule_code", "table"],
                    ["points:sum", "__count"],
                )
            ):
                sums[department.id, code, table] = [points, count]
        if not frame.ledger_has_run_lines:
            unit_ids = set(units.ids)
            for vals in self._run_lines(frame, units):
                if vals["department_id"] not in unit_ids:
                    continue
                rule = self.env["helpdesk.deduction.rule"].browse(vals["rule_id"])
                key = (vals["department_id"], rule.code, rule.table)
                sums[key][0] += float_round(
                    vals["base_points"] * vals["multiplier"] * vals["share"] / 100.0, 2
                )
                sums[key][1] += 1
        return sums

    @api.model
    def _measure(self, frame, item, units):
        """{unit id: {"base", "terms", "outside"}} for a rate or a count, and the
        company's totals under the key "company"; one grouped scan per window. An item
        measured month by month or quarter by quarter also keeps each window's counts
        under "parts", for the points to be taken window by window."""
        company_wide = item.scope == "company"
        key = ("measure", item.id)
        cached = frame.cache.get(key)
        if cached and (company_wide or set(units.ids) <= cached[0]):
            return cached[1]
        windows = self._windows(frame, item)
        scans = [self._scan(frame, item, units, window) for window in windows]
        if len(scans) == 1:
            result = scans[0]
        else:
            result = {}
            for unit in set().union(*scans):
                parts = [scan.get(unit) for scan in scans]
                result[unit] = dict(self._add_counts(item, parts), parts=parts)
        result.setdefault("company", self._add_counts(item, []))
        frame.cache[key] = (set(units.ids), result)
        return result

    @api.model
    def _add_counts(self, item, counts_list):
        total = {"base": 0.0, "terms": [0.0] * len(item.term_ids), "outside": 0}
        for counts in filter(None, counts_list):
            total["base"] += counts["base"]
            total["terms"] = [
                a + b for a, b in zip(total["terms"], counts["terms"], strict=True)
            ]
            total["outside"] += counts["outside"]
        return total

    @api.model
    def _scan(self, frame, item, units, window):
        """{unit id: counts, "company": totals} of one window, in one grouped scan:
        the records (or the sum of the item's field), each term's matching records
        (or the sum of its field) as FILTER clauses, and those outside every term."""
        company_wide = item.scope == "company"
        model = self.env[item.model_name].sudo()
        domain = self._records_domain(
            frame, item, None if company_wide else units, window
        )
        query = model._search(domain)
        result = {"company": self._add_counts(item, [])}
        if query.is_empty():
            return result
        unit_sql = model._read_group_groupby(model._table, item.unit_field, query)

        def amount(field_name):
            if not field_name:
                return SQL("1")
            return SQL("%s", model._field_to_sql(model._table, field_name, query))

        conditions = [
            fields.Domain(self._eval_domain(frame, term.domain))
            .optimize_full(model)
            ._to_sql(model, model._table, query)
            for term in item.term_ids
        ]
        selects = [unit_sql, SQL("COALESCE(SUM(%s), 0)", amount(item.value_field))]
        selects += [
            SQL(
                "COALESCE(SUM(%s) FILTER (WHERE %s), 0)",
                amount(term.value_field or item.value_field),
                condition,
            )
            for term, condition in zip(item.term_ids, conditions, strict=True)
        ]
        outside = (
            SQL("(%s) IS NOT TRUE", SQL(" OR ").join(conditions))
            if conditions
            else SQL("FALSE")
        )
        selects.append(SQL("COUNT(*) FILTER (WHERE %s)", outside))
        query.groupby = unit_sql
        for row in self.env.execute_query(query.select(*selects)):
            unit_id, base, *terms, outside_count = row
            result[unit_id] = {
                "base": float(base),
                "terms": [float(term) for term in terms],
                "outside": outside_count,
            }
        result["company"] = self._add_counts(
            item, [counts for unit, counts in result.items() if unit != "company"]
        )
        return result

    @api.model
    def _value(self, item, counts):
        """(value, numerator, denominator) of a rate or a count; a rate of nothing is
        None: it costs and earns nothing."""
        if not counts:
            counts = {"base": 0.0, "terms": [0.0] * len(item.term_ids)}
        numerator = sum(
            term.weight * amount
            for term, amount in zip(item.term_ids, counts["terms"], strict=True)
        )
        if item.measure == "rate":
            if not counts["base"]:
                return None, numerator, 0.0
            return 100.0 * numerator / counts["base"], numerator, counts["base"]
        value = numerator if item.term_ids else counts["base"]
        return value, numerator, counts["base"]

    @api.model
    def _points_of(self, item, counts):
        """(deduction, bonus) of measured counts, window by window when the item is
        measured month by month or quarter by quarter; the floor is not applied."""
        deduction = bonus = 0.0
        for part in (counts or {}).get("parts") or [counts]:
            value = self._value(item, part)[0]
            amounts = dict(
                zip(
                    item.term_ids.ids,
                    (part or {}).get("terms") or [0.0] * len(item.term_ids),
                    strict=True,
                )
            )
            part_deduction, part_bonus = item._points(value, amounts)
            deduction += part_deduction
            bonus += part_bonus
        return float_round(deduction, 2), float_round(min(bonus, item.bonus_cap), 2)

    @api.model
    def _figures(self, item, counts):
        """(value, numerator, denominator, deduction, bonus) of measured counts."""
        value, numerator, denominator = self._value(item, counts)
        deduction, bonus = self._points_of(item, counts)
        return value, numerator, denominator, item._lost(deduction), bonus

    @api.model
    def _charged_units(self, frame, item, measure):
        """Whole-company figures: the units their deduction is charged to (R000-53)."""
        if item.charge_scope == "all":
            charged = set(frame.units.ids)
        elif item.charge_scope == "with_records":
            charged = {
                unit for unit, counts in measure.items() if unit and counts["base"]
            }
        else:
            charged = {
                unit for unit, counts in measure.items() if unit and counts["outside"]
            }
        charged.discard("company")
        if item.charge_office and frame.office:
            charged.add(frame.office.id)
        return charged

    # ------------------------------------------------------------------
    # Lines the run writes into the ledger (rates, platform shortfalls)
    # ------------------------------------------------------------------

    @api.model
    def _run_lines(self, frame, units):
        """Ledger lines the run owns for ``units``, as values to create: rate deductions
        of the period (R000-53) and entered platform shortfalls (R000-54)."""
        key = ("run_lines", frozenset(units.ids))
        if key in frame.cache:
            return frame.cache[key]
        unit_ids = set(units.ids)
        lines = []
        now = fields.Datetime.now()
        common = {
            "company_id": frame.company.id,
            "state": "confirmed",
            "period_id": frame.period.id,
            "confirmed_at": now,
            "contest_deadline": now,
            "multiplier": 1.0,
            "share": 100.0,
        }
        for item in frame.items.filtered(
            lambda item: (
                item.ledger_rule_id
                and item.measure in ("rate", "records")
                and item._assessed_in(frame.period)
            )
        ):
            rule = item.ledger_rule_id
            measure = self._measure(frame, item, units)
            if item.scope == "company":
                value = self._value(item, measure["company"])[0]
                deduction = item._lost(self._points_of(item, measure["company"])[0])
                per_unit = {
                    unit: (value, deduction)
                    for unit in self._charged_units(frame, item, measure)
                }
            else:
                per_unit = {}
                for unit in unit_ids:
                    counts = measure.get(unit)
                    deduction = self._points_of(item, counts)[0]
                    per_unit[unit] = (
                        self._value(item, counts)[0],
                        item._lost(deduction),
                    )
            for unit, (value, deduction) in sorted(per_unit.items()):
                if deduction <= 0:
                    continue
                party = (
                    "response_office"
                    if frame.office and unit == frame.office.id
                    else "responsible_department"
                )
                lines.append(
                    dict(
                        common,
                        rule_id=rule.id,
                        party=party,
                        department_id=unit,
                        source=TABLE_SOURCE.get(rule.table, "process"),
                        source_key=f"{rule.code}:appraisal:{frame.period.id}:{unit}",
                        quantity=float_round(value or 0.0, 2),
                        base_points=deduction,
                        reason=self.env._(
                            "%(item)s: %(value)s against %(threshold)s (%(period)s)",
                            item=item.name,
                            value=float_round(value or 0.0, 2),
                            threshold=item.threshold,
                            period=frame.period.name,
                        ),
                    )
                )
        shortfalls = (
            self.env["helpdesk.platform.shortfall"]
            .sudo()
            .search(
                [
                    ("period_id", "in", frame.months.ids),
                    ("state", "=", "confirmed"),
                ]
            )
        )
        for shortfall in shortfalls:
            for vals in shortfall._ledger_values():
                lines.append(dict(common, **vals))
        frame.cache[key] = lines
        return lines

    @api.model
    def _sync_run_lines(self, frame, lines):
        """Bring the ledger's run lines of a real month in line with ``lines``: keyed,
        so a rerun adds nothing; a changed figure cancels its line for a new one; a
        figure that no longer holds is cancelled."""
        Line = (
            self.env["helpdesk.deduction.line"]
            .sudo()
            .with_context(tracking_disable=True, mail_create_nolog=True)
        )
        existing = Line.search(
            [
                ("company_id", "=", frame.company.id),
                ("period_id", "=", frame.period.id),
                ("source_key", "!=", False),
                ("state", "!=", "cancelled"),
                ("rule_id.generator", "in", RUN_GENERATORS),
            ]
        )
        by_key = {line.source_key: line for line in existing}
        compared = ("base_points", "multiplier", "share", "quantity")
        to_create = []
        for vals in lines:
            line = by_key.pop(vals["source_key"], None)
            if line and line.department_id.id == vals["department_id"]:
                if all(
                    float_round(line[name], 2) == float_round(vals[name], 2)
                    for name in compared
                ):
                    continue
            if line:
                line._cancel(self.env._("Recomputed by the appraisal run."))
            to_create.append(vals)
        for line in by_key.values():
            line._cancel(self.env._("The appraisal run found it no longer applies."))
        return Line.create(to_create)

    # ------------------------------------------------------------------
    # Cards
    # ------------------------------------------------------------------

    @api.model
    def _evaluate(self, frame, units):
        """{department id: card values with "lines": {item id: cell values}}."""
        by_unit = defaultdict(lambda: defaultdict(lambda: [0.0, 0]))
        for (department, code, _table), (points, count) in self._ledger_sums(
            frame, units
        ).items():
            by_unit[department][code][0] += points
            by_unit[department][code][1] += count
        activity = self._activity(frame, units)
        cards = {
            unit.id: {
                "department_id": unit.id,
                "has_activity": activity.get(unit.id, True),
                "lines": {},
            }
            for unit in units
        }
        cells_of = {
            "ledger": self._ledger_cells,
            "manual": self._manual_cells,
            "rate": self._measured_cells,
            "records": self._measured_cells,
        }
        manual = self._manual_scores(frame, units)
        for item in frame.items:
            blank = {
                "item_id": item.id,
                "code": item.code,
                "sequence": item.sequence,
                "dimension_id": item.dimension_id.id,
                "weight": item.weight,
                "assessed": item._assessed_in(frame.period),
                "missing": False,
                "value": 0.0,
                "numerator": 0.0,
                "denominator": 0.0,
                "deduction": 0.0,
                "bonus": 0.0,
                "score": item.weight,
            }
            if blank["assessed"]:
                cells = cells_of[item.measure](
                    frame, item, units, blank, by_unit, manual
                )
            else:
                cells = {unit.id: dict(blank) for unit in units}
            for unit_id, cell in cells.items():
                if cell["missing"]:
                    cell["missing"] = cards[unit_id]["has_activity"]
                cards[unit_id]["lines"][item.id] = cell
        template = frame.template
        for card in cards.values():
            cells = card["lines"].values()
            total = template.base_score + sum(cell["score"] for cell in cells)
            if template.total_cap:
                total = min(total, template.total_cap)
            card["total"] = float_round(total, 2)
            card["deduction_total"] = float_round(sum(c["deduction"] for c in cells), 2)
            card["bonus_total"] = float_round(sum(c["bonus"] for c in cells), 2)
            card["missing_count"] = sum(1 for cell in cells if cell["missing"])
        if frame.period.period_type == "year" and template.in_year:
            self._annual(frame, cards)
        return cards

    @api.model
    def _ledger_cells(self, frame, item, units, blank, by_unit, manual):
        codes = frame.item_codes(item, self._table_codes(frame))
        cells = {}
        for unit in units:
            found = [by_unit[unit.id][c] for c in codes if c in by_unit[unit.id]]
            deduction = float_round(sum(points for points, _n in found), 2)
            cells[unit.id] = dict(
                blank,
                value=sum(count for _p, count in found),
                deduction=deduction,
                score=item._score(deduction, 0.0),
            )
        return cells

    @api.model
    def _manual_cells(self, frame, item, units, blank, by_unit, manual):
        cells = {}
        for unit in units:
            entered = manual.get((item.code, unit.id))
            if entered is None:
                cells[unit.id] = dict(blank, missing=True)
            else:
                score = float_round(min(entered, item.weight), 2)
                cells[unit.id] = dict(blank, value=entered, score=score)
        return cells

    @api.model
    def _measured_cells(self, frame, item, units, blank, by_unit, manual):
        measure = self._measure(frame, item, units)
        company_wide = item.scope == "company"
        if company_wide:
            charged = self._charged_units(frame, item, measure)
            figures = self._figures(item, measure["company"])
        ledger_code = (
            item.ledger_rule_id.code
            if item.ledger_rule_id and frame.ledger_has_run_lines
            else None
        )
        cells = {}
        for unit in units:
            if not company_wide:
                figures = self._figures(item, measure.get(unit.id))
            value, numerator, denominator, deduction, bonus = figures
            if company_wide and unit.id not in charged:
                deduction = 0.0
            if ledger_code:
                # The ledger is the one source of what the run wrote.
                deduction = float_round(by_unit[unit.id][ledger_code][0], 2)
            cells[unit.id] = dict(
                blank,
                value=float_round(value, 2) if value is not None else 0.0,
                numerator=float_round(numerator, 2),
                denominator=float_round(denominator, 2),
                deduction=deduction,
                bonus=bonus,
                score=item._score(deduction, bonus),
            )
        return cells

    @api.model
    def _manual_scores(self, frame, units):
        """{(item code, department id): score} entered for the period."""
        codes = frame.items.filtered(lambda item: item.measure == "manual").mapped(
            "code"
        )
        if not codes:
            return {}
        scores = (
            self.env["helpdesk.scorecard.manual.score"]
            .sudo()
            .search_fetch(
                [
                    ("period_id", "=", frame.period.id),
                    ("item_code", "in", codes),
                    ("department_id", "in", units.ids),
                ],
                ["item_code", "department_id", "score"],
            )
        )
        return {
            (score.item_code, score.department_id.id): score.score for score in scores
        }

    @api.model
    def _activity(self, frame, units):
        """{department id: active} when the template leaves inactive periods out."""
        if not frame.template.exclude_inactive:
            return {}
        Ticket = self.env["helpdesk.ticket"].sudo()
        domain = self._eval_domain(frame, frame.template.activity_domain)
        domain += self._period_domain(frame, Ticket, "received_at")
        domain += [
            ("company_id", "=", frame.company.id),
            ("department_id", "in", units.ids),
        ]
        counts = dict(Ticket._read_group(domain, ["department_id"], ["__count"]))
        return {unit.id: bool(counts.get(unit)) for unit in units}

    @api.model
    def _annual(self, frame, cards):
        """R003-02: annual = 40% mean of the months + 30% mean of the quarters + 30% the
        annual review, inactive periods left out; a cycle with no card gives its weight
        to the others."""
        template = frame.template
        Period = self.env["helpdesk.appraisal.period"].sudo()
        sub_periods = Period.search(
            [
                ("company_id", "=", frame.company.id),
                ("period_type", "in", ("month", "quarter")),
                ("date_start", ">=", frame.start),
                ("date_end", "<=", frame.end),
            ]
        )
        totals = defaultdict(lambda: defaultdict(list))
        units = self.env["hr.department"].browse(list(cards))
        if frame.real:
            domain = [
                ("template_id", "=", template.id),
                ("period_id", "in", sub_periods.ids),
                ("department_id", "in", units.ids),
            ]
            if template.exclude_inactive:
                domain.append(("has_activity", "=", True))
            for card in (
                self.env["helpdesk.scorecard"]
                .sudo()
                .search_fetch(domain, ["department_id", "period_type", "total"])
            ):
                totals[card.department_id.id][card.period_type].append(card.total)
        else:
            for sub in sub_periods:
                sub_frame = self._frame(sub, template, real=False)
                for unit, card in self._evaluate(sub_frame, units).items():
                    if card["has_activity"] or not template.exclude_inactive:
                        totals[unit][sub.period_type].append(card["total"])
        for unit, card in cards.items():
            month = totals[unit]["month"]
            quarter = totals[unit]["quarter"]
            parts = [(template.year_weight, card["total"])]
            if month:
                parts.append((template.month_weight, sum(month) / len(month)))
            if quarter:
                parts.append((template.quarter_weight, sum(quarter) / len(quarter)))
            weight = sum(part[0] for part in parts)
            card.update(
                month_mean=float_round(sum(month) / len(month), 2) if month else 0.0,
                month_count=len(month),
                quarter_mean=(
                    float_round(sum(quarter) / len(quarter), 2) if quarter else 0.0
                ),
                quarter_count=len(quarter),
                annual_result=(
                    float_round(sum(w * total for w, total in parts) / weight, 2)
                    if weight
                    else card["total"]
                ),
            )

    @api.model
    def _rank(self, totals):
        """Competition ranking, best total first: 1, 1, 3 ..."""
        ordered = sorted(totals.values(), reverse=True)
        return {unit: ordered.index(total) + 1 for unit, total in totals.items()}

    @api.model
    def _replay(self, period, template):
        """The cards ``template`` would give ``period``, computed in a sandbox: nothing
        is written, neither ledger lines nor cards."""
        frame = self._frame(period, template, real=False)
        cards = self._evaluate(frame, frame.units)
        ranks = self._rank({unit: card["total"] for unit, card in cards.items()})
        for unit, card in cards.items():
            card["rank"] = ranks[unit]
        return cards

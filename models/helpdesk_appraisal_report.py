from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import float_round

from ..groups import APPRAISAL, HELPDESK_USER

# The groups the month at a glance counts appeals by (R000-78's classified figures).
GLANCE_GROUPS = ("channel_id", "nature_id", "category_id")
# The rates the month at a glance shows with their targets, in this order.
GLANCE_RATES = (
    "on_time_rate",
    "resolution_rate",
    "repeat_rate",
    "callback_rate",
    "satisfaction_rate",
    "composite_score",
)


class HelpdeskAppraisalReport(models.AbstractModel):
    """What the printed (PDF) and exported (XLSX) appraisal shows of a period, read
    once for both, with the record rules of the user who prints: a department manager
    gets their own cards, appeals, ledger lines and money lines, nothing else.

    One *pack* per period and scorecard template: the month at a glance (appeals by
    channel, nature, category and department; the rates of
    ``helpdesk.complaint.rates`` against their targets), every card with its items,
    each item traced to its rule and to what it counted (R003-45), the deductions by
    rule, the Banyang Minsheng item (R000-55), the period's penalties and awards, the
    clearing of unsatisfied appeals (R000-51) and who signs. Appeals are printed with
    the complainant masked, whoever prints (R002-37).
    """

    _name = "helpdesk.appraisal.report"
    _description = "Appraisal Report"

    # ------------------------------------------------------------------
    # Packs
    # ------------------------------------------------------------------

    @api.model
    def _packs_for_periods(self, periods):
        """One pack per period and template, with every card the user may read."""
        packs = []
        Card = self.env["helpdesk.scorecard"]
        for period in periods:
            cards = Card.search([("period_id", "=", period.id)])
            templates = cards.template_id or period.appraisal_template_id
            for template in templates or [None]:
                packs.append(
                    self._pack(
                        period,
                        template,
                        cards.filtered(lambda card, t=template: card.template_id == t),
                    )
                )
        return packs

    @api.model
    def _packs_for_cards(self, cards):
        """One pack per period and template of the selected cards; the sections that
        list units keep to the units of the selection."""
        groups = defaultdict(lambda: self.env["helpdesk.scorecard"])
        for card in cards.sorted(lambda card: (card.date_start, card.template_id.id)):
            groups[card.period_id, card.template_id] |= card
        return [
            self._pack(period, template, group, selected=True)
            for (period, template), group in groups.items()
        ]

    @api.model
    def _pack(self, period, template, cards, selected=False):
        company = period.company_id
        report = self.with_context(**company._complaint_text_context())
        return report._build_pack(period, template, cards, selected)

    def _build_pack(self, period, template, cards, selected):
        # Names, selections and translated data in the company's language.
        period = period.with_env(self.env)
        template = template.with_env(self.env) if template else template
        company = period.company_id
        cards = cards.with_env(self.env).sorted(
            lambda card: (card.rank or 10**6, card.department_id.name or "")
        )
        units = cards.department_id
        months = period._months()
        restricted = selected or not self._sees_every_unit()
        scope = units if restricted else None
        ledger = self._ledger_groups(company, months, units)
        trace = self._trace_context(period, template, units, ledger)
        pack = {
            "company": company,
            "period": period,
            "template": template,
            "months": months,
            "units": units,
            "selected": selected,
            "lang": self.env.context.get("lang") or "en_US",
            "title": self._title(period, template),
            "printed_at": company._complaint_format_datetime(fields.Datetime.now()),
            "glance": self._glance(company, period, scope),
            "cards": [self._card_pack(card, trace) for card in cards],
            "rules": self._rule_rows(ledger),
            "banyang": self._banyang(template, cards, months, units),
            "money": self._money(months, scope, company),
            "clearing": self._clearing(company, period, scope),
            "prepared_by": company.complaint_office_department_id.name or company.name,
            "reviewer": company.complaint_general_manager_id.name or "",
        }
        pack["rule_total"] = self._sum(row["points"] for row in pack["rules"])
        return pack

    def _sees_every_unit(self):
        """Whether the user reads every unit's appeals and cards (HR, the office,
        leaders and complaint managers), not only their own department's."""
        user = self.env.user
        return user.has_group(APPRAISAL) or user.has_group(HELPDESK_USER)

    def _title(self, period, template):
        names = {
            "month": self.env._("Monthly Appraisal Report"),
            "quarter": self.env._("Quarterly Appraisal Report"),
            "year": self.env._("Annual Appraisal Report"),
        }
        return names[period.period_type]

    @api.model
    def _sum(self, values):
        return float_round(sum(values), 2)

    # ------------------------------------------------------------------
    # The month at a glance: the rates of helpdesk.complaint.rates
    # ------------------------------------------------------------------

    def _glance(self, company, period, units):
        """Counts and rates of the period's appeals, by the one definition of
        ``helpdesk.complaint.rates``, with the user's record rules."""
        Rates = self.env["helpdesk.complaint.rates"]
        start, end = Rates._period_bounds(company, period.date_start, period.date_end)
        domain = [("company_id", "=", company.id)]
        if units is not None:
            domain.append(("department_id", "in", units.ids))
        totals = Rates._counts(domain, start, end, company=company).get(
            (), Rates._zero_counts()
        )
        rates = Rates._rates(totals)
        targets = Rates._targets(company)
        labels = self._rate_labels()
        rate_rows = []
        for name in GLANCE_RATES:
            target, kind = targets.get(name, (None, None))
            value = rates[name]
            met = None
            if target is not None:
                met = value >= target if kind == "min" else value <= target
            rate_rows.append(
                {
                    "name": name,
                    "label": labels[name],
                    "value": value,
                    "target": target,
                    "kind": kind,
                    "met": met,
                }
            )
        groups = {}
        for groupby in GLANCE_GROUPS:
            groups[groupby] = self._group_rows(
                Rates._counts(
                    domain,
                    start,
                    end,
                    groupby=(groupby,),
                    counts=("received", "completed"),
                ),
                totals["received"],
            )
        departments = Rates._counts(
            domain,
            start,
            end,
            groupby=("department_id",),
            counts=(
                "received",
                "completed",
                "on_time",
                "resolved",
                "satisfaction_base",
                "satisfaction_score",
            ),
            company=company,
        )
        department_rows = self._group_rows(departments, totals["received"])
        for row in department_rows:
            row.update(Rates._rates(departments[row["key"]]))
        return {
            "counts": totals,
            "rates": rate_rows,
            "groups": [
                (self._group_title(groupby), groups[groupby])
                for groupby in GLANCE_GROUPS
            ],
            "departments": department_rows,
        }

    def _rate_labels(self):
        return {
            "on_time_rate": self.env._("On-time completion rate"),
            "resolution_rate": self.env._("Resolution rate"),
            "repeat_rate": self.env._("Repeat-complaint rate"),
            "callback_rate": self.env._("Callback rate"),
            "satisfaction_rate": self.env._("Satisfaction rate"),
            "composite_score": self.env._("Composite satisfaction"),
        }

    def _group_title(self, groupby):
        return {
            "channel_id": self.env._("By Channel"),
            "nature_id": self.env._("By Nature"),
            "category_id": self.env._("By Category"),
        }[groupby]

    def _group_rows(self, counts, total_received):
        rows = []
        for key, values in counts.items():
            record = key[0] if key else False
            if not values["received"] and not values["completed"]:
                continue
            rows.append(
                {
                    "key": key,
                    "label": record.sudo().display_name
                    if record
                    else self.env._("Not Set"),
                    "received": values["received"],
                    "completed": values["completed"],
                    "share": self.env["helpdesk.complaint.rates"]._rate(
                        values["received"], total_received
                    ),
                }
            )
        rows.sort(key=lambda row: (-row["received"], row["label"]))
        return rows

    # ------------------------------------------------------------------
    # Cards and the ledger behind them
    # ------------------------------------------------------------------

    def _ledger_groups(self, company, months, units):
        """{(department id, rule code): {"rule", "points", "count", "appeals"}} of the
        confirmed ledger lines of the units in the period, as the user reads them."""
        groups = {}
        if not units or not months:
            return groups
        rows = self.env["helpdesk.deduction.line"]._read_group(
            [
                ("company_id", "=", company.id),
                ("period_id", "in", months.ids),
                ("state", "=", "confirmed"),
                ("department_id", "in", units.ids),
            ],
            ["department_id", "rule_code", "rule_id"],
            ["points:sum", "__count", "ticket_id:array_agg_distinct"],
        )
        ticket_ids = {
            ticket_id for *_key, tickets in rows for ticket_id in tickets if ticket_id
        }
        # Appeal numbers only, not their data: read in sudo like a list's names.
        numbers = {
            ticket.id: ticket.number
            for ticket in self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "in", list(ticket_ids))], ["number"])
        }
        for department, code, rule, points, count, tickets in rows:
            entry = groups.setdefault(
                (department.id, code),
                {
                    "code": code,
                    "rule": rule.sudo().name,
                    "table": rule.sudo().table,
                    "points": 0.0,
                    "count": 0,
                    "appeals": [],
                },
            )
            entry["points"] = float_round(entry["points"] + points, 2)
            entry["count"] += count
            entry["appeals"] += [numbers[t] for t in tickets if t in numbers]
        return groups

    def _trace_context(self, period, template, units, ledger):
        """What tracing the items of a pack's cards needs, read once: the rule codes
        each item counts, the ledger groups per unit, the scores entered by hand."""
        codes = {}
        if template:
            engine = self.env["helpdesk.scorecard.engine"]
            frame = engine._frame(period, template)
            table_codes = engine._table_codes(frame)
            codes = {
                item.id: sorted(frame.item_codes(item, table_codes))
                for item in template.item_ids
                if item.measure == "ledger" or item.ledger_rule_id
            }
        rules_of = defaultdict(list)
        for (department_id, code), entry in ledger.items():
            rules_of[department_id, code].append(entry)
        manual = {
            (score.item_code, score.department_id.id): score
            for score in self.env["helpdesk.scorecard.manual.score"].search(
                [("period_id", "=", period.id), ("department_id", "in", units.ids)]
            )
        }
        return {"codes": codes, "rules_of": rules_of, "manual": manual}

    def _card_pack(self, card, trace):
        """A card with its items, each traced to its rule and what it counted."""
        unit_id = card.department_id.id
        lines = []
        card_rules = []
        for line in card.line_ids.sorted(lambda line: (line.sequence, line.id)):
            item = line.item_id
            trace_rules = [
                entry
                for code in trace["codes"].get(item.id, [])
                for entry in trace["rules_of"].get((unit_id, code), [])
            ]
            card_rules += trace_rules
            lines.append(
                {
                    "line": line,
                    "code": line.code,
                    "name": item.name,
                    "dimension": line.dimension_id.name or "",
                    "measure": item.measure,
                    "weight": line.weight,
                    "value": line.value,
                    "numerator": line.numerator,
                    "denominator": line.denominator,
                    "deduction": line.deduction,
                    "bonus": line.bonus,
                    "score": line.score,
                    "assessed": line.assessed,
                    "missing": line.missing,
                    "trace": self._trace(
                        line, trace_rules, trace["manual"].get((item.code, unit_id))
                    ),
                    "rules": trace_rules,
                }
            )
        dimensions = []
        for dimension in card.line_ids.dimension_id.sorted("sequence"):
            in_dimension = [
                row for row in lines if row["line"].dimension_id == dimension
            ]
            dimensions.append(
                {
                    "name": dimension.name,
                    "weight": dimension.weight,
                    "score": self._sum(row["score"] for row in in_dimension),
                }
            )
        return {
            "card": card,
            "unit": card.department_id.name,
            "lines": lines,
            "dimensions": dimensions,
            "rules": sorted(card_rules, key=lambda entry: entry["code"]),
        }

    def _trace(self, line, rules, manual_score):
        """What an item counted, in one sentence (R003-45)."""
        item = line.item_id
        if not line.assessed:
            return self.env._("Not assessed in this period: full score.")
        if item.measure == "manual":
            if line.missing or not manual_score:
                return self.env._("Score not entered yet.")
            user = manual_score.entered_by_id.name or ""
            if manual_score.note:
                return self.env._(
                    "Entered by %(user)s: %(note)s", user=user, note=manual_score.note
                )
            return self.env._("Entered by %(user)s", user=user)
        parts = []
        if item.measure in ("rate", "records"):
            if item.measure == "rate":
                parts.append(
                    self.env._(
                        "%(numerator)s of %(denominator)s records",
                        numerator=f"{line.numerator:.2f}",
                        denominator=f"{line.denominator:.0f}",
                    )
                )
            else:
                parts.append(
                    self.env._("%(count)s records", count=f"{line.denominator:.0f}")
                )
        for entry in rules:
            values = {
                "code": entry["code"],
                "count": entry["count"],
                "points": f"{entry['points']:.2f}",
                "appeals": ", ".join(entry["appeals"]),
            }
            if values["appeals"]:
                parts.append(
                    self.env._(
                        "%(code)s: %(count)s lines, %(points)s points (%(appeals)s)",
                        **values,
                    )
                )
            else:
                parts.append(
                    self.env._("%(code)s: %(count)s lines, %(points)s points", **values)
                )
        if not parts:
            return self.env._("Nothing counted.")
        return "; ".join(parts)

    def _rule_rows(self, ledger):
        """Deductions by rule over the units of the pack."""
        rows = {}
        for (department_id, code), entry in ledger.items():
            row = rows.setdefault(
                code,
                {
                    "code": code,
                    "rule": entry["rule"],
                    "count": 0,
                    "points": 0.0,
                    "departments": set(),
                },
            )
            row["count"] += entry["count"]
            row["points"] = float_round(row["points"] + entry["points"], 2)
            row["departments"].add(department_id)
        result = sorted(rows.values(), key=lambda row: row["code"])
        for row in result:
            row["departments"] = len(row["departments"])
        return result

    # ------------------------------------------------------------------
    # The Banyang Minsheng item (R000-55)
    # ------------------------------------------------------------------

    def _banyang(self, template, cards, months, units):
        """The platform item of each card and the period's entered shortfall; None
        when the card has no platform item."""
        items = (
            template.item_ids.filtered(lambda item: item.ledger_table == "platform")
            if template
            else None
        )
        if not items:
            return None
        rows = []
        for card in cards:
            for line in card.line_ids.filtered(
                lambda line: line.item_id in items and (line.value or line.deduction)
            ):
                rows.append(
                    {
                        "unit": card.department_id.name,
                        "code": line.code,
                        "lines": int(line.value),
                        "deduction": line.deduction,
                        "score": line.score,
                    }
                )
        shortfalls = []
        Shortfall = self.env["helpdesk.platform.shortfall"]
        if Shortfall.has_access("read"):
            for shortfall in Shortfall.search(
                [("period_id", "in", months.ids), ("state", "=", "confirmed")]
            ):
                shares = shortfall.share_ids.filtered(
                    lambda share: share.department_id in units
                )
                factor = shortfall.points * shortfall.multiplier / 100
                passed_on = "; ".join(
                    f"{share.department_id.name} {share.share:.2f}% = "
                    f"{factor * share.share:.2f}"
                    for share in shares
                )
                shortfalls.append(
                    {
                        "text": self.env._(
                            "%(shortfall)s: %(points)s points lost, passed on at "
                            "× %(multiplier)s by share (R000-54): %(shares)s",
                            shortfall=shortfall.display_name,
                            points=f"{shortfall.points:g}",
                            multiplier=f"{shortfall.multiplier:g}",
                            shares=passed_on or "—",
                        )
                    }
                )
        return {
            "items": ", ".join(items.mapped("name")),
            "rows": rows,
            "total": self._sum(row["deduction"] for row in rows),
            "shortfalls": shortfalls,
        }

    # ------------------------------------------------------------------
    # Penalties and awards (money lines)
    # ------------------------------------------------------------------

    def _money(self, months, units, company):
        """The confirmed money lines of the period's months, as the user reads them."""
        domain = [
            ("company_id", "=", company.id),
            ("period_id", "in", months.ids),
            ("state", "=", "confirmed"),
        ]
        if units is not None:
            domain.append(("department_id", "in", units.ids))
        Line = self.env["helpdesk.money.line"]
        lines = Line.search(domain, order="department_id, employee_id, id")
        sources = dict(Line._fields["source"]._description_selection(self.env))
        rows = [
            {
                "unit": line.department_id.name,
                "person": line.employee_id.name or line.section_id.name or "",
                "code": line.rule_code or "",
                "source": sources.get(line.source, ""),
                "amount": line.amount,
                "effect": self._money_effect(line),
                "reason": line.reason or "",
            }
            for line in lines
        ]
        penalties = sum(row["amount"] for row in rows if row["amount"] < 0)
        awards = sum(row["amount"] for row in rows if row["amount"] > 0)
        return {
            "rows": rows,
            "penalties": penalties,
            "awards": awards,
            "net": penalties + awards,
        }

    def _money_effect(self, line):
        effects = []
        if line.bonus_factor:
            effects.append(
                self.env._("bonus factor %(factor)s", factor=f"{line.bonus_factor:.2f}")
            )
        if line.rating_cap:
            caps = dict(line._fields["rating_cap"]._description_selection(self.env))
            effects.append(
                self.env._("rating at most %(cap)s", cap=caps[line.rating_cap])
            )
        if line.dismissal_recommended:
            effects.append(self.env._("dismissal recommended"))
        if line.collective_cancel_recommended:
            effects.append(self.env._("advanced collective cancelled"))
        if line.veto:
            effects.append(self.env._("veto"))
        return ", ".join(effects)

    # ------------------------------------------------------------------
    # Clearing unsatisfied appeals (R000-51)
    # ------------------------------------------------------------------

    def _clearing(self, company, period, units):
        """Appeals rated unsatisfied in the month before the period or in it: when
        each must be cleared (the end of the month after the rating), whether and
        when it was, masked complainant."""
        tz = company._complaint_tz()
        start = self._utc(tz, period.date_start - relativedelta(months=1))
        end = self._utc(tz, period.date_end + timedelta(days=1))
        domain = [
            ("company_id", "=", company.id),
            ("unsatisfied_at", ">=", start),
            ("unsatisfied_at", "<", end),
        ]
        if units is not None:
            domain.append(("department_id", "in", units.ids))
        tickets = self.env["helpdesk.ticket"].search(domain, order="unsatisfied_at, id")
        report = (
            self.env["helpdesk.satisfaction.report"]
            .sudo()
            .search(
                [("period_id", "=", period.id), ("state", "=", "submitted")], limit=1
            )
        )
        now = fields.Datetime.now()
        rows = []
        summary = defaultdict(int)
        for ticket in tickets:
            rated = company._complaint_local(ticket.unsatisfied_at)
            due_day = (
                rated.date().replace(day=1) + relativedelta(months=2)
            ) - timedelta(days=1)
            due = self._utc(tz, due_day + timedelta(days=1))
            cleared = ticket.cleared_at
            if cleared and cleared < due:
                status = self.env._("Cleared in time")
                summary["cleared"] += 1
                # R000-51: counted in the month's rate when before its report to HR.
                in_period = rated.date() >= period.date_start
                if report and in_period and cleared <= report.submitted_at:
                    status = self.env._("Cleared before the report to HR")
            elif cleared:
                status = self.env._("Cleared late")
                summary["late"] += 1
            elif now >= due:
                status = self.env._("Not cleared: overdue")
                summary["overdue"] += 1
            else:
                status = self.env._("Not cleared yet")
                summary["open"] += 1
            rows.append(
                {
                    "number": ticket.number,
                    "unit": ticket.department_id.name or "",
                    "category": ticket.category_id.display_name or "",
                    "complainant": ticket._complainant_masked_label(),
                    "rated_at": company._complaint_format_datetime(
                        ticket.unsatisfied_at
                    ),
                    "due": fields.Date.to_string(due_day),
                    "cleared_at": company._complaint_format_datetime(cleared),
                    "status": status,
                }
            )
        summary["total"] = len(rows)
        text = self.env._(
            "Rated unsatisfied in the month before the period or in it: %(total)s; "
            "cleared in time: %(cleared)s; cleared late: %(late)s; not cleared, "
            "overdue: %(overdue)s; not cleared yet: %(open)s. Each must be cleared by "
            "the end of the month after its rating.",
            total=summary["total"],
            cleared=summary["cleared"],
            late=summary["late"],
            overdue=summary["overdue"],
            open=summary["open"],
        )
        return {"rows": rows, "summary": dict(summary), "text": text}

    @api.model
    def _utc(self, tz, day):
        """Naive UTC start of the local ``day``."""
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

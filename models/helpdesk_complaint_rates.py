from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import float_round
from odoo.tools.safe_eval import safe_eval

# States of appeals that are finished: replied to the customer, or closed.
FINISHED_STATES = ("replied", "closed")

# The two satisfaction measures as the shipped scorecards define them; a company whose
# scorecard template has the item uses the item (the appraisal's own definition).
# R000-49: appeals replied in the period with a callback result; satisfied and basically
# satisfied count, an unsatisfied one only once cleared before the cutoff (R000-51).
SATISFACTION = {
    "model": "helpdesk.ticket",
    "date_field": "replied_at",
    "domain": "[('satisfaction', '!=', False)]",
    "terms": [
        (
            "[('satisfaction', 'in', ['satisfied', 'basically_satisfied']), '|', "
            "('unsatisfied_at', '=', False), ('cleared_at', '<=', cutoff)]",
            1.0,
        )
    ],
}
# R003-38: evaluations (callbacks reaching the customer with a result) in the period,
# satisfied 10 and basically satisfied 6 points of 10, read as per cent.
COMPOSITE = {
    "model": "helpdesk.ticket.callback",
    "date_field": "called_at",
    "domain": "[('reached', '=', True), ('result', '!=', False)]",
    "terms": [
        ("[('result', '=', 'satisfied')]", 1.0),
        ("[('result', '=', 'basically_satisfied')]", 0.6),
    ],
}
# R003-33: complaints received in the period, those repeating an earlier one of the
# same complainant and category (R003-32's link) over all of them.
REPEAT = {
    "model": "helpdesk.ticket",
    "date_field": "received_at",
    "domain": "[('nature_kind', '=', 'complaint')]",
    "terms": [("[('repeat_of_id', '!=', False)]", 1.0)],
}
# The heating card's repeat-rate item, when it is measured as a rate (R003-34/35).
REPEAT_ITEM_CODE = "R003-34/35"


class HelpdeskComplaintRates(models.AbstractModel):
    """The complaint desk's counts and rates, defined once for the reports and the
    dashboard, and the same as the appraisal's.

    All counts are ``_read_group`` over appeals (and callbacks), with the caller's
    record rules (reports count in ``sudo`` for one company). A period is a range of
    local dates in the company's time zone. An appeal is **completed** in the period
    when its final reply (``replied_at``, the 办结) falls in it.

    Counts of appeals:

    - ``received``: received in the period (``received_at``);
    - ``completed``: completed in the period;
    - ``resolved``: completed, the final reply resolved the problem (``resolved``);
    - ``on_time``: completed, none of its deadlines breached;
    - ``correct``: completed, never sent back for a redo (``redo_count`` 0) and not
      repeated by a later appeal (no ``repeat_ids``, R003-32's link);
    - ``callback``: completed, with a callback that reached the customer;
    - ``rated``, ``satisfied``, ``basically_satisfied``, ``unsatisfied``: completed,
      by their latest callback result;
    - ``received_completed``: received in the period and completed by now;
    - snapshots when counted: ``open`` (received before the end of the period, not
      finished), ``overdue_open`` (open, a deadline breached), ``unsatisfied_open``
      (rated unsatisfied, not cleared).

    Satisfaction, as the company's monthly scorecard measures it (its rate item
    reported to HR, and its rate item on callbacks; without a scorecard, the shipped
    definitions ``SATISFACTION`` and ``COMPOSITE`` above):

    - ``satisfaction_base`` / ``satisfaction_score``: the R000-49 item's records in
      the period and the weighted sum of its terms (``cutoff`` is the counting time);
    - ``evaluations`` / ``evaluation_score``: the same for the R003-38 item;
    - ``complaints`` / ``repeats``: complaints received in the period and those that
      repeat an earlier one (R003-33; the R003-34/35 item when it is a rate).

    Rates (per cent, 2 decimals, 0 when the base is empty):

    - **satisfaction rate** (R000-49): satisfaction_score ÷ satisfaction_base;
    - **composite satisfaction** (R003-38): evaluation_score ÷ evaluations;
    - **resolution rate** (R003-29, R004-23): resolved ÷ completed;
    - **on-time completion rate** (R004-14), also R004-17's on-time reply rate:
      on_time ÷ completed;
    - **correct-completion rate** (R004-14): correct ÷ completed;
    - **callback rate** (R004-17): callback ÷ completed;
    - **completion rate** (R004-17): received_completed ÷ received;
    - **repeat-complaint rate** (R003-33): repeats ÷ complaints.

    Targets (``_targets``): what the company's appraisal holds a rate to, i.e. the
    threshold of the scorecard item that measures it (R000-53's 85%, R003-39's 85,
    R003-34's 5%), else the preset's target when its targets are on (R004-17).
    """

    _name = "helpdesk.complaint.rates"
    _description = "Complaint Rates"

    RATES = (
        "satisfaction_rate",
        "composite_score",
        "resolution_rate",
        "on_time_rate",
        "correct_rate",
        "callback_rate",
        "completion_rate",
        "repeat_rate",
    )
    WEIGHTED = {
        "satisfaction": ("satisfaction_base", "satisfaction_score"),
        "composite": ("evaluations", "evaluation_score"),
        "repeat": ("complaints", "repeats"),
    }
    # The rate each weighted measure gives.
    WEIGHTED_RATES = {
        "satisfaction": "satisfaction_rate",
        "composite": "composite_score",
        "repeat": "repeat_rate",
    }

    @api.model
    def _period_bounds(self, company, date_from, date_to):
        """Naive UTC datetimes [start, end) of the local dates from ``date_from`` to
        ``date_to``."""
        tz = company._complaint_tz()

        def utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return utc(date_from), utc(date_to + timedelta(days=1))

    @api.model
    def _count_domains(self, start, end):
        """{count: domain} of every plain count over appeals, for [start, end)."""
        received = [("received_at", ">=", start), ("received_at", "<", end)]
        completed = [("replied_at", ">=", start), ("replied_at", "<", end)]
        open_ = [
            ("received_at", "<", end),
            ("state", "not in", FINISHED_STATES),
        ]
        return {
            "received": received,
            "completed": completed,
            "resolved": completed + [("resolved", "=", True)],
            "on_time": completed + [("deadline_state", "!=", "breached")],
            "correct": completed + [("redo_count", "=", 0), ("repeat_ids", "=", False)],
            "callback": completed + [("callback_ids.reached", "=", True)],
            "rated": completed + [("satisfaction", "!=", False)],
            "satisfied": completed + [("satisfaction", "=", "satisfied")],
            "basically_satisfied": completed
            + [("satisfaction", "=", "basically_satisfied")],
            "unsatisfied": completed + [("satisfaction", "=", "unsatisfied")],
            "received_completed": received + [("replied_at", "!=", False)],
            "open": open_,
            "overdue_open": open_ + [("deadline_state", "=", "breached")],
            "unsatisfied_open": [
                ("received_at", "<", end),
                ("satisfaction", "=", "unsatisfied"),
                ("cleared_at", "=", False),
            ],
        }

    @api.model
    def _zero_counts(self):
        names = list(self._count_domains(False, False))
        for base, score in self.WEIGHTED.values():
            names += [base, score]
        return dict.fromkeys(names, 0)

    @api.model
    def _measure_items(self, company):
        """{measure: the company's monthly scorecard item measuring it, if any}."""
        template = (
            self.env["helpdesk.appraisal.period"]
            .sudo()
            ._default_template(company, "month")
            if company
            else None
        )
        if not template:
            return {}
        rates = template.item_ids.filtered(lambda item: item.measure == "rate")
        return {
            "satisfaction": template._reported_rate_item(),
            "composite": rates.filtered(
                lambda item: item.model_name == COMPOSITE["model"]
            )[:1],
            "repeat": rates.filtered(lambda item: item.code == REPEAT_ITEM_CODE)[:1],
        }

    @api.model
    def _weighted_measures(self, company):
        """{"satisfaction": spec, "composite": spec, "repeat": spec}: the company's
        monthly scorecard items when it has them, else the shipped definitions; a spec
        is (model, date field, domain text, [(term domain text, weight)])."""
        specs = {
            "satisfaction": SATISFACTION,
            "composite": COMPOSITE,
            "repeat": REPEAT,
        }
        for name, item in self._measure_items(company).items():
            if item:
                specs[name] = {
                    "model": item.model_name,
                    "date_field": item.date_field,
                    "domain": item.domain,
                    "terms": [(term.domain, term.weight) for term in item.term_ids],
                }
        return specs

    @api.model
    def _counts(self, domain, start, end, groupby=(), counts=None, company=None):
        """{group key: {count: number}} of appeals matching ``domain``.

        :param groupby: appeal fields to group on (``()``: one group keyed ``()``)
        :param counts: names of the counts wanted (default: all of them)
        :param company: whose scorecard defines satisfaction (default: the shipped
            definitions)
        :return: a key is the tuple of the group values (records or selection values)
        """
        Ticket = self.env["helpdesk.ticket"]
        domains = self._count_domains(start, end)
        result = {}

        def add(key, name, value):
            result.setdefault(tuple(key), self._zero_counts())[name] += value

        for name in counts or domains:
            if name not in domains:
                continue
            full = Domain.AND([domain, domains[name]])
            for *key, count in Ticket._read_group(full, list(groupby), ["__count"]):
                add(key, name, count)
        wanted = set(counts or self._zero_counts())
        for measure, spec in self._weighted_measures(company).items():
            base_name, score_name = self.WEIGHTED[measure]
            if not wanted & {base_name, score_name}:
                continue
            for key, base, score in self._weighted_counts(
                spec, domain, start, end, groupby, company
            ):
                add(key, base_name, base)
                add(key, score_name, score)
        return result

    @api.model
    def _weighted_counts(self, spec, domain, start, end, groupby, company):
        """(group key, records, weighted sum of the terms) of one measure's records in
        the period, grouped on appeal fields (through the appeal for other models)."""
        Model = self.env[spec["model"]]
        on_appeals = spec["model"] == "helpdesk.ticket"
        company = company or self.env.company
        # The variables a scorecard item's domains may use, as the appraisal sets them.
        variables = {
            "cutoff": fields.Datetime.to_string(fields.Datetime.now()),
            "period_start": fields.Date.to_string(company._complaint_local_date(start)),
            "period_end": fields.Date.to_string(
                company._complaint_local_date(end - timedelta(seconds=1))
            ),
            "company_id": company.id,
        }
        base = Domain.AND(
            [
                safe_eval(spec["domain"] or "[]", variables),
                [(spec["date_field"], ">=", start), (spec["date_field"], "<", end)],
                domain if on_appeals else [("ticket_id", "any", domain)],
            ]
        )
        groups = [name if on_appeals else f"ticket_id.{name}" for name in groupby]
        totals = {}
        for *key, count in Model._read_group(base, groups, ["__count"]):
            totals[tuple(key)] = [count, 0.0]
        for term_domain, weight in spec["terms"]:
            term = Domain.AND([base, safe_eval(term_domain or "[]", variables)])
            for *key, count in Model._read_group(term, groups, ["__count"]):
                totals[tuple(key)][1] += weight * count
        return [(key, base_count, score) for key, (base_count, score) in totals.items()]

    @api.model
    def _rate(self, numerator, denominator):
        if not denominator:
            return 0.0
        return float_round(100.0 * numerator / denominator, 2)

    @api.model
    def _rates(self, counts):
        """{rate: per cent} of one group's counts."""
        completed = counts["completed"]
        return {
            "satisfaction_rate": self._rate(
                counts["satisfaction_score"], counts["satisfaction_base"]
            ),
            # R003-38's 0–10 scale read as per cent: 8.5 is 85 points.
            "composite_score": self._rate(
                counts["evaluation_score"], counts["evaluations"]
            ),
            "resolution_rate": self._rate(counts["resolved"], completed),
            "on_time_rate": self._rate(counts["on_time"], completed),
            "correct_rate": self._rate(counts["correct"], completed),
            "callback_rate": self._rate(counts["callback"], completed),
            "completion_rate": self._rate(
                counts["received_completed"], counts["received"]
            ),
            "repeat_rate": self._rate(counts["repeats"], counts["complaints"]),
        }

    @api.model
    def _targets(self, company):
        """{rate: (target, "min" or "max")} the company's appraisal holds its rates
        to: the threshold of the scorecard item measuring a rate, else the preset's
        target when its targets are on (R004-17)."""
        targets = {}
        preset = company.complaint_preset_id
        if preset.feature_targets:
            targets.update(
                {
                    "callback_rate": (preset.target_callback_rate, "min"),
                    "on_time_rate": (preset.target_on_time_rate, "min"),
                    "completion_rate": (preset.target_completion_rate, "min"),
                    "satisfaction_rate": (preset.target_satisfaction_rate, "min"),
                }
            )
        for measure, item in self._measure_items(company).items():
            if item and item.direction in ("below", "above"):
                targets[self.WEIGHTED_RATES[measure]] = (
                    item.threshold,
                    "min" if item.direction == "below" else "max",
                )
        return targets

    @api.model
    def _company_rates(self, company, date_from, date_to, domain=None):
        """(counts, rates) of one company's appeals over local dates, in one call."""
        start, end = self._period_bounds(company, date_from, date_to)
        counts = (
            self.sudo()
            ._counts(
                Domain.AND([domain or [], [("company_id", "=", company.id)]]),
                start,
                end,
                company=company,
            )
            .get((), self._zero_counts())
        )
        return counts, self._rates(counts)

from datetime import datetime, time, timedelta

import pytz

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import float_round

# States of appeals that are finished: replied to the customer, or closed.
FINISHED_STATES = ("replied", "closed")


class HelpdeskComplaintRates(models.AbstractModel):
    """The complaint desk's counts and rates, defined once for every report, the
    dashboard and the appraisal.

    All counts are ``_read_group`` over ``helpdesk.ticket`` (record rules of the caller
    apply; reports count in ``sudo`` for one company). A period is a range of local
    dates in the company's complaint calendar time zone. An appeal is **completed** in
    the period when its final reply (``replied_at``, the 办结) falls in it.

    Counts:

    - ``received``: appeals received in the period (``received_at``);
    - ``completed``: appeals completed in the period;
    - ``resolved``: completed appeals whose final reply resolved the problem
      (``resolved``);
    - ``on_time``: completed appeals none of whose deadlines is breached;
    - ``correct``: completed appeals never sent back for a redo (``redo_count`` 0) and
      not repeated by a later appeal (no ``repeat_ids``);
    - ``callback``: completed appeals with a callback that reached the customer;
    - ``rated`` / ``satisfied`` / ``basically_satisfied`` / ``unsatisfied``: completed
      appeals by their latest callback result (a cleared appeal's latest rating is
      satisfied, R000-51);
    - ``received_completed``: appeals received in the period and completed by now;
    - snapshots at the time of counting: ``open`` (received before the end of the
      period and not finished), ``overdue_open`` (open, a deadline breached),
      ``unsatisfied_open`` (rated unsatisfied and not cleared yet).

    Rates (per cent, 2 decimals, 0 when the base is empty):

    - **satisfaction rate** (R000-49): satisfied (plus basically satisfied when the
      preset counts it) ÷ rated (plus the unrated completed appeals when the preset puts
      them in the base);
    - **composite satisfaction score** (R003-38): (satisfied × 10 + basically satisfied
      × 6 + unsatisfied × 0) ÷ rated, on the 0–10 scale read as per cent (× 10); the
      weights are the preset's;
    - **resolution rate** (R003-29, R004-23): resolved ÷ completed;
    - **on-time completion rate** (R004-14), which is also the on-time reply rate of
      R004-17: on_time ÷ completed;
    - **correct-completion rate** (R004-14): correct ÷ completed;
    - **callback rate** (R004-17): callback ÷ completed;
    - **completion rate** (R004-17): received_completed ÷ received.
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
    )

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
        """{count: domain} of every count over appeals, for the period [start, end)."""
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
        return dict.fromkeys(self._count_domains(False, False), 0)

    @api.model
    def _counts(self, domain, start, end, groupby=(), counts=None):
        """{group key: {count: number}} of appeals matching ``domain``.

        :param groupby: ticket fields to group on (``()``: one group keyed ``()``)
        :param counts: names of the counts wanted (default: all of them)
        :return: a key is the tuple of the group values (records or selection values)
        """
        Ticket = self.env["helpdesk.ticket"]
        domains = self._count_domains(start, end)
        result = {}
        for name in counts or domains:
            full = Domain.AND([domain, domains[name]])
            for *key, count in Ticket._read_group(full, list(groupby), ["__count"]):
                result.setdefault(tuple(key), self._zero_counts())[name] = count
        return result

    @api.model
    def _rate(self, numerator, denominator):
        if not denominator:
            return 0.0
        return float_round(100.0 * numerator / denominator, 2)

    @api.model
    def _rates(self, counts, preset):
        """{rate: per cent} from one group's counts, under the company's preset."""
        basic_counts = preset.satisfaction_basic_counts if preset else True
        satisfied = counts["satisfied"] + (
            counts["basically_satisfied"] if basic_counts else 0
        )
        base = counts["rated"]
        if preset and preset.satisfaction_unrated_in_base:
            base = counts["completed"]
        weights = (
            (
                preset.satisfaction_weight_satisfied,
                preset.satisfaction_weight_basic,
                preset.satisfaction_weight_unsatisfied,
            )
            if preset
            else (10.0, 6.0, 0.0)
        )
        score = (
            counts["satisfied"] * weights[0]
            + counts["basically_satisfied"] * weights[1]
            + counts["unsatisfied"] * weights[2]
        )
        completed = counts["completed"]
        return {
            "satisfaction_rate": self._rate(satisfied, base),
            # R003-38's 0–10 scale read as per cent: 8.5 is 85 points.
            "composite_score": self._rate(score / 10.0, counts["rated"]),
            "resolution_rate": self._rate(counts["resolved"], completed),
            "on_time_rate": self._rate(counts["on_time"], completed),
            "correct_rate": self._rate(counts["correct"], completed),
            "callback_rate": self._rate(counts["callback"], completed),
            "completion_rate": self._rate(
                counts["received_completed"], counts["received"]
            ),
        }

    @api.model
    def _company_rates(self, company, date_from, date_to, domain=None):
        """(counts, rates) of one company's appeals over local dates, in one call: the
        entry point for the appraisal and for tests."""
        start, end = self._period_bounds(company, date_from, date_to)
        counts = (
            self.sudo()
            ._counts(
                Domain.AND([domain or [], [("company_id", "=", company.id)]]),
                start,
                end,
            )
            .get((), self._zero_counts())
        )
        return counts, self._rates(counts, company.complaint_preset_id)

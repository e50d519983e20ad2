from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import APPRAISAL

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class HelpdeskAppraisalPeriod(models.Model):
    """One calendar month of a company's appraisal (C-13). Once locked, nothing that
    counts in it can be created or changed (C-09); corrections go into an open month.

    The one place that knows which months are locked and which is the first open one.
    What "confirming into a locked month" means on each path:

    - a user action that would confirm deductions into a locked month (confirming a
      line now, a finding whose contest window ends in it, rejecting a contest) is
      refused before anything is written, naming the month and from which month on to
      act (``_check_open_to_confirm``);
    - what the system confirms or corrects (the cron once the contest window ended, the
      generators when a fact changes, a verdict is archived or an event time is
      corrected) goes into the first open month from the month it belongs to
      (``_first_open``), linked to the locked month it was late for or to the line it
      corrects. Recording a fact is never refused because of a lock.

    Quarters and years are periods too (the heating scheme's cycles, R003-02); the
    ledger only ever books into months.
    """

    _name = "helpdesk.appraisal.period"
    _description = "Appraisal Period"
    _order = "date_start desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        string="Cycle",
        default="month",
        required=True,
        index=True,
    )
    date_start = fields.Date(required=True, index=True)
    date_end = fields.Date(
        compute="_compute_name",
        store=True,
        readonly=False,
        help="The calendar month, quarter or year by default; a statistics cut-off "
        "(C-13) may end it on another day.",
    )
    state = fields.Selection(
        [("open", "Unlocked"), ("locked", "Locked")],
        default="open",
        required=True,
        readonly=True,
    )
    locked_at = fields.Datetime(readonly=True)
    locked_by_id = fields.Many2one("res.users", readonly=True)

    _company_month_uniq = models.Constraint(
        "UNIQUE(company_id, period_type, date_start)",
        "A company has one appraisal period per month, quarter and year.",
    )

    @api.depends("date_start", "period_type")
    def _compute_name(self):
        for period in self:
            start = period.date_start
            months = PERIOD_MONTHS[period.period_type or "month"]
            period.date_end = start and start + relativedelta(months=months, days=-1)
            if not start:
                period.name = False
            elif period.period_type == "year":
                period.name = start.strftime("%Y")
            elif period.period_type == "quarter":
                period.name = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
            else:
                period.name = start.strftime("%Y-%m")

    @api.constrains("date_start", "date_end", "period_type", "company_id")
    def _check_no_overlap(self):
        """Periods of one cycle never overlap: a line or an appeal belongs to one
        month."""
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(
                    self.env._("An appraisal period cannot end before it starts.")
                )
            other = self.search(
                [
                    ("id", "!=", period.id),
                    ("company_id", "=", period.company_id.id),
                    ("period_type", "=", period.period_type),
                    ("date_start", "<=", period.date_end),
                    ("date_end", ">=", period.date_start),
                ],
                order="state",
                limit=1,
            )
            if other.state == "locked":
                raise ValidationError(
                    self.env._(
                        "%(period)s overlaps the locked appraisal period %(locked)s: "
                        "a locked period cannot change, so the new one must start "
                        "after it ends.",
                        period=period.name,
                        locked=other.name,
                    )
                )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(period)s overlaps the appraisal period %(other)s of the "
                        "same cycle.",
                        period=period.name,
                        other=other.name,
                    )
                )

    @api.model
    def _for_date(self, company, day):
        """The period of ``day``'s month, created on first use."""
        day = fields.Date.to_date(day)
        period = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_start", "<=", day),
                ("date_end", ">=", day),
            ],
            limit=1,
        )
        return period or self.sudo().create(
            {"company_id": company.id, "date_start": day.replace(day=1)}
        )

    @api.model
    def _for_moment(self, company, when):
        """The period of the month ``when`` (UTC) falls in where the company works."""
        return self._for_date(company, company._complaint_local_date(when))

    def action_lock(self):
        if not self.env.user.has_group(APPRAISAL):
            raise AccessError(self.env._("Only appraisal officers lock a month."))
        self.write(
            {
                "state": "locked",
                "locked_at": fields.Datetime.now(),
                "locked_by_id": self.env.uid,
            }
        )

    def _check_open(self):
        locked = self.filtered(lambda period: period.state == "locked")
        if locked:
            raise UserError(
                self.env._(
                    "The appraisal of %(month)s is locked: nothing in it can be added "
                    "or changed. Record the correction in an open month.",
                    month=", ".join(locked.mapped("name")),
                )
            )

    @api.model
    def _first_open(self, company, day):
        """The first month of ``company`` from ``day``'s month on that is not locked:
        where what arrives too late for a locked month counts (C-09)."""
        period = self._for_date(company, day)
        while period.state == "locked":
            period = self._for_date(company, period.date_end + relativedelta(days=1))
        return period

    def _check_open_to_confirm(self, action):
        """A user's ``action`` would confirm deductions into this month: refused while
        it is locked, saying from when the action counts in the first open month."""
        self.ensure_one()
        if self.state != "locked":
            return
        following = self._first_open(self.company_id, self.date_end)
        raise UserError(
            self.env._(
                "%(action)s would put deductions into %(month)s, whose appraisal is "
                "locked. Do it from %(next)s on: they then count in %(next)s.",
                action=action,
                month=self.name,
                next=following.name,
            )
        )

import calendar as month_calendar
from datetime import time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]

REPORT_KINDS = [
    ("daily_monitor", "Daily Monitor"),
    ("weekly_statistics", "Weekly Statistics"),
    ("monthly_analysis", "Monthly Analysis"),
    ("month_end_count", "Month-end Count per Department"),
    ("meeting_pack", "Monthly Meeting Pack"),
    ("unit_analysis", "Unit Analysis"),
    ("circular", "Circular"),
    ("joint_analysis", "Joint Analysis"),
]

# Preset toggles of seed 004 that switch a schedule on (RULES.md §6).
FEATURES = [
    ("feature_daily_monitor", "Daily Monitor, Weekly Circular, Monthly Analysis"),
    ("feature_joint_analysis", "Joint Analysis"),
]


class HelpdeskReportSchedule(models.Model):
    """When a periodic report covers which period and when it is due (R000-77, R000-78,
    R000-09, R000-10, R002-41, R002-42, R004-01, R004-04, R004-08).

    A schedule runs for the companies whose preset lists it, or whose preset has its
    seed-004 feature on. The due date is counted on the company's complaint calendar,
    so a holiday or a make-up working day moves it as the rule says.
    """

    _name = "helpdesk.report.schedule"
    _description = "Report Schedule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(REPORT_KINDS, required=True)
    rule_ref = fields.Char(string="Rules")
    preset_ids = fields.Many2many(
        "helpdesk.complaint.preset",
        "helpdesk_report_schedule_preset_rel",
        "schedule_id",
        "preset_id",
        string="Presets",
        help="Companies under these presets always produce this report.",
    )
    feature = fields.Selection(
        FEATURES,
        string="Preset Feature",
        help="Other presets produce it when this feature of theirs is on, unless they "
        "have a report of the same kind of their own.",
    )

    # --- Period ---
    period = fields.Selection(
        [("daily", "Day"), ("weekly", "Week"), ("monthly", "Month")],
        required=True,
        default="monthly",
    )
    week_end_weekday = fields.Selection(
        WEEKDAYS,
        string="Week Ends On",
        default="3",
        help="The statistics week ends on this day: Friday 00:00 to Thursday 24:00 "
        "(R000-77).",
    )
    per_department = fields.Boolean(
        help="One report per department that had complaints, criticisms or suggestions "
        "in the period, written by the department (R002-41)."
    )

    # --- Due date ---
    due_rule = fields.Selection(
        [
            ("weekday", "On a Weekday after the Period"),
            ("day_of_month", "On a Day of the Next Month"),
            ("working_days", "Working Days after the Period"),
        ],
        required=True,
        default="working_days",
    )
    due_weekday = fields.Selection(WEEKDAYS, default="4")
    due_day = fields.Integer(string="Due Day of the Month", default=28)
    due_day_february = fields.Integer(string="Due Day in February", default=26)
    due_working_days = fields.Integer(default=1)
    rest_day = fields.Selection(
        [
            ("previous", "Last Working Day Before"),
            ("keep", "Same Calendar Date"),
        ],
        string="Due on a Rest Day",
        default="previous",
        required=True,
        help="When the due day is a rest day: the report is due by the end of the last "
        "working day before it (R000-77), or still on that date (R000-50's reading).",
    )
    presented_weekday = fields.Selection(
        WEEKDAYS,
        string="Presented On",
        help="The day after the due date the report is presented, e.g. at Monday's "
        "managers' office meeting (R000-77).",
    )

    # --- Review and circulation ---
    responsible = fields.Selection(
        [
            ("office", "Response Office"),
            ("department", "The Department"),
            ("service_leader", "Service Deputy GM"),
        ],
        required=True,
        default="office",
    )
    review_required = fields.Boolean(
        string="General Manager Reviews", help="The GM reviews it first (R000-78)."
    )
    circulate_leaders = fields.Boolean(
        string="Circulate to the Leadership",
        help="Sent by mail to every leader of the company (R000-78).",
    )
    circulate_departments = fields.Boolean(
        string="Circulate to the Departments Concerned",
        help="Sent by mail to the heads of the departments in its figures.",
    )

    _numbers_valid = models.Constraint(
        "CHECK(due_day BETWEEN 1 AND 31 AND due_day_february BETWEEN 1 AND 29 "
        "AND due_working_days >= 0)",
        "Due days must be days of a month and working days cannot be negative.",
    )

    # ------------------------------------------------------------------
    # Which schedules a company runs
    # ------------------------------------------------------------------

    @api.model
    def _for_company(self, company):
        """The schedules this company's preset runs."""
        preset = company.complaint_preset_id
        if not preset:
            return self.browse()
        # A handful of schedules; which one applies depends on computed flags.
        schedules = self.search([])  # pylint: disable=no-search-all
        own = schedules.filtered(lambda s: preset in s.preset_ids)
        featured = schedules.filtered(
            lambda s: (
                s.feature
                and preset not in s.preset_ids
                and preset[s.feature]
                and s.kind not in own.mapped("kind")
            )
        )
        return own | featured

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------

    def _last_closed_period(self, today):
        """(first day, last day) of the latest period that ended before ``today``."""
        self.ensure_one()
        if self.period == "daily":
            day = today - timedelta(days=1)
            return day, day
        if self.period == "weekly":
            back = (today.weekday() - int(self.week_end_weekday)) % 7 or 7
            end = today - timedelta(days=back)
            return end - timedelta(days=6), end
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end

    # ------------------------------------------------------------------
    # Due dates
    # ------------------------------------------------------------------

    @api.model
    def _working_day_end(self, calendar, day):
        """Naive UTC end of working hours of the local ``day``, False on a rest day."""
        tz = calendar._sla_tz()
        end = calendar._sla_working_day_end(
            calendar._sla_utc(day - timedelta(days=1), tz, time(12)), 1
        )[0]
        return end if calendar._sla_local(end, tz).date() == day else False

    @api.model
    def _last_working_day(self, calendar, day):
        """(the last working day on or before ``day``, the end of its working hours)."""
        for back in range(366):
            candidate = day - timedelta(days=back)
            end = self._working_day_end(calendar, candidate)
            if end:
                return candidate, end
        return day, False

    def _nominal_due_day(self, date_to):
        """The calendar day the rule names, before rest days are considered."""
        self.ensure_one()
        if self.due_rule == "weekday":
            ahead = (int(self.due_weekday) - date_to.weekday() - 1) % 7 + 1
            return date_to + timedelta(days=ahead)
        month = date_to.replace(day=1) + relativedelta(months=1)
        day = self.due_day_february if month.month == 2 else self.due_day
        last = month_calendar.monthrange(month.year, month.month)[1]
        return month.replace(day=min(day, last))

    def _due(self, company, date_to):
        """(due date, naive UTC due time) of the report of a period ending ``date_to``.

        - weekday / day of the month: that day by the end of working hours; on a rest
          day, the last working day before it (R000-77) or the same date by its end
          (R000-78 with R000-50's reading), as the schedule says;
        - working days: the end of the N-th working day after the period (C-03).
        """
        self.ensure_one()
        calendar = company._get_complaint_calendar()
        tz = calendar._sla_tz()
        if self.due_rule == "working_days":
            start = calendar._sla_utc(date_to, tz, time(12))
            due_at = calendar._sla_deadline(
                start, self.due_working_days, "working_days", "next_day"
            )[0]
            return calendar._sla_local(due_at, tz).date(), due_at
        day = self._nominal_due_day(date_to)
        end = self._working_day_end(calendar, day)
        if end:
            return day, end
        if self.rest_day == "previous":
            return self._last_working_day(calendar, day)
        return day, calendar._sla_utc(day, tz, time(23, 59, 59))

    def _presented_on(self, date_to):
        self.ensure_one()
        if not self.presented_weekday or self.due_rule != "weekday":
            return False
        nominal = self._nominal_due_day(date_to)
        ahead = (int(self.presented_weekday) - nominal.weekday() - 1) % 7 + 1
        return nominal + timedelta(days=ahead)

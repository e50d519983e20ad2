import functools
import logging
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import ormcache
from odoo.tools.date_utils import float_to_time
from odoo.tools.intervals import Intervals

from ..deadline_arithmetic import COUNTINGS, UNITS, WorkingTime, YearSchedule
from .resource_calendar_makeup_day import IMPORT_SOURCES

_logger = logging.getLogger(__name__)

try:
    import chinese_calendar
    import holidays as holidays_lib
except (
    ImportError
):  # declared in external_dependencies; Odoo refuses to install without
    _logger.debug("chinesecalendar or holidays is not installed")
    chinese_calendar = holidays_lib = None

# pytz objects are immutable; looking one up per deadline showed in profiles.
_timezone = functools.lru_cache(maxsize=32)(pytz.timezone)
# Context key: a bulk change (holiday import) notifies once at its end, not per record.
DEFER_HOOK = "defer_working_time_hook"


def _min_open(a, b):
    """The earlier of two dates where False is an open (unbounded) end."""
    return a and b and min(a, b)


def _max_open(a, b):
    return a and b and max(a, b)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    use_china_holidays = fields.Boolean(
        string="Chinese Holidays",
        help="Keep the statutory holidays and make-up working days of mainland China "
        "in this calendar: the current and next year are loaded every month.",
    )
    makeup_day_ids = fields.One2many(
        "resource.calendar.makeup.day",
        "calendar_id",
        string="Make-up Working Days",
        copy=True,
    )
    holiday_year_ids = fields.One2many(
        "resource.calendar.holiday.year",
        "calendar_id",
        string="Holiday Years",
        copy=True,
    )

    # ------------------------------------------------------------------
    # Make-up working days in Odoo's own interval computation
    # ------------------------------------------------------------------

    def _attendance_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        """Add the make-up working days, so that ``_work_intervals_batch``,
        ``plan_hours``, ``plan_days`` and everything built on them count them."""
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources=resources, domain=domain, tz=tz, lunch=lunch
        )
        if self.flexible_hours:
            return result
        # Widened by a day: the bounds are compared again in each resource's timezone.
        first, last = (
            start_dt.date() - timedelta(days=1),
            end_dt.date() + timedelta(days=1),
        )
        makeup_days = self.sudo().makeup_day_ids.filtered(
            lambda day: first <= day.date <= last
        )
        if not makeup_days:
            return result

        attendances = self.env["resource.calendar.attendance"].search(
            Domain.AND(
                [
                    Domain(domain or Domain.TRUE),
                    Domain("calendar_id", "=", self.id),
                    Domain("display_type", "=", False),
                    Domain("day_period", "!=" if not lunch else "=", "lunch"),
                ]
            )
        )
        week_type_of = self.env["resource.calendar.attendance"].get_week_type
        regular_days = {
            (attendance.dayofweek, self.two_weeks_calendar and attendance.week_type)
            for attendance in self.sudo().attendance_ids
            if not attendance.display_type and attendance.day_period != "lunch"
        }

        resources_list = [self.env["resource.resource"]]
        resource_calendars = {}
        if resources:
            resources_list = list(resources) + resources_list
            resource_calendars = resources._get_calendar_at(start_dt, tz)
        resources_per_tz = defaultdict(list)
        for resource in resources_list:
            calendar = resource_calendars.get(resource) if resource else self
            if not calendar or calendar.flexible_hours:
                continue  # flexible schedules have no fixed working days to make up
            resources_per_tz[tz or pytz.timezone((resource or self).tz)].append(
                resource
            )

        for local_tz, tz_resources in resources_per_tz.items():
            low, high = start_dt.astimezone(local_tz), end_dt.astimezone(local_tz)
            items = []
            for day in makeup_days:
                week_type = self.two_weeks_calendar and str(week_type_of(day.date))
                if (str(day.date.weekday()), week_type) in regular_days:
                    continue  # already a working day: nothing to make up
                for attendance in attendances:
                    if attendance.dayofweek != day.weekday_pattern or (
                        week_type and attendance.week_type != week_type
                    ):
                        continue
                    day_from = local_tz.localize(
                        datetime.combine(day.date, float_to_time(attendance.hour_from))
                    )
                    day_to = local_tz.localize(
                        datetime.combine(day.date, float_to_time(attendance.hour_to))
                    )
                    if max(low, day_from) < min(high, day_to):
                        items.append(
                            (max(low, day_from), min(high, day_to), attendance)
                        )
            if items:
                extra = Intervals(items, keep_distinct=True)
                for resource in tz_resources:
                    result[resource.id] = result[resource.id] | extra
        return result

    # ------------------------------------------------------------------
    # Change tracking: cached schedules and the hook for the SLA engine
    # ------------------------------------------------------------------

    def _on_working_time_changed(self, date_from, date_to):
        """Recompute the open deadlines that count time on this calendar.

        Called after holidays, make-up working days, attendances or the state of a
        holiday year changed. ``date_from``/``date_to`` are ``datetime.date`` bounds of
        the change, False for an open end; a deadline before the change or a clock that
        started after it cannot move (a day of margin covers the time zone).
        """
        domain = [
            ("reached_at", "=", False),
            ("status", "in", ("running", "paused", "breached")),
        ]
        if date_from:
            domain.append(("deadline", ">=", date_from - timedelta(days=1)))
        if date_to:
            domain.append(("start_at", "<=", date_to + timedelta(days=1)))
        Line = self.env["helpdesk.ticket.deadline"].sudo()
        lines = Line.search(domain).filtered(
            lambda line: line.policy_id._get_calendar(line.company_id) == self
        )
        Line._sync_tickets(lines.ticket_id)

    @api.model
    def _working_time_changed_batch(self, spans):
        """Drop cached schedules and call the hook once per calendar.

        :param spans: iterable of ``(calendar, date_from, date_to)``
        """
        merged = {}
        for calendar, date_from, date_to in spans:
            if calendar in merged:
                low, high = merged[calendar]
                merged[calendar] = (_min_open(low, date_from), _max_open(high, date_to))
            else:
                merged[calendar] = (date_from, date_to)
        if not merged:
            return
        self.env.registry.clear_cache()
        if self.env.context.get(DEFER_HOOK):
            return
        for calendar, (date_from, date_to) in merged.items():
            calendar._on_working_time_changed(date_from, date_to)

    def _working_time_changed(self, date_from=False, date_to=False):
        self.env["resource.calendar"]._working_time_changed_batch(
            [(calendar, date_from, date_to) for calendar in self]
        )

    def write(self, vals):
        result = super().write(vals)
        if {
            "tz",
            "two_weeks_calendar",
            "flexible_hours",
            "schedule_type",
            "hours_per_day",
            "duration_based",
        } & set(vals):
            self._working_time_changed()
        return result

    # ------------------------------------------------------------------
    # Chinese holidays: import, monthly refresh
    # ------------------------------------------------------------------

    @api.model
    def _china_arrangement_covers(self, year):
        """Whether chinesecalendar holds the official arrangement of ``year``."""
        known = chinese_calendar.constants.holidays
        return min(known).year <= year <= max(known).year

    @api.model
    def _check_holiday_years(self, from_year, to_year):
        if from_year > to_year:
            raise ValidationError(
                self.env._(
                    "The first year (%(from_year)s) comes after the last one "
                    "(%(to_year)s).",
                    from_year=from_year,
                    to_year=to_year,
                )
            )
        low, high = holidays_lib.China.start_year, holidays_lib.China.end_year
        if from_year < low or to_year > high:
            raise ValidationError(
                self.env._(
                    "Chinese holidays can be loaded for the years %(low)s to %(high)s "
                    "only.",
                    low=low,
                    high=high,
                )
            )

    def _load_china_holidays(self, from_year, to_year):
        """Load the years ``from_year``..``to_year`` into these calendars.

        A year chinesecalendar covers gets the official holidays and make-up working
        days and is confirmed; a later year gets the statutory holidays of ``holidays``
        only and stays provisional. Re-running replaces what an import created for that
        year, never records entered by hand. A year confirmed by hand is left alone
        until chinesecalendar covers it.

        :return: the holiday year records
        """
        self._check_holiday_years(from_year, to_year)
        years = self.env["resource.calendar.holiday.year"]
        for calendar in self:
            deferred = calendar.with_context(
                **{DEFER_HOOK: True, "mail_create_nolog": True}
            )
            for year in range(from_year, to_year + 1):
                years |= deferred._load_china_holiday_year(year)
            calendar._working_time_changed(date(from_year, 1, 1), date(to_year, 12, 31))
        return years.with_env(self.env)

    def _load_china_holiday_year(self, year):
        self.ensure_one()
        Year = self.env["resource.calendar.holiday.year"]
        record = Year.search([("calendar_id", "=", self.id), ("year", "=", year)])
        if self._china_arrangement_covers(year):
            source, state = "chinesecalendar", "confirmed"
            holidays = {
                day: name
                for day, name in chinese_calendar.constants.holidays.items()
                if day.year == year
            }
            makeups = {
                day: name
                for day, name in chinese_calendar.constants.workdays.items()
                if day.year == year
            }
        elif record.state == "confirmed":
            return record  # the administrator's arrangement wins over computed days
        else:
            source, state = "holidays", "provisional"
            holidays = dict(holidays_lib.China(years=year).items())
            makeups = {}

        tz = self._sla_tz()
        year_from = self._sla_utc(date(year, 1, 1), tz)
        year_to = self._sla_utc(date(year + 1, 1, 1), tz)
        Leave = self.env["resource.calendar.leaves"]
        leave_domain = [
            ("calendar_id", "=", self.id),
            ("resource_id", "=", False),
            ("date_from", ">=", year_from),
            ("date_from", "<", year_to),
        ]
        Leave.search(leave_domain + [("holiday_source", "in", IMPORT_SOURCES)]).unlink()
        MakeupDay = self.env["resource.calendar.makeup.day"]
        makeup_domain = [
            ("calendar_id", "=", self.id),
            ("date", ">=", date(year, 1, 1)),
            ("date", "<=", date(year, 12, 31)),
        ]
        MakeupDay.search(makeup_domain + [("source", "in", IMPORT_SOURCES)]).unlink()

        # Days the administrator already entered by hand keep their own record.
        manual_leaves = Leave.search(
            [
                ("calendar_id", "=", self.id),
                ("resource_id", "=", False),
                ("date_from", "<", year_to),
                ("date_to", ">=", year_from),
                ("holiday_source", "not in", IMPORT_SOURCES),
            ]
        )
        manual_makeup = set(MakeupDay.search(makeup_domain).mapped("date"))

        def covered(day):
            day_from = self._sla_utc(day, tz)
            day_to = self._sla_utc(day + timedelta(days=1), tz) - timedelta(seconds=1)
            return any(
                leave.date_from <= day_from and leave.date_to >= day_to
                for leave in manual_leaves
            )

        # Consecutive days of one holiday become one time off, as one would enter it.
        runs = []
        for day in sorted(holidays):
            if covered(day):
                continue
            if (
                runs
                and runs[-1][1] + timedelta(days=1) == day
                and runs[-1][2] == holidays[day]
            ):
                runs[-1][1] = day
            else:
                runs.append([day, day, holidays[day]])
        Leave.create(
            [
                {
                    "name": name,
                    "calendar_id": self.id,
                    "resource_id": False,
                    "time_type": "leave",
                    "date_from": self._sla_utc(first, tz),
                    "date_to": self._sla_utc(last + timedelta(days=1), tz)
                    - timedelta(seconds=1),
                    "holiday_source": source,
                }
                for first, last, name in runs
            ]
        )
        MakeupDay.create(
            [
                {"calendar_id": self.id, "date": day, "name": name, "source": source}
                for day, name in sorted(makeups.items())
                if day not in manual_makeup
            ]
        )
        values = {"state": state, "source": source, "loaded_at": fields.Datetime.now()}
        if record:
            record.write(values)
        else:
            record = Year.create(dict(values, calendar_id=self.id, year=year))
        return record

    @api.model
    def _cron_refresh_china_holidays(self, years_ahead=1):
        """Monthly: load the current year and ``years_ahead`` more, upgrade provisional
        years chinesecalendar now covers, and ask for the arrangement of the others."""
        for calendar in self.search([("use_china_holidays", "=", True)]):
            today = datetime.now(calendar._sla_tz()).date()
            known = {record.year: record for record in calendar.holiday_year_ids}
            to_load = {
                year
                for year in range(today.year, today.year + years_ahead + 1)
                if year not in known
            }
            to_load |= {
                year
                for year, record in known.items()
                if record.state == "provisional"
                and self._china_arrangement_covers(year)
            }
            for year in sorted(to_load):
                calendar._load_china_holidays(year, year)
            calendar.holiday_year_ids._ensure_arrangement_activity()

    def action_open_holiday_import(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_resource_calendar_holiday_import"
        )
        action["context"] = {"default_calendar_id": self.id}
        return action

    # ------------------------------------------------------------------
    # SLA arithmetic: deadline_arithmetic on a cached schedule per (calendar, year)
    # ------------------------------------------------------------------

    @ormcache("self.id")
    def _sla_tz_name(self):
        """Read once, not on every deadline."""
        return self.tz or "UTC"

    def _sla_tz(self):
        return _timezone(self._sla_tz_name())

    @api.model
    def _sla_local(self, instant, tz):
        """A naive UTC datetime as an aware local one."""
        return pytz.utc.localize(instant).astimezone(tz)

    @api.model
    def _sla_utc(self, local_day, tz, at=time.min):
        """Naive UTC datetime of ``at`` o'clock on a local date."""
        return (
            tz.localize(datetime.combine(local_day, at))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )

    @ormcache("self.id", "year")
    def _sla_year_schedule(self, year):
        """Effective working time of one local year, built once from Odoo's own
        ``_work_intervals_batch`` (attendances, make-up days, global time off)."""
        calendar = self.sudo()
        tz = calendar._sla_tz()
        intervals = calendar._work_intervals_batch(
            tz.localize(datetime(year, 1, 1)),
            tz.localize(datetime(year + 1, 1, 1)),
            tz=tz,
        )[False]
        confirmed = bool(
            self.env["resource.calendar.holiday.year"]
            .sudo()
            .search_count(
                [
                    ("calendar_id", "=", self.id),
                    ("year", "=", year),
                    ("state", "=", "confirmed"),
                ]
            )
        )
        return YearSchedule.from_intervals(
            [(start, stop) for start, stop, _meta in intervals], confirmed
        )

    def _sla_working_time(self):
        """This calendar's working time for ``deadline_arithmetic``: build one per
        batch of deadlines, it keeps the schedules it reads."""
        self.ensure_one()
        return WorkingTime(
            self._sla_tz(), self._sla_year_schedule, self._sla_no_working_time
        )

    def _sla_no_working_time(self, year):
        return UserError(
            self.env._(
                "The working calendar %(calendar)s has no working time in %(year)s.",
                calendar=self.name,
                year=year,
            )
        )

    @api.model
    def _sla_naive_utc(self, value):
        if not isinstance(value, datetime):
            raise UserError(self.env._("A deadline needs a start date and time."))
        if value.tzinfo:
            value = value.astimezone(pytz.utc).replace(tzinfo=None)
        return value

    def _sla_check(self, duration, unit, counting="event"):
        if unit not in UNITS:
            raise UserError(self.env._("Unknown deadline unit: %(unit)s.", unit=unit))
        if counting not in COUNTINGS:
            raise UserError(
                self.env._(
                    "Unknown way of counting days: %(counting)s.", counting=counting
                )
            )
        if isinstance(duration, bool) or not isinstance(duration, (int, float)):
            raise ValidationError(self.env._("A deadline duration must be a number."))
        if duration < 0:
            raise ValidationError(
                self.env._(
                    "A deadline duration cannot be negative (%(duration)s).",
                    duration=duration,
                )
            )

    def _sla_working_day_end(self, start, days):
        """(deadline, provisional): end of working hours on the ``days``-th working day
        after the local date of ``start`` (C-03: the start day itself never counts)."""
        self.ensure_one()
        return self._sla_working_time().working_day_end(
            self._sla_naive_utc(start), days
        )

    def _sla_deadline(self, start, duration, unit, counting="event"):
        """Deadline of a milestone that starts at ``start``.

        :param start: naive UTC datetime (the calendar's timezone decides local days)
        :param duration: a number >= 0
        :param unit: minutes, clock_hours, calendar_days, working_hours or working_days
        :param counting: "event" counts from the instant; "next_day" counts whole days
            from the day after the start (C-03), for calendar and working days
        :return: (naive UTC deadline, provisional); provisional is True when working
            time was counted through a year whose holiday arrangement is not confirmed
        """
        self.ensure_one()
        self._sla_check(duration, unit, counting)
        return self._sla_working_time().deadline(
            self._sla_naive_utc(start), duration, unit, counting
        )

    def _sla_working_days(self, start, end):
        """Working days from ``start`` to ``end`` (0 when ``end`` <= ``start``): each
        working day counts as one whatever its length, a part of one for the share of
        its working time."""
        self.ensure_one()
        return self._sla_working_time().working_days(
            self._sla_naive_utc(start), self._sla_naive_utc(end)
        )

    def _sla_add_working_time(self, start, hours):
        """Naive UTC instant ``hours`` working hours after ``start`` (e.g. after a
        pause)."""
        self.ensure_one()
        self._sla_check(hours, "working_hours")
        return self._sla_working_time().plan_work(
            self._sla_naive_utc(start), hours * 3600
        )[0]

    def _sla_work_hours(self, start, end):
        """Working hours between two naive UTC instants (0 when ``end`` <=
        ``start``)."""
        self.ensure_one()
        return self._sla_working_time().work_hours(
            self._sla_naive_utc(start), self._sla_naive_utc(end)
        )

    def _sla_overdue(self, deadline, stop, unit):
        """How late ``stop`` is against ``deadline``.

        :return: (overdue_in_unit, overdue_working_days), see
            ``WorkingTime.overdue``: in the milestone's unit, and in whole working days
            rounded up, at least 1 whenever ``stop`` is after ``deadline`` (C-05).
            (0, 0) when on time.
        """
        self.ensure_one()
        self._sla_check(0, unit)
        return self._sla_working_time().overdue(
            self._sla_naive_utc(deadline), self._sla_naive_utc(stop), unit
        )

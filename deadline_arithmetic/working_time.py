"""Working time of a calendar, per local year, and the deadlines counted on it.

Instants are naive UTC datetimes, as Odoo stores them; inside a year they are seconds
since the epoch, so that a deadline is a bisection in a sorted table.
"""

import math
from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

import pytz

EPOCH = datetime(1970, 1, 1)
CLOCK_SECONDS = {"minutes": 60, "clock_hours": 3600, "calendar_days": 86400}
CLOCK_UNITS = tuple(CLOCK_SECONDS)
WORKING_UNITS = ("working_hours", "working_days")
UNITS = CLOCK_UNITS + WORKING_UNITS
COUNTINGS = ("event", "next_day")


def to_epoch(value):
    return (value - EPOCH).total_seconds()


def from_epoch(seconds):
    return EPOCH + timedelta(seconds=seconds)


def _round_half_up(value, digits):
    """``value`` rounded to ``digits`` decimals, half away from zero, tolerant of
    float noise the way ``odoo.tools.float_round`` is (same result)."""
    if not value:
        return 0.0
    normalized = value * 10**digits
    epsilon = 2 ** (math.log2(abs(normalized)) - 50)
    shifted = normalized + math.copysign(epsilon, normalized)
    rounded = round(shifted)
    if round(shifted + 1) - rounded != 1:  # a tie: away from zero
        rounded = shifted + math.copysign(0.5, shifted)
    return math.copysign(rounded, shifted) / 10**digits


class YearSchedule(NamedTuple):
    """One local year of a calendar's effective working time, as plain numbers.

    Instants are UTC seconds since the epoch. ``cum[i]`` is the working time from the
    start of the year to the end of interval ``i``; ``dates`` are the local working
    dates (ordinals), ``day_ends`` the end of the last work interval of each and
    ``day_cum`` the working time from the start of the year to that end.
    ``confirmed``: the year's official holiday arrangement is known.
    """

    starts: tuple
    ends: tuple
    cum: tuple
    dates: tuple
    day_ends: tuple
    day_cum: tuple
    total: float
    confirmed: bool

    @classmethod
    def from_intervals(cls, intervals, confirmed):
        """The schedule of sorted work intervals ``(start, stop)``, aware local
        datetimes of one year (holidays left out, make-up days in)."""
        starts, ends, cum, dates, day_ends, day_cum = [], [], [], [], [], []
        total = 0.0
        for start, stop in intervals:
            begin = to_epoch(start.astimezone(pytz.utc).replace(tzinfo=None))
            end = to_epoch(stop.astimezone(pytz.utc).replace(tzinfo=None))
            total += end - begin
            starts.append(begin)
            ends.append(end)
            cum.append(total)
            day = start.date().toordinal()
            if dates and dates[-1] == day:
                day_ends[-1], day_cum[-1] = end, total
            else:
                dates.append(day)
                day_ends.append(end)
                day_cum.append(total)
        return cls(
            tuple(starts),
            tuple(ends),
            tuple(cum),
            tuple(dates),
            tuple(day_ends),
            tuple(day_cum),
            total,
            confirmed,
        )

    def worked_before(self, instant):
        """Working seconds of this year before ``instant``."""
        i = bisect_right(self.starts, instant) - 1
        if i < 0:
            return 0.0
        return self.cum[i] - max(0.0, self.ends[i] - instant)

    def instant_at(self, worked):
        """The instant at which ``worked`` (0 < worked <= total) seconds are done."""
        # min(): float noise may put ``worked`` a hair past the last interval.
        i = min(bisect_left(self.cum, worked), len(self.cum) - 1)
        return self.ends[i] - (self.cum[i] - worked)

    def day_at(self, instant):
        """Index of the working day on which counting from ``instant`` starts: the day
        under way, else the next one (``len(dates)`` when none is left this year)."""
        return bisect_right(self.day_ends, instant)

    def worked_before_day(self, index):
        """Working seconds of this year before working day ``index``."""
        return self.day_cum[index - 1] if index else 0.0

    def day_seconds(self, index):
        return self.day_cum[index] - self.worked_before_day(index)

    def day_position(self, instant, worked=None):
        """Working days of this year done before ``instant``, the day under way
        counting for the share of its own working time already done. ``worked``:
        ``worked_before(instant)``, when the caller has it."""
        index = self.day_at(instant)
        if index == len(self.dates):
            return float(index)
        before = self.worked_before_day(index)
        if worked is None:
            worked = self.worked_before(instant)
        done = max(0.0, worked - before)
        return index + done / (self.day_cum[index] - before)


class NoWorkingTime(ValueError):
    """Working time was counted through a year without any."""

    def __init__(self, year):
        super().__init__(f"no working time in {year}")
        self.year = year


class WorkingTime:
    """A calendar's time zone and working time, and the deadline arithmetic on them.

    ``year_schedule(year)`` returns the `YearSchedule` of a local year (the models
    build it once from Odoo's work intervals and cache it); each is asked once per
    instance. ``no_working_time(year)`` returns the exception raised when counting
    goes through a year without working time. Working days are the calendar's days,
    not a number of hours: a whole working day is the working time of one day, a
    fraction that fraction of the day on which counting starts (R000-12, C-03).
    """

    def __init__(self, tz, year_schedule, no_working_time=NoWorkingTime):
        self.tz = tz
        self._year_schedule = year_schedule
        self._no_working_time = no_working_time
        self._schedules = {}
        self._year_starts = {}
        self._last_year = (EPOCH, EPOCH, None)  # (first instant, next year's, year)

    # ------------------------------------------------------------------
    # Local time
    # ------------------------------------------------------------------

    def local(self, instant):
        """A naive UTC datetime as an aware local one."""
        return pytz.utc.localize(instant).astimezone(self.tz)

    def utc(self, local_day, at=time.min):
        """Naive UTC datetime of ``at`` o'clock on a local date."""
        return (
            self.tz.localize(datetime.combine(local_day, at))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )

    def year_start(self, year):
        """Naive UTC instant at which the local ``year`` begins."""
        start = self._year_starts.get(year)
        if start is None:
            start = self._year_starts[year] = self.utc(date(year, 1, 1))
        return start

    def local_year(self, instant):
        """The local year of a naive UTC instant (a year starts at local midnight)."""
        low, high, year = self._last_year
        if low <= instant < high:
            return year
        year = instant.year
        if instant < self.year_start(year):
            year -= 1
        elif instant >= self.year_start(year + 1):
            year += 1
        self._last_year = (self.year_start(year), self.year_start(year + 1), year)
        return year

    # ------------------------------------------------------------------
    # Schedules
    # ------------------------------------------------------------------

    def year_schedule(self, year):
        """The year's schedule, even without any working time."""
        schedule = self._schedules.get(year)
        if schedule is None:
            schedule = self._schedules[year] = self._year_schedule(year)
        return schedule

    def schedule(self, year):
        """The year's schedule, to count working time through."""
        schedule = self.year_schedule(year)
        if not schedule.total:
            raise self._no_working_time(year)
        return schedule

    def provisional(self, first_year, last_year):
        """Whether a year of ``first_year``..``last_year`` is not confirmed."""
        if first_year == last_year:
            return not self.year_schedule(first_year).confirmed
        return not all(
            self.year_schedule(year).confirmed
            for year in range(first_year, last_year + 1)
        )

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------

    def deadline(self, start, duration, unit, counting="event"):
        """(deadline, provisional) of ``duration`` ``unit`` from ``start``.

        ``counting`` "next_day" counts whole calendar or working days from the day
        after the start (C-03): the deadline is the end of the last day. Provisional:
        working time was counted through a year whose arrangement is not confirmed.
        """
        whole = float(duration).is_integer()
        if unit == "minutes":
            return start + timedelta(minutes=duration), False
        if unit == "clock_hours":
            return start + timedelta(hours=duration), False
        if unit == "calendar_days":
            if counting == "next_day" and whole:
                last_day = self.local(start).date() + timedelta(days=int(duration))
                return self.utc(last_day, time(23, 59, 59)), False
            return start + timedelta(days=duration), False
        if unit == "working_days" and counting == "next_day" and whole and duration:
            return self.working_day_end(start, int(duration))
        if unit == "working_hours":
            return self.plan_work(start, duration * 3600)
        return self.plan_work(start, self.day_seconds(start, duration))

    def plan_work(self, start, seconds):
        """(deadline, provisional) after ``seconds`` of working time from ``start``.

        Counting starts at the next working period when ``start`` is outside one; a
        deadline that lands on the end of a period stays there (17:00, not 08:00 next
        day).
        """
        first_year = year = self.local_year(start)
        if not seconds:
            return start, self.provisional(year, year)
        schedule = self.schedule(year)
        done = schedule.worked_before(to_epoch(start))
        remaining = seconds
        while remaining > schedule.total - done:
            remaining -= schedule.total - done
            year += 1
            schedule = self.schedule(year)
            done = 0.0
        deadline = from_epoch(schedule.instant_at(done + remaining))
        return deadline, self.provisional(first_year, year)

    def working_day_end(self, start, days):
        """(deadline, provisional): end of working hours on the ``days``-th working
        day after the local date of ``start`` (C-03: the start day never counts)."""
        local_day = self.local(start).date()
        first_year = year = local_day.year
        schedule = self.schedule(year)
        index = bisect_right(schedule.dates, local_day.toordinal())
        while days > len(schedule.dates) - index:
            days -= len(schedule.dates) - index
            year += 1
            schedule = self.schedule(year)
            index = 0
        deadline = from_epoch(schedule.day_ends[index + days - 1])
        return deadline, self.provisional(first_year, year)

    def day_seconds(self, start, days):
        """Working seconds that ``days`` working days from ``start`` are worth.

        Each whole day is the working time of one working day, from the day on which
        counting starts (the day under way at ``start``, else the next working day);
        a fraction is that fraction of the working time of that first day (R000-12:
        half a working day is 2 hours on a 4-hour day).
        """
        whole, fraction = divmod(days, 1)
        year = self.local_year(start)
        schedule = self.schedule(year)
        index = schedule.day_at(to_epoch(start))
        while index == len(schedule.dates):
            year += 1
            schedule, index = self.schedule(year), 0
        seconds = fraction * schedule.day_seconds(index)
        remaining = int(whole)
        while remaining:
            taken = min(remaining, len(schedule.dates) - index)
            seconds += schedule.worked_before_day(
                index + taken
            ) - schedule.worked_before_day(index)
            remaining -= taken
            if remaining:
                year += 1
                schedule, index = self.schedule(year), 0
        return seconds

    # ------------------------------------------------------------------
    # Spans
    # ------------------------------------------------------------------

    def span(self, start, end):
        """(working seconds, working days) from ``start`` to ``end`` (``end`` after
        ``start``), in one pass over the schedules of the years between; each working
        day counts as one whatever its length, a part of one for the share of its
        working time."""
        first, last = self.local_year(start), self.local_year(end)
        begin, finish = to_epoch(start), to_epoch(end)
        opening = self.schedule(first)
        closing = opening if first == last else self.schedule(last)
        worked_at_start = opening.worked_before(begin)
        worked_at_end = closing.worked_before(finish)
        seconds = worked_at_end - worked_at_start
        days = closing.day_position(finish, worked_at_end) - opening.day_position(
            begin, worked_at_start
        )
        for year in range(first, last):
            schedule = opening if year == first else self.schedule(year)
            seconds += schedule.total
            days += len(schedule.dates)
        return seconds, days

    def worked_seconds(self, start, end):
        """Working seconds from ``start`` to ``end`` (``end`` after ``start``)."""
        first, last = self.local_year(start), self.local_year(end)
        begin, finish = to_epoch(start), to_epoch(end)
        if first == last:
            schedule = self.schedule(first)
            return schedule.worked_before(finish) - schedule.worked_before(begin)
        schedule = self.schedule(first)
        seconds = schedule.total - schedule.worked_before(begin)
        for year in range(first + 1, last):
            seconds += self.schedule(year).total
        return seconds + self.schedule(last).worked_before(finish)

    def work_hours(self, start, end):
        """Working hours from ``start`` to ``end`` (0 when ``end`` <= ``start``)."""
        if end <= start:
            return 0.0
        return self.worked_seconds(start, end) / 3600

    def working_days(self, start, end):
        """Working days from ``start`` to ``end`` (0 when ``end`` <= ``start``)."""
        if end <= start:
            return 0.0
        return self.span(start, end)[1]

    def overdue(self, deadline, stop, unit):
        """How late ``stop`` is against ``deadline``: (in the unit, working days).

        The first is clock minutes, hours or days for clock units, working hours or
        working days (see `span`) for working units. The second is the working time
        overdue in whole working days, rounded up, and at least 1 whenever ``stop`` is
        after ``deadline`` (C-05), even when the overdue time falls outside working
        hours. (0, 0) when on time.
        """
        if stop <= deadline:
            return 0, 0
        seconds, days = self.span(deadline, stop)
        # Rounded first so that float noise never turns exactly 2 days into 3.
        overdue_days = max(1, math.ceil(_round_half_up(days, 6)))
        if unit in CLOCK_SECONDS:
            in_unit = (stop - deadline).total_seconds() / CLOCK_SECONDS[unit]
        elif unit == "working_hours":
            in_unit = seconds / 3600
        else:
            in_unit = days
        return in_unit, overdue_days

"""A working calendar given as data, for the plain tests: weekly hours, holidays and
make-up working days, the way Odoo's work intervals give them to the models."""

from datetime import date, datetime, time, timedelta

import pytz

from deadline_arithmetic import WorkingTime, YearSchedule

BEIJING = pytz.timezone("Asia/Shanghai")
# 08:00-12:00 and 13:00-17:00, Monday (0) to Friday (4): the shipped calendar's hours.
EIGHT_HOUR_WEEK = {day: ((8, 12), (13, 17)) for day in range(5)}


def bj(*args):
    """Naive UTC datetime of a Beijing wall-clock time (UTC+8, no DST)."""
    return datetime(*args) - timedelta(hours=8)


def working_time(
    week=None, holidays=(), makeup_days=None, confirmed=(), tz=BEIJING, **kwargs
):
    """A `WorkingTime` on ``week`` ({weekday: ((from hour, to hour), ...)}) with
    ``holidays`` (dates off), ``makeup_days`` ({date: weekday worked like}) and the
    years in ``confirmed`` confirmed. Also returns the list of years read."""
    week = EIGHT_HOUR_WEEK if week is None else week
    holidays, makeup_days = set(holidays), makeup_days or {}
    years_read = []

    def year_schedule(year):
        years_read.append(year)
        intervals = []
        day = date(year, 1, 1)
        while day.year == year:
            pattern = makeup_days.get(day, day.weekday())
            for hour_from, hour_to in () if day in holidays else week.get(pattern, ()):
                intervals.append(
                    (
                        tz.localize(datetime.combine(day, time(hour_from))),
                        tz.localize(datetime.combine(day, time(hour_to))),
                    )
                )
            day += timedelta(days=1)
        return YearSchedule.from_intervals(intervals, year in confirmed)

    return WorkingTime(tz, year_schedule, **kwargs), years_read

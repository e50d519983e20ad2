"""Plain tests of the working-time arithmetic (C-02 to C-05, R000-07, R000-12).

No database: the calendar is data (weekly hours, holidays, make-up working days).
Run alone with ``python3 deadline_arithmetic/tests/test_working_time.py``; ``.ci/test``
runs it and counts each test. The last line is
``UNITTEST run=N failures=N errors=N skipped=N``.
"""

import sys
import unittest
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from deadline_arithmetic import NoWorkingTime  # noqa: E402
from deadline_arithmetic.tests.calendar_data import bj, working_time  # noqa: E402

NATIONAL_DAY_2026 = [date(2026, 10, 1) + timedelta(days=i) for i in range(7)]
NEW_YEAR_2027 = [date(2027, 1, 1)]
# Saturday 10 October 2026 is worked like a Friday.
MAKEUP_2026 = {date(2026, 10, 10): 4}
# Friday is a 4-hour day; Saturday 14 March 2026 is worked like a Friday.
SHORT_FRIDAYS = {
    **{day: ((8, 12), (13, 17)) for day in range(4)},
    4: ((8, 12),),
}


class TestWorkingHours(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.time, self.years = working_time(confirmed={2026})

    def test_c04_working_hours_skip_lunch_nights_and_weekends(self):
        hours = self.time.work_hours
        self.assertEqual(hours(bj(2026, 3, 9, 10), bj(2026, 3, 9, 15)), 4)
        self.assertEqual(hours(bj(2026, 3, 13, 16), bj(2026, 3, 16, 9)), 2)
        self.assertEqual(hours(bj(2026, 3, 16, 9), bj(2026, 3, 13, 16)), 0)

    def test_c04_a_deadline_starts_at_the_next_period_and_stays_at_its_end(self):
        deadline = self.time.deadline
        self.assertEqual(
            deadline(bj(2026, 3, 13, 18), 2, "working_hours"),
            (bj(2026, 3, 16, 10), False),
        )
        self.assertEqual(
            deadline(bj(2026, 3, 16, 8), 4, "working_hours")[0], bj(2026, 3, 16, 12)
        )
        self.assertEqual(
            deadline(bj(2026, 3, 16, 12, 30), 1, "working_hours")[0],
            bj(2026, 3, 16, 14),
        )
        self.assertEqual(
            deadline(bj(2026, 3, 14, 10), 0, "working_hours"),
            (bj(2026, 3, 14, 10), False),
        )

    def test_c02_schedules_are_read_once_per_year(self):
        for hour in range(24):
            self.time.deadline(bj(2026, 3, 9, hour), 15, "working_days", "next_day")
            self.time.overdue(bj(2026, 3, 9, hour), bj(2026, 3, 20), "working_days")
        self.assertEqual(self.years, [2026])


class TestWorkingDays(unittest.TestCase):
    def test_r000_07_c03_three_working_days_over_a_holiday_week(self):
        """R000-07, C-03: counted from the next day, over National Day: the make-up
        Saturday counts, the holidays do not."""
        time, _years = working_time(
            holidays=NATIONAL_DAY_2026, makeup_days=MAKEUP_2026, confirmed={2026}
        )
        self.assertEqual(
            time.deadline(bj(2026, 9, 30, 10), 3, "working_days", "next_day"),
            (bj(2026, 10, 10, 17), False),
        )
        without_makeup, _years = working_time(holidays=NATIONAL_DAY_2026)
        self.assertEqual(
            without_makeup.deadline(bj(2026, 9, 30, 10), 3, "working_days", "next_day")[
                0
            ],
            bj(2026, 10, 12, 17),
        )

    def test_c03_the_start_day_never_counts(self):
        time, _years = working_time()

        def next_day(start, days):
            return time.deadline(start, days, "working_days", "next_day")[0]

        monday_end = bj(2026, 3, 16, 17)
        self.assertEqual(next_day(bj(2026, 3, 13, 20), 1), monday_end)
        self.assertEqual(next_day(bj(2026, 3, 13, 10), 1), monday_end)
        self.assertEqual(next_day(bj(2026, 3, 14, 10), 1), monday_end)
        self.assertEqual(next_day(bj(2026, 3, 15, 23, 59), 1), monday_end)
        self.assertEqual(next_day(bj(2026, 3, 16, 9), 2), bj(2026, 3, 18, 17))

    def test_c03_integer_working_days_from_the_event(self):
        time, _years = working_time()
        self.assertEqual(
            time.deadline(bj(2026, 3, 9, 10), 1, "working_days", "event")[0],
            bj(2026, 3, 10, 10),
        )

    def test_c02_across_the_year_end_into_a_provisional_year(self):
        """C-02: counting through a year whose arrangement is not confirmed is
        provisional; a deadline inside the confirmed year is not."""
        time, years = working_time(holidays=NEW_YEAR_2027, confirmed={2026})
        self.assertEqual(
            time.deadline(bj(2026, 12, 31, 16), 3, "working_hours"),
            (bj(2027, 1, 4, 10), True),
        )
        self.assertEqual(
            time.deadline(bj(2026, 12, 31, 8), 2, "working_hours"),
            (bj(2026, 12, 31, 10), False),
        )
        self.assertEqual(
            time.deadline(bj(2026, 12, 31, 10), 1, "working_days", "next_day"),
            (bj(2027, 1, 4, 17), True),
        )
        self.assertEqual(time.work_hours(bj(2026, 12, 31, 9), bj(2027, 1, 4, 13)), 11)
        self.assertEqual(
            time.working_days(bj(2026, 12, 31, 9), bj(2027, 1, 4, 13)), 1.375
        )
        self.assertEqual(years, [2026, 2027])

    def test_c02_the_local_year_starts_at_local_midnight(self):
        time, _years = working_time()
        self.assertEqual(time.local_year(bj(2027, 1, 1)), 2027)
        self.assertEqual(time.local_year(bj(2026, 12, 31, 23, 59, 59)), 2026)
        self.assertEqual(time.local_year(bj(2026, 1, 1)), 2026)


class TestFractionsOfADay(unittest.TestCase):
    """R000-12: a fraction of a working day is that fraction of the working time of
    the day on which counting starts."""

    def setUp(self):
        super().setUp()
        self.time, _years = working_time(
            week=SHORT_FRIDAYS, makeup_days={date(2026, 3, 14): 4}
        )

    def deadline(self, start, days):
        return self.time.deadline(start, days, "working_days", "event")[0]

    def test_r000_12_half_a_day_on_an_eight_and_a_four_hour_day(self):
        self.assertEqual(self.deadline(bj(2026, 3, 9, 10), 0.5), bj(2026, 3, 9, 15))
        self.assertEqual(self.deadline(bj(2026, 3, 13, 9), 0.5), bj(2026, 3, 13, 11))

    def test_r000_12_counting_starts_on_the_next_working_day(self):
        """After Friday's work, the next working day is the make-up Saturday, worked
        like a 4-hour Friday."""
        self.assertEqual(self.deadline(bj(2026, 3, 13, 18), 0.5), bj(2026, 3, 14, 10))

    def test_r000_12_whole_and_fraction(self):
        self.assertEqual(self.deadline(bj(2026, 3, 9, 9), 1.5), bj(2026, 3, 10, 14))

    def test_c05_lateness_counts_each_working_day_as_one(self):
        """4 hours late on a 4-hour day is a whole working day late."""
        late = self.time.overdue(
            bj(2026, 3, 12, 17), bj(2026, 3, 13, 12), "working_days"
        )
        self.assertEqual(late, (1.0, 1))


class TestOverdue(unittest.TestCase):
    """C-05: lateness in the milestone's unit and in working days rounded up, at least
    one whenever late."""

    def setUp(self):
        super().setUp()
        self.time, _years = working_time()
        self.friday_end = bj(2026, 3, 13, 17)

    def test_c05_overdue_in_each_unit(self):
        overdue = self.time.overdue
        monday_noon = bj(2026, 3, 16, 12)
        self.assertEqual(
            overdue(self.friday_end, monday_noon, "working_days"), (0.5, 1)
        )
        self.assertEqual(overdue(self.friday_end, monday_noon, "working_hours"), (4, 1))
        self.assertEqual(overdue(self.friday_end, monday_noon, "clock_hours"), (67, 1))
        self.assertEqual(
            overdue(
                self.friday_end, self.friday_end + timedelta(minutes=90), "minutes"
            ),
            (90, 1),
        )
        self.assertEqual(
            overdue(self.friday_end, bj(2026, 3, 15, 17), "calendar_days"), (2, 1)
        )

    def test_c05_late_outside_working_hours_is_one_day(self):
        self.assertEqual(
            self.time.overdue(self.friday_end, bj(2026, 3, 14, 10), "working_days"),
            (0, 1),
        )

    def test_c05_on_time_and_exactly_two_days(self):
        overdue = self.time.overdue
        self.assertEqual(overdue(self.friday_end, self.friday_end, "minutes"), (0, 0))
        self.assertEqual(
            overdue(self.friday_end, bj(2026, 3, 13, 9), "working_days"), (0, 0)
        )
        self.assertEqual(
            overdue(bj(2026, 3, 9, 17), bj(2026, 3, 11, 17), "working_days")[1], 2
        )


class TestClockUnits(unittest.TestCase):
    def test_r002_17_clock_units_ignore_holidays(self):
        time, _years = working_time(holidays=NATIONAL_DAY_2026)
        start = bj(2026, 9, 30, 10)
        self.assertEqual(
            time.deadline(start, 24, "clock_hours"), (bj(2026, 10, 1, 10), False)
        )
        self.assertEqual(
            time.deadline(start, 3, "minutes")[0], start + timedelta(minutes=3)
        )
        self.assertEqual(
            time.deadline(start, 1.5, "calendar_days")[0], start + timedelta(hours=36)
        )

    def test_c03_calendar_days_from_the_next_day_end_at_local_midnight(self):
        time, _years = working_time()
        self.assertEqual(
            time.deadline(bj(2026, 3, 13, 10), 2, "calendar_days", "next_day")[0],
            bj(2026, 3, 15, 23, 59, 59),
        )


class TestNoWorkingTime(unittest.TestCase):
    def test_c01_a_year_without_working_time_is_refused(self):
        time, _years = working_time(week={})
        with self.assertRaises(NoWorkingTime) as caught:
            time.deadline(bj(2026, 3, 9), 1, "working_days", "next_day")
        self.assertEqual(caught.exception.year, 2026)
        self.assertEqual(
            time.deadline(bj(2026, 3, 9), 3, "minutes")[0], bj(2026, 3, 9, 0, 3)
        )

    def test_c01_the_caller_chooses_the_error(self):
        time, _years = working_time(week={}, no_working_time=LookupError)
        with self.assertRaises(LookupError):
            time.deadline(bj(2026, 3, 9), 0.5, "working_days")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    # The totals .ci/test counts, on the standard output it reads.
    print(  # pylint: disable=print-used
        f"UNITTEST run={result.testsRun} failures={len(result.failures)} "
        f"errors={len(result.errors)} skipped={len(result.skipped)}",
        flush=True,
    )
    sys.exit(not result.wasSuccessful())

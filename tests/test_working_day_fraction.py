from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplaintCase


def bj(*args):
    """Naive UTC datetime of a Beijing wall-clock time (UTC+8)."""
    return datetime(*args) - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestWorkingDayFraction(ComplaintCase):
    """Issue 8 item 5, R000-12, C-03: a fraction of a working day is that fraction of
    the working hours of the working day on which counting starts, whatever the
    calendar's "hours per day" says.

    The calendar works 08:00-12:00 and 13:00-17:00 Monday to Thursday and 08:00-12:00 on
    Friday (a 4-hour day), in Beijing time, with no holidays loaded; March 2026:
    Monday 9 to Friday 13, Saturday 14 made up as a Friday.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        attendances = [
            (0, 0, {"name": f"{day} {start}", "dayofweek": day, "hour_from": start,
                    "hour_to": end, "day_period": period})
            for day in "0123"
            for start, end, period in ((8, 12, "morning"), (13, 17, "afternoon"))
        ] + [
            (0, 0, {"name": "Friday", "dayofweek": "4", "hour_from": 8, "hour_to": 12,
                    "day_period": "morning"})
        ]  # fmt: skip
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Short Fridays",
                "tz": "Asia/Shanghai",
                "attendance_ids": [(5, 0, 0), *attendances],
            }
        )
        cls.calendar.hours_per_day = 6  # says 6; the days have 8 and 4
        cls.makeup = cls.env["resource.calendar.makeup.day"].create(
            {
                "calendar_id": cls.calendar.id,
                "date": date(2026, 3, 14),
                "weekday_pattern": "4",
                "name": "Worked like a Friday",
            }
        )

    def deadline(self, start, duration, unit="working_days"):
        return self.calendar._sla_deadline(start, duration, unit, "event")[0]

    def test_r000_12_half_a_day_is_half_of_that_days_hours(self):
        """R000-12: 0.5 WD is 4 hours on an 8-hour day and 2 on the 4-hour Friday and
        its make-up Saturday, counted from the day under way or, outside working time,
        the next working day; the calendar's 6 hours per day play no part."""
        cases = [
            (bj(2026, 3, 9, 10), bj(2026, 3, 9, 15)),  # Monday, across lunch
            (bj(2026, 3, 9, 12, 30), bj(2026, 3, 9, 17)),  # from lunch: Monday's hours
            (bj(2026, 3, 13, 9), bj(2026, 3, 13, 11)),  # the short Friday
            (bj(2026, 3, 13, 11), bj(2026, 3, 14, 9)),  # Friday into the make-up day
            (bj(2026, 3, 13, 14), bj(2026, 3, 14, 10)),  # after Friday: Saturday's 4 h
            (bj(2026, 3, 14, 13), bj(2026, 3, 16, 12)),  # after Saturday: Monday's 8 h
        ]
        for hours_per_day in (6, 10):
            self.calendar.hours_per_day = hours_per_day
            for start, expected in cases:
                self.assertEqual(
                    self.deadline(start, 0.5), expected, (hours_per_day, start)
                )

    def test_r000_12_a_short_day_made_by_time_off(self):
        """R000-12: an afternoon off makes Tuesday a 4-hour day: half of it is 2 hours;
        without the make-up Saturday, Friday evening counts from Monday."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Afternoon off",
                "calendar_id": self.calendar.id,
                "date_from": bj(2026, 3, 10, 13),
                "date_to": bj(2026, 3, 10, 17),
            }
        )
        self.assertEqual(self.deadline(bj(2026, 3, 10, 9), 0.5), bj(2026, 3, 10, 11))
        self.makeup.unlink()
        self.assertEqual(self.deadline(bj(2026, 3, 13, 14), 0.5), bj(2026, 3, 16, 12))

    def test_c03_whole_and_mixed_days_from_an_event(self):
        """C-03: N working days from an event are the working time of N working days
        from the first; 1.5 WD is the first day's hours and a half again."""
        # Thursday's 8 hours: 2 on Thursday, 4 on Friday, 2 on the make-up Saturday.
        self.assertEqual(self.deadline(bj(2026, 3, 12, 15), 1), bj(2026, 3, 14, 10))
        # From Friday: its 4 hours and the make-up Saturday's 4.
        self.assertEqual(self.deadline(bj(2026, 3, 13, 8), 2), bj(2026, 3, 14, 12))
        self.assertEqual(self.deadline(bj(2026, 3, 9, 8), 1.5), bj(2026, 3, 10, 12))
        # Counting from the next day is unchanged: the end of the Nth working day.
        self.assertEqual(
            self.calendar._sla_deadline(
                bj(2026, 3, 12, 15), 2, "working_days", "next_day"
            )[0],
            bj(2026, 3, 14, 12),
        )

    def test_c05_overdue_working_days_count_each_day_as_one(self):
        """C-05: lateness in working days counts each working day as one whatever its
        length (Friday's 4 hours are a whole day), rounded up."""
        calendar = self.calendar
        thursday_end, monday_noon = bj(2026, 3, 12, 17), bj(2026, 3, 16, 12)
        # Friday, Saturday and half of Monday: 2.5 days, 3 started.
        self.assertEqual(
            calendar._sla_overdue(thursday_end, monday_noon, "working_days"), (2.5, 3)
        )
        self.assertEqual(
            calendar._sla_overdue(
                bj(2026, 3, 13, 12), bj(2026, 3, 14, 10), "working_days"
            ),
            (0.5, 1),
        )
        self.assertEqual(
            calendar._sla_working_days(bj(2026, 3, 13, 10), bj(2026, 3, 9, 8)), 0.0
        )

    @freeze_time("2026-03-13 01:00:00")
    def test_r000_12_leader_milestone_on_a_short_friday(self):
        """R000-12: on the water company's policy, an appeal received at 09:00 on the
        4-hour Friday must reach the leader by 11:00; the 0.125-day warning comes
        half an hour before."""
        self.company.write(
            {
                "complaint_preset_id": self.env.ref(
                    "helpdesk_utility_complaint.preset_water_company"
                ).id,
                "complaint_calendar_id": self.calendar.id,
            }
        )
        appeal = self._appeal(received_at=bj(2026, 3, 13, 9))
        line = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "leader"
        )
        self.assertEqual(
            (line.deadline, line.warning_at),
            (bj(2026, 3, 13, 11), bj(2026, 3, 13, 10, 30)),
        )

from datetime import date, datetime, timedelta
from unittest.mock import patch

import chinese_calendar

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import GROUP_MANAGER, ComplaintCase

CALENDAR = "helpdesk_utility_complaint.resource_calendar_china_complaint_desk"


def bj(*args):
    """Naive UTC datetime of a Beijing wall-clock time (UTC+8, no DST)."""
    return datetime(*args) - timedelta(hours=8)


@tagged("post_install", "-at_install")
class TestWorkingCalendar(ComplaintCase):
    """Chinese working days on the shipped calendar (C-02 to C-05), on real dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref(CALENDAR)
        # Loaded at install; loading again is idempotent and keeps the test standalone.
        cls.calendar._load_china_holidays(2025, 2027)

    def deadline(self, start, duration, unit, counting="next_day"):
        return self.calendar._sla_deadline(start, duration, unit, counting)

    def _import_counts(self, year):
        leaves = self.calendar.global_leave_ids.filtered(
            lambda leave: leave.date_from.year == year or leave.date_to.year == year
        )
        makeups = self.calendar.makeup_day_ids.filtered(
            lambda day: day.date.year == year
        )
        return (
            len(leaves),
            sorted(
                leaves.mapped(
                    lambda leave: (leave.date_from, leave.date_to, leave.holiday_source)
                )
            ),
            sorted(makeups.mapped(lambda day: (day.date, day.source))),
        )

    # ------------------------------------------------------------------
    # The preset
    # ------------------------------------------------------------------

    def test_c02_preset_calendar(self):
        """C-02: the shipped calendar is 8 h a day in Beijing time, with 2025-2026
        confirmed from chinesecalendar and 2027 provisional from holidays."""
        calendar = self.calendar
        self.assertEqual(calendar.tz, "Asia/Shanghai")
        self.assertEqual(calendar.hours_per_day, 8)
        self.assertTrue(calendar.use_china_holidays)
        states = {
            year.year: (year.state, year.source) for year in calendar.holiday_year_ids
        }
        self.assertEqual(states[2025], ("confirmed", "chinesecalendar"))
        self.assertEqual(states[2026], ("confirmed", "chinesecalendar"))
        self.assertEqual(states[2027], ("provisional", "holidays"))
        self.assertIn(date(2026, 10, 10), calendar.makeup_day_ids.mapped("date"))
        self.assertEqual(self.env.company._get_complaint_calendar(), calendar)
        other = self.env["resource.calendar"].create({"name": "Other desk"})
        self.env.company.complaint_calendar_id = other
        self.assertEqual(self.env.company._get_complaint_calendar(), other)

    def test_c02_makeup_day_in_odoo_intervals(self):
        """C-02: a make-up Saturday is working time for Odoo's own computations too."""
        calendar = self.calendar
        saturday = calendar._sla_local(bj(2026, 10, 10), calendar._sla_tz()).replace(
            hour=0
        )
        self.assertEqual(
            calendar.get_work_hours_count(saturday, saturday + timedelta(days=1)), 8
        )
        national_day = saturday - timedelta(days=9)  # Thursday 2026-10-01
        self.assertEqual(
            calendar.get_work_hours_count(
                national_day, national_day + timedelta(days=1)
            ),
            0,
        )
        # plan_hours: 2 working hours from Friday 16:00 end make-up Saturday at 09:00.
        friday = saturday - timedelta(days=1)
        planned = calendar.plan_hours(2, friday.replace(hour=16), compute_leaves=True)
        self.assertEqual(planned.replace(tzinfo=None), datetime(2026, 10, 10, 9))

    # ------------------------------------------------------------------
    # Working days counted from the next day
    # ------------------------------------------------------------------

    def test_r000_07_reply_over_national_day(self):
        """R000-07, C-03: received 2026-09-30 15:00; National Day 10-01..10-07 is off
        and Saturday 10-10 is a make-up working day."""
        received = bj(2026, 9, 30, 15)
        self.assertEqual(
            self.deadline(received, 3, "working_days"), (bj(2026, 10, 10, 17), False)
        )
        self.assertEqual(bj(2026, 10, 10, 17), datetime(2026, 10, 10, 9))
        self.assertEqual(
            self.deadline(received, 1, "working_days"), (bj(2026, 10, 8, 17), False)
        )
        self.assertEqual(
            self.deadline(received, 15, "working_days"), (bj(2026, 10, 27, 17), False)
        )

    def test_c03_friday_before_a_normal_weekend(self):
        """C-03: received Friday at 16:00 or 20:00, 3 WD end on Wednesday at 17:00."""
        for received in (bj(2026, 3, 13, 16), bj(2026, 3, 13, 20)):
            self.assertEqual(
                self.deadline(received, 3, "working_days"), (bj(2026, 3, 18, 17), False)
            )

    def test_c03_rest_day_and_working_day_starts(self):
        """C-03: a Sunday start counts from Monday; a working-day start does not."""
        sunday = bj(2026, 3, 15, 10)
        self.assertEqual(
            self.deadline(sunday, 1, "working_days")[0], bj(2026, 3, 16, 17)
        )
        self.assertEqual(
            self.deadline(sunday, 3, "working_days")[0], bj(2026, 3, 18, 17)
        )
        wednesday_morning = bj(2026, 3, 11, 8, 30)
        self.assertEqual(
            self.deadline(wednesday_morning, 1, "working_days")[0], bj(2026, 3, 12, 17)
        )
        # Received on a holiday: counting starts with the first working day after it.
        self.assertEqual(
            self.deadline(bj(2026, 10, 3, 9), 1, "working_days")[0], bj(2026, 10, 8, 17)
        )

    def test_c03_integer_working_days_counted_from_the_event(self):
        """C-03: counting "event", N WD are N x 8 working hours from the instant."""
        self.assertEqual(
            self.deadline(bj(2026, 3, 10, 10, 30), 1, "working_days", "event")[0],
            bj(2026, 3, 11, 10, 30),
        )

    def test_r000_12_half_working_day(self):
        """R000-12: 0.5 WD is 4 working hours, across lunch, evening and night."""
        cases = [
            (bj(2026, 3, 10, 10, 30), bj(2026, 3, 10, 15, 30)),  # across lunch
            (bj(2026, 3, 10, 15), bj(2026, 3, 11, 10)),  # across the evening
            (bj(2026, 3, 10, 20), bj(2026, 3, 11, 12)),  # outside working hours
            (bj(2026, 3, 13, 15), bj(2026, 3, 16, 10)),  # across a weekend
            (bj(2026, 9, 30, 15), bj(2026, 10, 8, 10)),  # across National Day
        ]
        for received, expected in cases:
            for counting in ("event", "next_day"):
                self.assertEqual(
                    self.deadline(received, 0.5, "working_days", counting),
                    (expected, False),
                )
        self.assertEqual(
            self.deadline(bj(2026, 3, 10, 10, 30), 4, "working_hours", "event")[0],
            bj(2026, 3, 10, 15, 30),
        )
        # Exactly a full day of working time ends at 17:00, not at 08:00 the next day.
        self.assertEqual(
            self.deadline(bj(2026, 3, 10, 8), 8, "working_hours")[0],
            bj(2026, 3, 10, 17),
        )

    # ------------------------------------------------------------------
    # Clock time
    # ------------------------------------------------------------------

    def test_r002_17_clock_hours_ignore_holidays(self):
        """R002-17, C-04: 24 clock hours run through a holiday; never provisional."""
        self.assertEqual(
            self.deadline(bj(2026, 9, 30, 10), 24, "clock_hours", "event"),
            (bj(2026, 10, 1, 10), False),
        )
        self.assertEqual(
            self.deadline(bj(2027, 9, 30, 10), 24, "clock_hours", "event"),
            (bj(2027, 10, 1, 10), False),
        )
        self.assertEqual(
            self.deadline(bj(2026, 10, 1, 10), 30, "minutes", "event"),
            (bj(2026, 10, 1, 10, 30), False),
        )

    def test_c02_calendar_days(self):
        """C-02: calendar days count holidays; "next_day" ends 23:59:59 Beijing time."""
        received = bj(2026, 9, 30, 10)
        self.assertEqual(
            self.deadline(received, 5, "calendar_days", "event")[0], bj(2026, 10, 5, 10)
        )
        self.assertEqual(
            self.deadline(received, 5, "calendar_days", "next_day"),
            (bj(2026, 10, 5, 23, 59, 59), False),
        )

    # ------------------------------------------------------------------
    # Years without an official arrangement
    # ------------------------------------------------------------------

    def test_c02_late_december_into_a_provisional_year(self):
        """C-02, R000-07: 15 WD from 2026-12-20 run into 2027, skip New Year's Day and
        are provisional until the 2027 arrangement is confirmed by hand."""
        calendar = self.calendar
        received = bj(2026, 12, 20, 10)
        self.assertEqual(
            self.deadline(received, 15, "working_days"), (bj(2027, 1, 11, 17), True)
        )
        self.assertEqual(
            self.deadline(bj(2026, 12, 31, 16), 4, "working_hours", "event"),
            (bj(2027, 1, 4, 11), True),
        )
        self.assertEqual(
            self.deadline(bj(2026, 12, 21, 9), 1, "working_days"),
            (bj(2026, 12, 22, 17), False),
        )

        # The administrator enters a make-up Saturday: the deadline moves earlier now.
        makeup = (
            self.env["resource.calendar.makeup.day"]
            .with_user(self.complaint_manager)
            .create(
                {
                    "calendar_id": calendar.id,
                    "date": date(2027, 1, 9),
                    "name": "New Year (make-up)",
                }
            )
        )
        self.assertEqual(makeup.source, "manual")
        self.assertEqual(
            self.deadline(received, 15, "working_days"), (bj(2027, 1, 9, 17), True)
        )

        year_2027 = calendar.holiday_year_ids.filtered(lambda year: year.year == 2027)
        with patch.object(
            type(calendar), "_on_working_time_changed", autospec=True
        ) as hook:
            year_2027.with_user(self.complaint_manager).action_confirm_arrangement()
        hook.assert_called_once_with(calendar, date(2027, 1, 1), date(2027, 12, 31))
        self.assertEqual((year_2027.state, year_2027.source), ("confirmed", "manual"))
        self.assertEqual(
            self.deadline(received, 15, "working_days"), (bj(2027, 1, 9, 17), False)
        )

        # A confirmed year is the administrator's: a later import does not downgrade it.
        calendar._load_china_holidays(2027, 2027)
        self.assertEqual(year_2027.state, "confirmed")
        self.assertEqual(
            self.deadline(received, 15, "working_days"), (bj(2027, 1, 9, 17), False)
        )

    def test_c02_year_without_any_record_is_provisional(self):
        """C-02: working time counted through a year never loaded is provisional."""
        deadline, provisional = self.deadline(bj(2030, 3, 1, 9), 1, "working_days")
        self.assertEqual(deadline, bj(2030, 3, 4, 17))
        self.assertTrue(provisional)

    # ------------------------------------------------------------------
    # Working hours and overdue time
    # ------------------------------------------------------------------

    def test_c04_work_hours_between_instants(self):
        """C-04: working hours between two instants, across a weekend and a year end."""
        calendar = self.calendar
        self.assertEqual(
            calendar._sla_work_hours(bj(2026, 3, 13, 16), bj(2026, 3, 16, 9)), 2
        )
        self.assertEqual(
            calendar._sla_work_hours(bj(2026, 3, 16, 9), bj(2026, 3, 13, 16)), 0
        )
        # Thu 12-31 8 h, Fri 2027-01-01 holiday, Mon 01-04 until 10:00 2 h.
        self.assertEqual(
            calendar._sla_work_hours(bj(2026, 12, 31, 0), bj(2027, 1, 4, 10)), 10
        )
        self.assertEqual(
            calendar._sla_add_working_time(bj(2026, 12, 31, 16), 3), bj(2027, 1, 4, 10)
        )

    def test_c05_overdue_working_days_on_band_edges(self):
        """C-05, R000-32, R003-26: overdue working days are rounded up, at least 1."""
        calendar = self.calendar
        deadline = bj(2026, 3, 11, 17)  # Wednesday
        cases = [
            (bj(2026, 3, 11, 17, 1), 1),  # 1 minute late (outside working hours)
            (bj(2026, 3, 12, 8, 1), 1),  # 1 working minute late
            (bj(2026, 3, 13, 17), 2),  # exactly 2 WD of working time
            (bj(2026, 3, 16, 8, 1), 3),  # 2 WD and 1 minute
            (bj(2026, 3, 17, 12), 4),  # 3.5 WD
        ]
        for stop, expected in cases:
            self.assertEqual(
                calendar._sla_overdue(deadline, stop, "working_days")[1], expected, stop
            )
        self.assertEqual(
            calendar._sla_overdue(deadline, bj(2026, 3, 13, 17), "working_days"), (2, 2)
        )
        self.assertEqual(
            calendar._sla_overdue(deadline, bj(2026, 3, 17, 12), "working_hours"),
            (28, 4),
        )
        # Stopped on the weekend after a Friday deadline: no working time, 1 day late.
        friday = bj(2026, 3, 13, 17)
        self.assertEqual(
            calendar._sla_overdue(friday, bj(2026, 3, 14, 10), "working_days"), (0, 1)
        )
        self.assertEqual(
            calendar._sla_overdue(friday, bj(2026, 3, 14, 10), "clock_hours"), (17, 1)
        )
        self.assertEqual(
            calendar._sla_overdue(friday, bj(2026, 3, 15, 17), "calendar_days"), (2, 1)
        )
        self.assertEqual(
            calendar._sla_overdue(friday, friday + timedelta(minutes=90), "minutes"),
            (90, 1),
        )
        # On time.
        self.assertEqual(
            calendar._sla_overdue(deadline, bj(2026, 3, 11, 16), "working_days"), (0, 0)
        )
        self.assertEqual(
            calendar._sla_overdue(deadline, deadline, "working_days"), (0, 0)
        )

    # ------------------------------------------------------------------
    # Entered by hand, imports, cron
    # ------------------------------------------------------------------

    def test_c02_manual_makeup_day_and_holiday_survive_reimport(self):
        """C-02: days entered by hand count at once and survive a re-import;
        re-importing is idempotent."""
        calendar = self.calendar
        before = self._import_counts(2026)
        friday = bj(2026, 3, 13, 16)
        self.assertEqual(
            self.deadline(friday, 1, "working_days")[0], bj(2026, 3, 16, 17)
        )

        self.env["resource.calendar.makeup.day"].create(
            {
                "calendar_id": calendar.id,
                "date": date(2026, 3, 14),
                "weekday_pattern": "4",
            }
        )
        self.assertEqual(
            self.deadline(friday, 1, "working_days")[0], bj(2026, 3, 14, 17)
        )

        closure = self.env["resource.calendar.leaves"].create(
            {
                "name": "Office move",
                "calendar_id": calendar.id,
                "date_from": bj(2026, 3, 16, 0),
                "date_to": bj(2026, 3, 16, 23, 59, 59),
            }
        )
        self.assertEqual(closure.holiday_source, "manual")
        self.assertEqual(
            self.deadline(friday, 2, "working_days")[0], bj(2026, 3, 17, 17)
        )

        calendar._load_china_holidays(2026, 2026)
        self.assertTrue(closure.exists())
        self.assertEqual(
            self.deadline(friday, 2, "working_days")[0], bj(2026, 3, 17, 17)
        )
        after = self._import_counts(2026)
        self.assertEqual(
            after[0], before[0] + 1, "the manual holiday is kept, nothing doubled"
        )
        self.assertEqual(
            [row for row in after[1] if row[2] != "manual"],
            [row for row in before[1] if row[2] != "manual"],
        )
        calendar._load_china_holidays(2026, 2026)
        self.assertEqual(self._import_counts(2026), after)

        # A holiday entered by hand on an imported day replaces the imported record.
        national_day = self.env["resource.calendar.leaves"].create(
            {
                "name": "National Day (by hand)",
                "calendar_id": calendar.id,
                "date_from": bj(2026, 10, 1, 0),
                "date_to": bj(2026, 10, 1, 23, 59, 59),
            }
        )
        calendar._load_china_holidays(2026, 2026)
        on_october_1 = calendar.global_leave_ids.filtered(
            lambda leave: leave.date_from <= bj(2026, 10, 1, 12) <= leave.date_to
        )
        self.assertEqual(on_october_1, national_day)
        self.assertEqual(
            self.deadline(bj(2026, 9, 30, 15), 3, "working_days")[0],
            bj(2026, 10, 10, 17),
        )

    def test_c02_manager_edits_the_calendar_form(self):
        """C-02: a complaint manager keeps make-up days and holidays in the form."""
        with Form(self.calendar.with_user(self.complaint_manager)) as form:
            with form.makeup_day_ids.new() as day:
                day.date = date(2026, 3, 21)
                day.weekday_pattern = "1"
            with form.global_leave_ids.new() as leave:
                leave.name = "Closure"
                leave.date_from = bj(2026, 3, 20, 0)
                leave.date_to = bj(2026, 3, 20, 23, 59, 59)
        # Thursday 10:00, Friday closed, Saturday made up: 1 WD ends on Saturday.
        self.assertEqual(
            self.deadline(bj(2026, 3, 19, 10), 1, "working_days")[0],
            bj(2026, 3, 21, 17),
        )
        self.assertEqual(
            self.calendar.makeup_day_ids.filtered(
                lambda day: day.date == date(2026, 3, 21)
            ).source,
            "manual",
        )

    def test_c02_import_wizard(self):
        """C-02: the wizard loads a range of years for a complaint manager; a year
        without an official arrangement gets the statutory holidays and stays
        provisional."""
        Wizard = self.env["resource.calendar.holiday.import"].with_user(
            self.complaint_manager
        )
        wizard = Wizard.with_context(
            active_model="resource.calendar", active_id=self.calendar.id
        ).create({"from_year": 2026, "to_year": 2028})
        self.assertEqual(wizard.calendar_id, self.calendar)
        with patch.object(
            type(self.calendar), "_on_working_time_changed", autospec=True
        ) as hook:
            action = wizard.action_import()
        hook.assert_called_once_with(
            self.calendar, date(2026, 1, 1), date(2028, 12, 31)
        )
        self.assertEqual(action["params"]["type"], "warning")
        year_2028 = self.calendar.holiday_year_ids.filtered(
            lambda year: year.year == 2028
        )
        self.assertEqual(
            (year_2028.state, year_2028.source), ("provisional", "holidays")
        )
        self.assertTrue(year_2028.loaded_at)
        # National Day 2028 (Monday 10-02 to Wednesday 10-04) is off; no make-up day.
        self.assertEqual(
            self.deadline(bj(2028, 9, 29, 10), 1, "working_days"),
            (bj(2028, 10, 5, 17), True),
        )
        self.assertFalse(
            self.calendar.makeup_day_ids.filtered(lambda day: day.date.year == 2028)
        )
        counts = self._import_counts(2028)
        wizard.action_import()
        self.assertEqual(self._import_counts(2028), counts)

    @freeze_time("2027-03-01 02:00:00")
    def test_c02_cron_loads_years_and_asks_for_the_arrangement(self):
        """C-02: the monthly cron loads the current and next year, upgrades a year once
        chinesecalendar covers it, and leaves one to-do per provisional year."""
        calendar = self.calendar
        Year = self.env["resource.calendar.holiday.year"]
        self.env["resource.calendar"]._cron_refresh_china_holidays(years_ahead=1)
        years = {year.year: year for year in calendar.holiday_year_ids}
        self.assertEqual(years[2028].state, "provisional")
        for year in (years[2027], years[2028]):
            activities = year.activity_ids
            self.assertEqual(len(activities), 1)
            self.assertEqual(
                activities.activity_type_id,
                self.env.ref("mail.mail_activity_data_todo"),
            )
            self.assertIn(
                activities.user_id,
                self.env.ref(GROUP_MANAGER).all_user_ids,
            )
        self.assertFalse(years[2026].activity_ids)

        # Run again: nothing doubles.
        self.env["resource.calendar"]._cron_refresh_china_holidays(years_ahead=1)
        self.assertEqual(len(years[2027].activity_ids), 1)
        self.assertEqual(
            Year.search_count([("calendar_id", "=", calendar.id), ("year", "=", 2028)]),
            1,
        )

        # chinesecalendar publishes 2027 (a simulated update): the cron confirms it.
        published_holidays = {
            date(2027, 1, 1): "New Year's Day",
            date(2027, 10, 1): "National Day",
        }
        published_workdays = {date(2027, 1, 9): "New Year's Day"}
        with (
            patch.dict(chinese_calendar.constants.holidays, published_holidays),
            patch.dict(chinese_calendar.constants.workdays, published_workdays),
        ):
            self.env["resource.calendar"]._cron_refresh_china_holidays(years_ahead=1)
        self.assertEqual(
            (years[2027].state, years[2027].source), ("confirmed", "chinesecalendar")
        )
        self.assertEqual(
            self.deadline(bj(2026, 12, 20, 10), 15, "working_days"),
            (bj(2027, 1, 9, 17), False),
        )
        # The holidays of the statutory load were replaced by the official ones.
        self.assertEqual(
            sorted(
                calendar.global_leave_ids.filtered(
                    lambda leave: (
                        leave.date_to.year == 2027 and leave.date_from.year == 2027
                    )
                ).mapped("holiday_source")
            ),
            ["chinesecalendar"],
        )

    def test_c02_confirm_closes_the_activity(self):
        """C-02: confirming a year by hand marks the cron's to-do as done."""
        year_2027 = self.calendar.holiday_year_ids.filtered(
            lambda year: year.year == 2027
        )
        year_2027._ensure_arrangement_activity()
        self.assertEqual(len(year_2027.activity_ids), 1)
        year_2027.action_confirm_arrangement()
        self.assertFalse(year_2027.activity_ids)

    def test_c02_hook_on_every_change(self):
        """C-02: holidays, make-up days and working hours call the change hook."""
        calendar = self.calendar
        with patch.object(
            type(calendar), "_on_working_time_changed", autospec=True
        ) as hook:
            leave = self.env["resource.calendar.leaves"].create(
                {
                    "name": "Closure",
                    "calendar_id": calendar.id,
                    "date_from": bj(2026, 4, 20, 0),
                    "date_to": bj(2026, 4, 21, 23, 59, 59),
                }
            )
            hook.assert_called_once_with(calendar, date(2026, 4, 20), date(2026, 4, 21))
            hook.reset_mock()
            leave.name = "Closure (renamed)"
            hook.assert_not_called()
            leave.unlink()
            hook.assert_called_once_with(calendar, date(2026, 4, 20), date(2026, 4, 21))
            hook.reset_mock()
            day = self.env["resource.calendar.makeup.day"].create(
                {"calendar_id": calendar.id, "date": date(2026, 4, 25)}
            )
            hook.assert_called_once_with(calendar, date(2026, 4, 25), date(2026, 4, 25))
            hook.reset_mock()
            day.date = date(2026, 4, 26)
            hook.assert_called_once_with(calendar, date(2026, 4, 25), date(2026, 4, 26))
            hook.reset_mock()
            calendar.attendance_ids.filtered(
                lambda a: a.dayofweek == "4" and a.hour_to == 17
            ).hour_to = 16
            hook.assert_called_once_with(calendar, False, False)
        # The cached schedule followed: Friday afternoon now ends at 16:00.
        self.assertEqual(
            self.deadline(bj(2026, 3, 12, 10), 1, "working_days")[0],
            bj(2026, 3, 13, 16),
        )

    # ------------------------------------------------------------------
    # Bad input, speed
    # ------------------------------------------------------------------

    def test_c01_bad_input(self):
        """C-01: bad units, durations and year ranges are refused, clearly explained."""
        calendar = self.calendar
        start = bj(2026, 3, 10, 9)
        with self.assertRefused(UserError, "Unknown deadline unit: fortnights"):
            calendar._sla_deadline(start, 1, "fortnights")
        with self.assertRefused(UserError, "Unknown way of counting"):
            calendar._sla_deadline(start, 1, "working_days", "someday")
        with self.assertRefused(ValidationError, "cannot be negative"):
            calendar._sla_deadline(start, -1, "working_days")
        with self.assertRefused(ValidationError, "must be a number"):
            calendar._sla_deadline(start, "3", "working_days")
        with self.assertRefused(UserError, "start date and time"):
            calendar._sla_deadline(False, 3, "working_days")
        with self.assertRefused(UserError, "Unknown deadline unit"):
            calendar._sla_overdue(start, start, "weeks")
        Wizard = self.env["resource.calendar.holiday.import"].with_user(
            self.complaint_manager
        )
        with self.assertRefused(
            ValidationError, r"first year \(2028\) comes after the last one \(2027\)"
        ):
            Wizard.create(
                {"calendar_id": calendar.id, "from_year": 2028, "to_year": 2027}
            )
        with self.assertRefused(ValidationError, "1950 to 2100"):
            calendar._load_china_holidays(1900, 1901)
        empty = self.env["resource.calendar"].create(
            {"name": "Nobody works", "attendance_ids": [(5, 0, 0)]}
        )
        with self.assertRefused(UserError, "has no working time in 2026"):
            empty._sla_deadline(start, 1, "working_days", "next_day")
        with self.assertRefused(UserError, "has no working time in 2026"):
            empty._sla_deadline(start, 0.5, "working_days")

    def test_c02_deadlines_need_no_query_once_cached(self):
        """C-02: the SLA engine calls this 100,000+ times; after the first call per year
        the arithmetic runs on the cached schedule without touching the database."""
        calendar = self.calendar
        starts = [bj(2026, 1, 1, 9) + timedelta(hours=7 * i) for i in range(2000)]
        for start in starts[:1] + starts[-1:]:
            calendar._sla_deadline(start, 15, "working_days", "next_day")
        calendar._sla_deadline(bj(2027, 6, 1), 1, "working_days")
        with self.assertQueryCount(0):
            for start in starts:
                calendar._sla_deadline(start, 15, "working_days", "next_day")
                calendar._sla_deadline(start, 0.5, "working_days", "event")
                calendar._sla_overdue(start, start + timedelta(days=3), "working_days")

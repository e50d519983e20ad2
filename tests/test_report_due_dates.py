from datetime import date

from odoo.tests import tagged

from .report_common import ReportCase


@tagged("post_install", "-at_install")
class TestReportDueDates(ReportCase):
    """When periodic reports are due, counted on the complaint calendar with Chinese
    holidays and make-up working days (R000-77, R000-78, C-03)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.weekly = ref("helpdesk_utility_complaint.report_schedule_weekly_statistics")
        cls.monthly = ref("helpdesk_utility_complaint.report_schedule_monthly_analysis")
        cls.daily = ref("helpdesk_utility_complaint.report_schedule_daily_monitor")

    def assertDue(self, schedule, date_to, expected_day, *expected_at):
        due_date, due_at = schedule._due(self.company, date_to)
        self.assertEqual(due_date, expected_day)
        self.assertEqual(due_at, self._at(*expected_at))

    def test_r000_77_week_runs_friday_to_thursday(self):
        """R000-77: the statistics week is Friday to Thursday before the due Friday."""
        self.assertEqual(
            self.weekly._last_closed_period(date(2025, 11, 21)),
            (date(2025, 11, 14), date(2025, 11, 20)),
        )
        # On Thursday the current week has not closed yet.
        self.assertEqual(
            self.weekly._last_closed_period(date(2025, 11, 20)),
            (date(2025, 11, 7), date(2025, 11, 13)),
        )

    def test_r000_77_due_friday_presented_monday(self):
        """R000-77: due by the end of working hours on Friday, presented on Monday."""
        self.assertDue(
            self.weekly, date(2025, 11, 20), date(2025, 11, 21), 2025, 11, 21, 17
        )
        self.assertEqual(
            self.weekly._presented_on(date(2025, 11, 20)), date(2025, 11, 24)
        )

    def test_r000_77_friday_holiday_moves_to_last_working_day_before(self):
        """R000-77: Friday 2025-10-03 is National Day: due Tuesday 09-30, the last
        working day before it (not the make-up Sunday 09-28)."""
        self.assertDue(
            self.weekly, date(2025, 10, 2), date(2025, 9, 30), 2025, 9, 30, 17
        )

    def test_r000_77_make_up_saturday_is_the_last_working_day(self):
        """R000-77: Friday 2026-02-20 falls in the Spring Festival (02-15 to 02-23);
        the last working day before it is the make-up Saturday 02-14."""
        self.assertDue(
            self.weekly, date(2026, 2, 19), date(2026, 2, 14), 2026, 2, 14, 17
        )

    def test_r000_78_due_on_the_28th_and_the_26th_in_february(self):
        """R000-78: the month's analysis is due by the 28th of the next month, the
        26th in February."""
        self.assertEqual(
            self.monthly._last_closed_period(date(2026, 2, 1)),
            (date(2026, 1, 1), date(2026, 1, 31)),
        )
        self.assertDue(
            self.monthly, date(2026, 1, 31), date(2026, 2, 26), 2026, 2, 26, 17
        )
        self.assertDue(
            self.monthly, date(2026, 3, 31), date(2026, 4, 28), 2026, 4, 28, 17
        )

    def test_r000_78_due_day_on_a_rest_day(self):
        """R000-78 with R000-50's reading: 2026-03-28 is a Saturday; the report stays
        due that day, or (configured) by the last working day before it."""
        self.assertDue(
            self.monthly, date(2026, 2, 28), date(2026, 3, 28), 2026, 3, 28, 23, 59, 59
        )
        self.monthly.rest_day = "previous"
        self.assertDue(
            self.monthly, date(2026, 2, 28), date(2026, 3, 27), 2026, 3, 27, 17
        )

    def test_r000_78_due_day_on_a_make_up_sunday(self):
        """Sunday 2025-09-28 is a make-up working day: August's analysis is due by the
        end of its working hours."""
        self.assertDue(
            self.monthly, date(2025, 8, 31), date(2025, 9, 28), 2025, 9, 28, 17
        )

    def test_r004_01_daily_monitor_due_the_next_working_day(self):
        """R004-01: the monitor of 2025-09-30 is due the next working day, after the
        National Day holidays (10-01 to 10-08)."""
        self.assertEqual(
            self.daily._last_closed_period(date(2025, 10, 1)),
            (date(2025, 9, 30), date(2025, 9, 30)),
        )
        self.assertDue(
            self.daily, date(2025, 9, 30), date(2025, 10, 9), 2025, 10, 9, 17
        )

    def test_late_report_is_visible(self):
        """A report not submitted by its due time is late; submitted after it, it stays
        marked late; the reports list finds it."""
        report = self.Report._generate(
            self.weekly, self.company, date(2025, 11, 14), date(2025, 11, 20)
        )
        self.assertEqual(report.due_at, self._at(2025, 11, 21, 17))
        self.assertTrue(report.is_late)
        self.assertIn(report, self.Report.search([("is_late", "=", True)]))
        self.assertEqual(report.activity_ids.date_deadline, date(2025, 11, 21))
        report.with_user(self.office_user).action_submit()
        self.assertTrue(report.submitted_late)
        self.assertIn(report, self.Report.search([("is_late", "=", True)]))
        on_time = self.Report._generate(
            self.weekly, self.company, date(2025, 11, 21), date(2025, 11, 27)
        )
        on_time.due_at = "2099-01-01 00:00:00"
        self.assertFalse(on_time.is_late)
        self.assertNotIn(on_time, self.Report.search([("is_late", "=", True)]))

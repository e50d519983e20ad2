from datetime import date

from odoo.tests import tagged

from .report_common import ReportCase


@tagged("post_install", "-at_install")
class TestReportRates(ReportCase):
    """The rates every report and the dashboard read (helpdesk.complaint.rates)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        at = cls._at
        dept = {"department_id": cls.network.id}
        # November 2025: eight appeals received, six completed in the month.
        cls.satisfied = cls._complete(
            cls._new_appeal(at(2025, 11, 3, 9), **dept),
            at(2025, 11, 4, 10),
            ratings=["satisfied"],
        )
        cls.basic = cls._complete(
            cls._new_appeal(at(2025, 11, 3, 10), **dept),
            at(2025, 11, 4, 11),
            ratings=["basically_satisfied"],
        )
        cls.unsatisfied = cls._complete(
            cls._new_appeal(at(2025, 11, 5, 9), **dept),
            at(2025, 11, 6, 9),
            resolved=False,
            ratings=["unsatisfied"],
        )
        # Rated unsatisfied, redone, then satisfied: cleared (R000-51).
        cls.cleared = cls._complete(
            cls._new_appeal(at(2025, 11, 5, 10), **dept),
            at(2025, 11, 6, 10),
            ratings=["unsatisfied", "satisfied"],
        )
        cls.cleared.sudo().redo_count = 1
        # Replied four weeks after receipt: its reply deadlines are breached.
        cls.late = cls._complete(
            cls._new_appeal(at(2025, 11, 3, 11), **dept), at(2025, 11, 28, 9)
        )
        cls.unrated = cls._complete(
            cls._new_appeal(at(2025, 11, 10, 9), **dept), at(2025, 11, 11, 9)
        )
        cls.open = cls._new_appeal(at(2025, 11, 20, 9), **dept)
        cls.received_late_in_month = cls._new_appeal(at(2025, 11, 30, 23, 30), **dept)
        # Completed in December: not in November's completed appeals.
        cls._complete(cls.received_late_in_month, at(2025, 12, 1, 9))
        # A repeat of the satisfied appeal: that one is not completed correctly.
        cls._appeal(
            received_at=at(2025, 11, 12, 9),
            partner_name=cls.satisfied.sudo().partner_name,
            complainant_phone=cls.satisfied.sudo().complainant_phone,
            **dept,
        )

    def _november(self):
        return self.Rates._company_rates(
            self.company,
            date(2025, 11, 1),
            date(2025, 11, 30),
            [("department_id", "=", self.network.id)],
        )

    def test_counts_of_the_period_in_beijing_time(self):
        counts, _rates = self._november()
        self.assertEqual(counts["received"], 9)
        self.assertEqual(counts["completed"], 6)
        self.assertEqual(counts["received_completed"], 7)
        self.assertEqual(counts["rated"], 4)
        self.assertEqual(counts["open"], 2, "the repeat and the appeal still open")

    def test_r000_49_satisfaction_rate(self):
        """R000-49: satisfied and basically satisfied appeals, and unsatisfied ones
        cleared (R000-51), over the appeals replied with a callback result."""
        counts, rates = self._november()
        self.assertEqual(counts["satisfied"], 2, "the cleared appeal counts satisfied")
        self.assertEqual(counts["basically_satisfied"], 1)
        self.assertEqual(counts["unsatisfied"], 1)
        self.assertEqual(
            (counts["satisfaction_base"], counts["satisfaction_score"]), (4, 3)
        )
        self.assertEqual(rates["satisfaction_rate"], 75.0)

    def test_r000_49_the_scorecard_item_defines_the_satisfaction_rate(self):
        """The rate is the appraisal's own: the company's scorecard item reported to HR
        (edited there, it changes here) gives the value the appraisal computes."""
        period = self.env["helpdesk.appraisal.period"]._for_date(
            self.company, date(2025, 11, 1)
        )
        engine = self.env["helpdesk.scorecard.engine"]
        template = period._default_template(self.company, "month")
        item = template._reported_rate_item()
        frame = engine._frame(period, template, real=False)
        value, _numerator, _base = engine._value(
            item, engine._measure(frame, item, frame.units)["company"]
        )
        _counts, rates = self.Rates._company_rates(
            self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        self.assertAlmostEqual(rates["satisfaction_rate"], value, places=2)
        item.term_ids.domain = "[('satisfaction', '=', 'satisfied')]"
        self.assertEqual(self._november()[1]["satisfaction_rate"], 50.0)

    def test_r003_38_composite_satisfaction_score(self):
        """R003-38: the month's evaluations (callbacks with a result), satisfied 10,
        basically satisfied 6 of 10: (2 × 10 + 1 × 6) ÷ 5 = 5.2, read as 52 points."""
        counts, rates = self._november()
        self.assertEqual(counts["evaluations"], 5)
        self.assertEqual(rates["composite_score"], 52.0)

    def test_r004_23_resolution_rate(self):
        """R003-29, R004-23: resolved ÷ completed (5 of 6)."""
        counts, rates = self._november()
        self.assertEqual(counts["resolved"], 5)
        self.assertEqual(rates["resolution_rate"], 83.33)

    def test_r004_14_on_time_and_correct_completion(self):
        """R004-14: on time = no deadline breached; correct = never redone and not
        repeated within the repeat window."""
        counts, rates = self._november()
        self.assertEqual(self.late.deadline_state, "breached")
        self.assertEqual(self.satisfied.deadline_state, "met")
        self.assertEqual(counts["on_time"], 5)
        self.assertEqual(rates["on_time_rate"], 83.33)
        self.assertTrue(self.satisfied.repeat_ids)
        # Neither the redone appeal nor the repeated one: 4 of 6.
        self.assertEqual(counts["correct"], 4)
        self.assertEqual(rates["correct_rate"], 66.67)

    def test_r004_17_callback_and_completion_rates(self):
        """R004-17: callback = completed with a callback reaching the customer;
        completion = received in the period and completed ÷ received."""
        counts, rates = self._november()
        self.assertEqual(counts["callback"], 4)
        self.assertEqual(rates["callback_rate"], 66.67)
        self.assertEqual(rates["completion_rate"], 77.78)

    def test_rates_follow_the_readers_record_rules(self):
        """Counted as a user, the counts are those of the appeals the user may read."""
        start, end = self.Rates._period_bounds(
            self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        as_billing = self.Rates.with_user(self.billing_handler)._counts([], start, end)
        self.assertEqual(as_billing[()]["received"], 0, "billing reads none of them")
        as_network = self.Rates.with_user(self.network_manager)._counts([], start, end)
        self.assertEqual(as_network[()]["received"], 9)

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP_OFFICE
from .heating_common import HeatingCase


@tagged("post_install", "-at_install")
class TestAppraisalHeating(HeatingCase):
    """The heating company's bounded 100-point card (seed 003): four dimensions, floors
    and bonuses, monthly, quarterly and annual cycles (R003-02 to R003-04, R003-14,
    R003-39), and scores HR enters by hand (R000-56). The network department keeps its
    records (a complete policy, a training every quarter) unless a test says
    otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keep_records(cls.network)

    def callbacks(self, department, results, when):
        """Evaluations of ``department``'s appeals at ``when`` (R003-38)."""
        return self.appeals(department, results, when=when)

    def score(self, department, code, value, user=None, period=None):
        item = self.template().item_ids.filtered(lambda item: item.code == code)
        return (
            self.env["helpdesk.scorecard.manual.score"]
            .with_user(user or self.hr_officer)
            .create(
                {
                    "period_id": (period or self.march).id,
                    "item_id": item.id,
                    "department_id": department.id,
                    "score": value,
                }
            )
        )

    def item(self, code):
        return self.template().item_ids.filtered(lambda item: item.code == code)

    # ------------------------------------------------------------------
    # R003-03, R003-04: the card, its floors and bonuses
    # ------------------------------------------------------------------

    def test_r003_03_four_dimensions_whose_items_add_up_to_100(self):
        template = self.template()
        self.assertEqual(
            [(d.name, d.weight) for d in template.dimension_ids.sorted("sequence")],
            [
                ("Basic management", 20),
                ("Problem handling", 40),
                ("Satisfaction", 25),
                ("Key work", 15),
            ],
        )
        for dimension in template.dimension_ids:
            self.assertEqual(
                sum(dimension.item_ids.mapped("weight")),
                dimension.weight,
                dimension.name,
            )
        self.assertEqual((template.base_score, template.item_weight_total), (0, 100))
        self.appeals(self.network, ["satisfied"], nature_id=self.consultation.id)
        self.compute()
        card = self.card(self.network)
        self.assertEqual(card.total, 100.0)
        self.assertIn("Problem handling", str(card.dimension_summary))

    def test_r003_04_an_item_stops_at_its_floor(self):
        """12 points of late acceptance and contact cost the 10-point item its 10, not
        12."""
        self.appeals(self.network, ["satisfied"], nature_id=self.consultation.id)
        self.ledger_line(self.network, "R003-20", 5)
        self.ledger_line(self.network, "R003-21", 7)
        self.compute()
        response = self.cell(self.network, "R003-20/21")
        self.assertEqual((response.deduction, response.score), (12.0, 0.0))
        self.assertEqual(self.card(self.network).total, 90.0)

    def test_r003_04_bonus_after_the_floor_lifts_an_item_above_its_weight(self):
        """R003-34, R003-35: no repeat among the complaints earns +2 on the 5-point
        item."""
        self.appeals(self.network, ["satisfied"] * 4)
        self.compute()
        repeat = self.cell(self.network, "R003-34/35")
        self.assertEqual((repeat.value, repeat.bonus, repeat.score), (0.0, 2.0, 7.0))
        self.assertEqual(self.card(self.network).total, 102.0)
        self.template().total_cap = 101
        self.compute()
        self.assertEqual(self.card(self.network).total, 101.0, "the card's cap")

    def test_r003_34_r003_35_repeat_rate_band_edges(self):
        item = self.item("R003-34/35")
        self.assertEqual(
            {value: item._points(value) for value in (0, 2, 2.01, 5, 5.5, 6, 30)},
            {
                0: (0.0, 2.0),
                2: (0.0, 1.0),
                2.01: (0.0, 0.0),
                5: (0.0, 0.0),  # exactly 5% costs nothing (C-05)
                5.5: (0.5, 0.0),  # linear (C-06)
                6: (1.0, 0.0),
                30: (25.0, 0.0),
            },
        )
        self.assertEqual(item._score(*item._points(30)), 0.0, "floor reached")
        self.assertEqual(
            item._points(None), (0.0, 0.0), "no complaint: nothing measured"
        )

    def test_r003_30_r003_31_resolution_rate_tiers_and_cap(self):
        """Below 85% costs 1 a point (82.5% costs 2.5); 95% earns +2, 100% +3 (the
        cap)."""
        item = self.item("R003-30/31")
        self.assertEqual(
            {v: item._points(v) for v in (82.5, 85, 94.99, 95, 99.99, 100)},
            {
                82.5: (2.5, 0.0),
                85: (0.0, 0.0),
                94.99: (0.0, 0.0),
                95: (0.0, 2.0),
                99.99: (0.0, 2.0),
                100: (0.0, 3.0),
            },
        )
        item.bonus_cap = 2.5
        self.assertEqual(item._points(100), (0.0, 2.5))
        self.assertEqual(item._score(*item._points(100)), 12.5)
        item.rounding = "ceil"
        self.assertEqual(item._points(82.5), (3.0, 0.0), "per started point")
        item.rounding = "floor"
        self.assertEqual(item._points(82.5), (2.0, 0.0), "per complete point")

    def test_r003_16_a_deduction_tier_charged_once(self):
        """Channels failing 2 times or more (含) in a month cost 2, once; each failure
        without a backup within 30 minutes costs 2 (R003-17)."""
        item = self.item("R003-16/17")
        failures, late = item.term_ids.sorted("sequence").ids
        self.assertEqual(
            [item._points(0, {failures: n, late: 0})[0] for n in (1, 2, 5)],
            [0.0, 2.0, 2.0],
        )
        self.assertEqual(item._points(1, {failures: 2, late: 1})[0], 4.0)

    # ------------------------------------------------------------------
    # R003-38, R003-39: evaluation results from the callbacks
    # ------------------------------------------------------------------

    def test_r003_39_composite_satisfaction_linear_and_nothing_at_60(self):
        when = datetime(2025, 3, 12, 3, 0)
        self.callbacks(
            self.network,
            ["satisfied"] * 7 + ["basically_satisfied"] + ["unsatisfied"] * 2,
            when,
        )
        self.callbacks(self.billing, ["satisfied"] * 3 + ["unsatisfied"] * 2, when)
        self.callbacks(self.hr, ["satisfied"] * 17 + ["unsatisfied"] * 3, when)
        self.callbacks(self.office_department, ["unsatisfied"] * 4, when)
        self.compute()
        cells = {
            department: self.cell(department, "R003-38/39")
            for department in (
                self.network,
                self.billing,
                self.hr,
                self.office_department,
            )
        }
        self.assertEqual(
            {d.name: (c.value, c.deduction, c.score) for d, c in cells.items()},
            {
                self.network.name: (76.0, 5.4, 9.6),  # 15 − 0.6 × (85 − 76)
                self.billing.name: (60.0, 15.0, 0.0),  # 60 scores nothing
                self.hr.name: (85.0, 0.0, 15.0),  # 85 exactly: full
                self.office_department.name: (0.0, 15.0, 0.0),  # never below 0
            },
        )
        lines = self.Line.search(
            [("rule_code", "=", "R003-39"), ("period_id", "=", self.march.id)]
        )
        self.assertEqual(
            sorted((line.department_id.name, line.points) for line in lines),
            sorted(
                [
                    (self.network.name, 5.4),
                    (self.billing.name, 15.0),
                    (self.office_department.name, 15.0),
                ]
            ),
        )
        self.assertEqual(
            len(self.drill(cells[self.network], "value")), 10, "the evaluations counted"
        )
        self.assertEqual(
            self.drill(cells[self.network], "deduction").mapped("points"), [5.4]
        )

    def test_r003_02_quarter_rates_are_recomputed_over_the_quarter(self):
        """Rates over the whole quarter, not the mean of the months: 1 satisfied in
        January and 3 unsatisfied in February make 25, not (100 + 0) / 2."""
        self.callbacks(self.network, ["satisfied"], datetime(2025, 1, 10, 3))
        self.callbacks(self.network, ["unsatisfied"] * 3, datetime(2025, 2, 10, 3))
        january, february = self.month(2025, 1), self.month(2025, 2)
        quarter = self.Period._for_period(self.company, "quarter", date(2025, 2, 1))
        for period in (january, february, quarter):
            self.compute(period)
        values = [
            self.cell(self.network, "R003-38/39", period).value
            for period in (january, february, quarter)
        ]
        self.assertEqual(values, [100.0, 0.0, 25.0])
        self.assertFalse(
            self.Line.search(
                [("rule_code", "=", "R003-39"), ("period_id", "=", quarter.id)]
            ),
            "a quarter books nothing into the monthly ledger",
        )
        february_line = self.Line.search(
            [("rule_code", "=", "R003-39"), ("period_id", "=", february.id)]
        )
        self.assertEqual(february_line.points, 15.0, "at most the item's 15 points")
        quarter_cell = self.cell(self.network, "R003-38/39", quarter)
        self.assertEqual((quarter_cell.deduction, quarter_cell.score), (15.0, 0.0))
        self.assertEqual(len(self.drill(quarter_cell, "deduction")), 4)

    # ------------------------------------------------------------------
    # R003-02: the annual result, inactive months left out
    # ------------------------------------------------------------------

    def test_r003_02_annual_result_40_30_30_without_inactive_periods(self):
        for month in (1, 2, 11, 12):
            self.appeals(
                self.network,
                [None],
                when=datetime(2025, month, 5, 3),
                nature_id=self.consultation.id,
            )
        self.ledger_line(self.network, "R003-21", 2, period=self.month(2025, 1))
        self.ledger_line(self.network, "R003-21", 4, period=self.month(2025, 7))
        for month in range(1, 13):
            self.compute(self.month(2025, month))
        quarters = [
            self.Period._for_period(self.company, "quarter", date(2025, month, 1))
            for month in (1, 4, 7, 10)
        ]
        for quarter in quarters:
            self.compute(quarter)
        year = self.Period._for_period(self.company, "year", date(2025, 6, 1))
        self.compute(year)
        card = self.card(self.network, year)
        july = self.card(self.network, self.month(2025, 7))
        self.assertEqual((july.total, july.has_activity), (96.0, False))
        # months 98, 100, 100, 100; quarters 98, 100; the year 94
        self.assertEqual(
            (card.month_mean, card.month_count, card.quarter_mean, card.quarter_count),
            (99.5, 4, 99.0, 2),
        )
        self.assertEqual(card.total, 94.0)
        self.assertEqual(card.annual_result, 97.7)  # 0.4 × 99.5 + 0.3 × 99 + 0.3 × 94
        replay = self.env["helpdesk.scorecard.engine"]._replay(
            year, self.template("year")
        )
        self.assertEqual(replay[self.network.id]["annual_result"], 97.7)
        # CONFIG: every month and quarter counts.
        self.template().exclude_inactive = False
        self.compute(year)
        self.assertEqual(
            (card.month_mean, card.month_count, card.quarter_mean, card.quarter_count),
            (99.5, 12, 98.5, 4),
        )
        self.assertEqual(card.annual_result, 97.55)

    # ------------------------------------------------------------------
    # R003-14 and scores entered by hand (R000-56)
    # ------------------------------------------------------------------

    def test_r003_14_training_is_assessed_in_the_last_month_of_a_quarter(self):
        """A unit without training loses the item in March, not in February; the item
        entered by hand (R003-44) is missing for active units only."""
        february = self.month(2025, 2)
        for period in (february, self.march):
            for department in (self.network, self.billing):
                self.appeals(
                    department, [None], when=datetime(2025, period.date_start.month, 5)
                )
        self.compute(february)
        self.compute(self.march)
        training = {
            (period.name, department.name): self.cell(department, "R003-14", period)
            for period in (february, self.march)
            for department in (self.network, self.billing)
        }
        self.assertEqual(
            {key: (c.assessed, c.missing, c.score) for key, c in training.items()},
            {
                ("2025-02", self.network.name): (False, False, 4.0),
                ("2025-02", self.billing.name): (False, False, 4.0),
                ("2025-03", self.network.name): (True, False, 4.0),
                ("2025-03", self.billing.name): (True, False, 0.0),
            },
        )

        def missing(period):
            issues = period._appraisal_issues(self.template())
            return next(i["count"] for i in issues if "by hand" in i["name"])

        # R003-44 only, for the two active units; the inactive ones need none.
        self.assertEqual((missing(february), missing(self.march)), (2, 2))

    def test_r000_56_who_enters_which_score(self):
        """HR scores the response office, the office the departments; nobody scores
        their own unit; a score stays within its item's weight."""
        self.appeals(self.network, [None], nature_id=self.consultation.id)
        self.score(self.network, "R003-44", 6)
        self.score(self.billing, "R003-44", 7, user=self.office_user)
        self.score(self.office_department, "R003-44", 3)
        april = self.month(2025, 4)
        with self.assertRefused(AccessError, "your own unit"):
            self.score(
                self.office_department,
                "R003-44",
                7,
                user=self.office_user,
                period=april,
            )
        with self.assertRefused(AccessError, "your own unit"):
            self.score(self.hr, "R003-44", 5, period=april)
        with self.assertRefused(AccessError, "not allowed to create"):
            self.score(
                self.billing, "R003-44", 7, user=self.network_manager, period=april
            )
        clerk = self._user("billing_clerk", GROUP_OFFICE, self.billing)
        with self.assertRefused(AccessError, "Only HR's appraisal officers score"):
            self.score(
                self.office_department,
                "R003-44",
                7,
                user=clerk,
                period=april,
            )
        self.score(self.network, "R003-44", 7, user=clerk, period=april)
        with self.assertRefused(ValidationError, "from 0 to 7.0: 7.5 is outside"):
            self.score(self.hr, "R003-44", 7.5, period=april)
        with self.assertRefused(ValidationError, "is outside"):
            self.score(self.hr, "R003-44", -1, period=april)
        self.compute()
        rest = self.cell(self.network, "R003-44")
        self.assertEqual((rest.value, rest.score, rest.missing), (6.0, 6.0, False))
        self.assertEqual(self.drill(rest, "value").score, 6.0)
        self.assertEqual(self.card(self.network).total, 100 - 1)
        with self.assertRefused(ValidationError, "measured from its records"):
            self.score(self.billing, "R003-05", 4)

    def test_scores_of_a_locked_period_cannot_be_entered(self):
        self.march.sudo().state = "locked"
        with self.assertRefused(UserError, "is locked"):
            self.score(self.network, "R003-44", 4)

from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .appraisal_common import AppraisalCase


@tagged("post_install", "-at_install")
class TestAppraisal(AppraisalCase):
    """The water-supply company's monthly appraisal (seed 000): 100 minus the month's
    confirmed points (C-08) with the satisfaction items (R000-49 to R000-56), computed,
    drilled into, locked and replayed."""

    # ------------------------------------------------------------------
    # C-08: the base and the ledger
    # ------------------------------------------------------------------

    def test_c08_base_100_minus_the_months_confirmed_points_by_table(self):
        self.ledger_line(self.network, "R000-32", 2)
        self.ledger_line(self.network, "R000-59", 3)
        self.ledger_line(self.network, "R000-59", 5, state="draft")
        self.ledger_line(self.network, "R000-59", 7)._cancel("Contest upheld.")
        self.ledger_line(self.network, "R000-59", 11, period=self.month(2025, 2))
        self.compute()
        card = self.card(self.network)
        self.assertEqual(card.total, 95.0)
        self.assertEqual(
            (
                self.cell(self.network, "C-08/process").score,
                self.cell(self.network, "C-08/liability").score,
            ),
            (-2.0, -3.0),
        )
        self.assertEqual(self.card(self.billing).total, 100.0)
        self.assertEqual(card.rank, card.unit_count, "the only unit that lost points")

    def test_c08_every_line_counts_once_across_the_items(self):
        """A rule another item names is left out of its table's item (R000-53 is the
        rate item's, not the satisfaction table's)."""
        self.ledger_line(self.network, "R000-52", 2)
        self.appeals(self.network, ["unsatisfied"] * 2 + ["satisfied"] * 8)
        self.compute()
        cleared = self.cell(self.network, "R000-52")
        rate = self.cell(self.network, "R000-53")
        self.assertEqual((cleared.deduction, rate.deduction), (2.0, 0.5))
        self.assertEqual(self.card(self.network).total, 100 - 2.0 - 0.5)

    # ------------------------------------------------------------------
    # R000-49 to R000-53: the satisfaction rate
    # ------------------------------------------------------------------

    def test_r000_49_rate_of_the_appeals_replied_with_a_result(self):
        """Satisfied and basically satisfied count; appeals without a result and those
        replied in another month stay out; 85% exactly costs nothing (C-05)."""
        self.appeals(self.network, ["satisfied"] * 15 + ["basically_satisfied"] * 2)
        self.appeals(self.billing, ["unsatisfied"] * 3 + [None] * 4)
        self.appeals(self.billing, ["unsatisfied"] * 5, when=datetime(2025, 4, 2))
        self.compute()
        rate = self.cell(self.billing, "R000-53")
        self.assertEqual(
            (rate.value, rate.numerator, rate.denominator, rate.deduction),
            (85.0, 17.0, 20.0, 0.0),
        )
        self.assertFalse(
            self.Line.search(
                [("rule_code", "=", "R000-53"), ("period_id", "=", self.march.id)]
            )
        )

    def test_r000_53_below_85_linear_to_the_office_and_departments_with_unsatisfied(
        self,
    ):
        """82.4% costs (85 − 82.4) × 0.1 = 0.26 to the office and to each department
        with an unsatisfied appeal; the scope is configurable."""
        self.appeals(self.network, ["satisfied"] * 103 + ["unsatisfied"] * 20)
        self.appeals(self.billing, ["unsatisfied"] * 2)
        self.appeals(self.hr, [None])
        self.compute()
        lines = self.Line.search(
            [("rule_code", "=", "R000-53"), ("period_id", "=", self.march.id)]
        )
        self.assertEqual(
            sorted(
                (line.department_id.name, line.points, line.state) for line in lines
            ),
            sorted(
                (department.name, 0.26, "confirmed")
                for department in (self.network, self.billing, self.office_department)
            ),
        )
        self.assertEqual(self.cell(self.network, "R000-53").value, 82.4)
        self.assertEqual(self.card(self.network).total, 99.74)
        self.assertEqual(self.card(self.hr).total, 100.0, "no unsatisfied appeal")
        # CONFIG: every appraised unit.
        self.template()._reported_rate_item().charge_scope = "all"
        self.compute()
        self.assertEqual(self.card(self.hr).total, 99.74)

    def test_r000_51_a_clearing_before_the_report_counts_after_it_does_not(self):
        """Cleared before the report to HR: satisfied in the month's rate; cleared
        after: the reported rate stands (R000-50, R000-51)."""
        early, late = self.appeals(self.network, ["unsatisfied"] * 2)
        self.appeals(self.network, ["satisfied"] * 8)
        self.clear(early, datetime(2025, 4, 5))
        report = self.env["helpdesk.satisfaction.report"].create(
            {"period_id": self.march.id}
        )
        with patch("odoo.fields.Datetime.now", return_value=datetime(2025, 4, 20)):
            report.with_user(self.office_user).action_submit()
        self.assertEqual((report.rate, report.cleared_count), (90.0, 1))
        self.clear(late, datetime(2025, 4, 22))
        self.compute()
        rate = self.cell(self.network, "R000-53")
        self.assertEqual((rate.value, rate.deduction), (90.0, 0.0))
        self.assertEqual(report.rate, 90.0, "frozen at submission")
        # Without the report, every clearing until now counts.
        report.sudo().unlink()
        self.compute()
        self.assertEqual(self.cell(self.network, "R000-53").value, 100.0)

    def test_r000_50_report_due_on_the_28th_and_the_26th_in_february(self):
        """R000-50 and R000-78: the satisfaction report and the monthly analysis
        follow one due rule, the preset's monthly-analysis schedule."""
        Report = self.env["helpdesk.satisfaction.report"]
        due = {
            month: Report.create({"period_id": self.month(*month).id}).due_date
            for month in ((2025, 1), (2025, 2), (2025, 12))
        }
        self.assertEqual(
            due,
            {
                (2025, 1): date(2025, 2, 26),
                (2025, 2): date(2025, 3, 28),
                (2025, 12): date(2026, 1, 28),
            },
        )
        # CONFIG: a due date on a rest day moves to the previous working day
        # (2026-03-28 is a Saturday).
        schedule = self.env.ref(
            "helpdesk_utility_complaint.report_schedule_monthly_analysis"
        )
        schedule.rest_day = "previous"
        february = self.Period._for_period(self.company, "month", date(2026, 2, 1))
        self.assertEqual(february._satisfaction_report_due(), date(2026, 3, 27))
        self.assertEqual(
            schedule._due(self.company, february.date_end)[0], date(2026, 3, 27)
        )
        schedule.due_day = 25
        self.assertEqual(february._satisfaction_report_due(), date(2026, 3, 25))

    def test_r000_50_report_submitted_by_the_office_late_is_flagged(self):
        self.appeals(self.network, ["satisfied"])
        report = self.env["helpdesk.satisfaction.report"].create(
            {"period_id": self.march.id}
        )
        with self.assertRefused(AccessError, "response office submits"):
            report.with_user(self.hr_officer).action_submit()
        with patch("odoo.fields.Datetime.now", return_value=datetime(2025, 4, 28, 17)):
            report.with_user(self.office_user).action_submit()
        self.assertTrue(report.is_late, "17:00 UTC is already the 29th in Beijing")
        self.assertEqual((report.state, report.answered_count), ("submitted", 1))

    # ------------------------------------------------------------------
    # R000-54, R000-55: the Banyang Minsheng shortfall and item
    # ------------------------------------------------------------------

    def shortfall(self, points, shares):
        shortfall = (
            self.env["helpdesk.platform.shortfall"]
            .with_user(self.office_user)
            .create(
                {
                    "period_id": self.march.id,
                    "channel_id": self.banyang.id,
                    "rule_id": self.rule("R000-54").id,
                    "points": points,
                    "share_ids": [
                        (0, 0, {"department_id": department.id, "share": share})
                        for department, share in shares.items()
                    ],
                }
            )
        )
        return shortfall

    def test_r000_54_shortfall_passed_on_at_double_by_share(self):
        """X = 3, shares 60% and 40%: the office loses 3, the departments 3.60 and
        2.40."""
        shortfall = self.shortfall(3, {self.network: 60, self.billing: 40})
        self.assertEqual(shortfall.multiplier, 2.0, "the rule's multiplier")
        with self.assertRefused(AccessError, "R000-56"):
            shortfall.with_user(self.office_user).action_confirm()
        shortfall.with_user(self.hr_officer).action_confirm()
        self.compute()
        lines = self.Line.search(
            [("rule_code", "=", "R000-54"), ("period_id", "=", self.march.id)]
        )
        self.assertEqual(
            sorted((line.department_id.name, line.points) for line in lines),
            sorted(
                [
                    (self.office_department.name, 3.0),
                    (self.network.name, 3.6),
                    (self.billing.name, 2.4),
                ]
            ),
        )
        self.assertEqual(self.cell(self.network, "R000-55").score, -3.6)
        self.assertEqual(self.card(self.office_department).total, 97.0)
        for line in lines:
            self.assertEqual(line._fact(), shortfall)

    def test_r000_54_shares_over_100_percent_are_refused(self):
        with self.assertRefused(ValidationError, "cannot exceed 100%"):
            self.shortfall(3, {self.network: 60, self.billing: 40.01})
        self.assertFalse(
            self.env["helpdesk.platform.shortfall"].search(
                [("period_id", "=", self.march.id)]
            )
        )
        shortfall = self.shortfall(3, {self.network: 100})
        with self.assertRefused(ValidationError, "cannot exceed 100%"):
            shortfall.share_ids = [
                (0, 0, {"department_id": self.billing.id, "share": 1})
            ]
        self.assertEqual(shortfall.share_total, 100.0)

    def test_r000_54_default_shares_from_the_unsatisfied_banyang_appeals(self):
        """Shares proposed from each department's unsatisfied 般阳民生 appeals, never
        more than 100% together."""
        self.appeals(self.network, ["unsatisfied"] * 2, channel_id=self.banyang.id)
        self.appeals(self.billing, ["unsatisfied"], channel_id=self.banyang.id)
        self.appeals(self.billing, ["unsatisfied"] * 4)  # not on the platform
        shortfall = self.shortfall(2, {})
        shortfall.with_user(self.office_user).action_propose_shares()
        self.assertEqual(
            sorted(
                (s.department_id.name, s.share, s.unsatisfied_count)
                for s in shortfall.share_ids
            ),
            sorted([(self.network.name, 66.67, 2), (self.billing.name, 33.33, 1)]),
        )
        self.assertEqual(shortfall.share_total, 100.0)

    def test_r000_55_banyang_item_counts_the_months_platform_lines(self):
        self.ledger_line(self.network, "R000-36", 2)
        self.ledger_line(self.network, "R000-39", 1)
        self.ledger_line(self.network, "R000-32", 5)
        self.compute()
        item = self.cell(self.network, "R000-55")
        self.assertEqual((item.value, item.deduction, item.score), (2.0, 3.0, -3.0))
        self.assertEqual(
            sorted(self.drill(item, "deduction").mapped("rule_code")),
            ["R000-36", "R000-39"],
        )

    def test_r000_54_platform_figures_missing_block_the_lock(self):
        issues = self.march._appraisal_issues(self.template())
        blocking = [issue["name"] for issue in issues if issue["blocking"]]
        self.assertTrue(any("R000-54" in name for name in blocking), blocking)
        with self.assertRefused(UserError, "cannot be locked yet"):
            self.compute(lock=True)
        self.assertEqual(self.march.state, "open")
        self.assertFalse(self.card(self.network), "nothing half-written")

    # ------------------------------------------------------------------
    # The run: idempotent, refused on a locked period, blocked before a lock
    # ------------------------------------------------------------------

    def snapshot(self):
        cards = self.Card.search([("period_id", "=", self.march.id)])
        return (
            [(c.id, c.total, c.rank, c.write_date) for c in cards],
            [(c.id, c.score, c.value, c.write_date) for c in cards.line_ids],
            [
                (line.id, line.state, line.points)
                for line in self.Line.search([("period_id", "=", self.march.id)])
            ],
        )

    def test_computing_twice_gives_identical_cards_and_no_new_lines(self):
        self.ledger_line(self.network, "R000-59", 2)
        self.appeals(self.network, ["satisfied"] * 8 + ["unsatisfied"] * 2)
        shortfall = self.shortfall(1, {self.network: 50})
        shortfall.with_user(self.hr_officer).action_confirm()
        self.compute()
        first = self.snapshot()
        self.env.flush_all()
        self.compute()
        self.assertEqual(self.snapshot(), first)

    def test_a_changed_fact_replaces_the_rate_line_and_a_rerun_changes_nothing(self):
        unsatisfied = self.appeals(self.network, ["unsatisfied"] * 3)
        self.appeals(self.network, ["satisfied"] * 7)
        self.compute()
        line = self.Line.search(
            [("rule_code", "=", "R000-53"), ("department_id", "=", self.network.id)]
        )
        self.assertEqual((line.points, line.source_key[:8]), (1.5, "R000-53:"))
        self.clear(unsatisfied[:1], datetime(2025, 3, 20))
        self.compute()
        lines = self.Line.search(
            [("rule_code", "=", "R000-53"), ("department_id", "=", self.network.id)]
        )
        self.assertEqual(
            sorted((line.state, line.points) for line in lines),
            [("cancelled", 1.5), ("confirmed", 0.5)],
        )
        self.compute()
        self.assertEqual(
            self.Line.search(
                [("rule_code", "=", "R000-53"), ("department_id", "=", self.network.id)]
            ),
            lines,
            "a rerun adds nothing",
        )
        self.clear(unsatisfied[1:], datetime(2025, 3, 21))
        self.compute()
        self.assertEqual(
            set(lines.mapped("state")), {"cancelled"}, "85% or more: no deduction left"
        )
        self.assertEqual(self.card(self.network).total, 100.0)

    def test_a_locked_period_is_refused_with_its_reason(self):
        self.shortfall(0, {}).with_user(self.hr_officer).action_confirm()
        self.compute(lock=True)
        self.assertEqual(self.march.state, "locked")
        card = self.card(self.network)
        self.assertTrue(card.frozen_at)
        with self.assertRefused(UserError, "2025-03 is locked"):
            self.compute()
        with self.assertRefused(UserError, "locked"):
            card.sudo().write({"total": 1})
        with self.assertRefused(UserError, "locked"):
            card.line_ids[:1].sudo().write({"score": 1})
        wizard = (
            self.env["helpdesk.appraisal.run.wizard"]
            .with_user(self.hr_officer)
            .create(
                {
                    "company_id": self.company.id,
                    "period_type": "month",
                    "date": date(2025, 3, 15),
                }
            )
        )
        with self.assertRefused(UserError, "is locked"):
            wizard.action_preview()

    def test_lock_lists_what_blocks_it(self):
        line = self.ledger_line(self.network, "R000-59", 2, state="draft")
        line.sudo().state = "contested"
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_deduction_line SET create_date = '2025-03-20' "
            "WHERE id = %s",
            [line.id],
        )
        self.shortfall(0, {}).with_user(self.hr_officer).action_confirm()
        self.appeals(self.network, [None])
        issues = {
            issue["name"]: issue
            for issue in self.march._appraisal_issues(self.template())
        }
        contested = next(i for name, i in issues.items() if "Contested" in name)
        self.assertEqual((contested["count"], contested["blocking"]), (1, True))
        no_result = next(
            i for name, i in issues.items() if "without a callback" in name
        )
        self.assertEqual((no_result["count"], no_result["blocking"]), (1, False))
        with self.assertRefused(UserError, "Contested deductions"):
            self.compute(lock=True)
        self.assertEqual(self.march.state, "open")

    def test_only_appraisal_officers_run_and_lock(self):
        for user in (self.office_user, self.network_manager):
            with self.assertRefused(AccessError, "Only appraisal officers"):
                self.compute(user=user)
        self.assertFalse(self.card(self.network))

    def test_a_run_without_a_preset_is_refused(self):
        self.company.complaint_preset_id = False
        wizard = (
            self.env["helpdesk.appraisal.run.wizard"]
            .with_user(self.hr_officer)
            .create({"company_id": self.company.id, "date": date(2025, 3, 1)})
        )
        with self.assertRefused(UserError, "no complaint rule preset"):
            wizard.action_compute()
        self.assertFalse(
            self.Card.search(
                [
                    ("company_id", "=", self.company.id),
                    ("date_start", "=", date(2025, 3, 1)),
                ]
            )
        )

    def test_a_period_overlapping_a_locked_one_is_refused(self):
        self.march.sudo().state = "locked"
        with self.assertRefused(
            ValidationError, "overlaps the locked appraisal period 2025-03"
        ):
            self.Period.create(
                {"company_id": self.company.id, "date_start": date(2025, 3, 28)}
            )
        april, may = self.month(2025, 4), self.month(2025, 5)
        with self.assertRefused(
            ValidationError, "overlaps the appraisal period 2025-05"
        ):
            april.date_end = date(2025, 5, 3)
        self.assertEqual(may.date_start, date(2025, 5, 1))
        # A quarter is another cycle: it may hold the locked month.
        quarter = self.Period._for_period(self.company, "quarter", date(2025, 3, 1))
        self.assertEqual(
            (quarter.name, quarter.date_end), ("2025-Q1", date(2025, 3, 31))
        )
        # The ledger still books into the month.
        self.assertEqual(
            self.Period._for_date(self.company, date(2025, 3, 9)), self.march
        )

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------

    def test_every_number_opens_exactly_what_it_counts(self):
        self.ledger_line(self.network, "R000-32", 2)
        appeal = self.appeals(self.network, [None])
        self.ledger_line(self.network, "R000-59", 3, ticket=appeal)
        self.ledger_line(self.billing, "R000-59", 4)
        self.appeals(self.network, ["satisfied"] * 7 + ["unsatisfied"] * 3)
        self.appeals(self.billing, ["basically_satisfied"] * 2)
        self.compute()
        for line in self.card(self.network).line_ids:
            counted = self.drill(line, "value")
            if line.measure == "ledger":
                self.assertEqual(len(counted), line.value, line.code)
                self.assertAlmostEqual(sum(counted.mapped("points")), line.deduction)
            else:
                self.assertEqual(len(counted), line.denominator, line.code)
                self.assertEqual(len(self.drill(line, "numerator")), line.numerator)
                deductions = self.drill(line, "deduction")
                self.assertEqual(deductions._name, "helpdesk.deduction.line")
                self.assertAlmostEqual(sum(deductions.mapped("points")), line.deduction)
        line = self.drill(self.cell(self.network, "C-08/liability"), "value")
        fact = line.action_open_fact()
        self.assertEqual(
            (fact["res_model"], fact["res_id"]), ("helpdesk.ticket", appeal.id)
        )

    def test_a_locked_card_keeps_the_records_it_counted(self):
        self.ledger_line(self.network, "R000-59", 3)
        self.appeals(self.network, ["satisfied"] * 9 + ["unsatisfied"])
        self.shortfall(0, {}).with_user(self.hr_officer).action_confirm()
        self.compute(lock=True)
        rate = self.cell(self.network, "R000-53")
        before = self.drill(rate, "value")
        self.assertEqual(before._name, "helpdesk.scorecard.record")
        self.assertEqual(len(before), 10)
        self.assertEqual(set(before.mapped("res_model")), {"helpdesk.ticket"})
        # A late callback would change the live figures; the locked card does not move.
        self.appeals(self.network, ["satisfied"] * 5)
        self.assertEqual(len(self.drill(rate, "value")), 10)
        self.assertEqual(rate.value, 90.0)
        ledger = self.drill(self.cell(self.network, "C-08/liability"), "value")
        fact = self.env[ledger.res_model].browse(ledger.res_id)
        self.assertEqual((fact._name, fact.points), ("helpdesk.deduction.line", 3.0))

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    def test_department_managers_see_their_own_card_and_hr_all(self):
        self.ledger_line(self.network, "R000-59", 3)
        self.ledger_line(self.billing, "R000-59", 4)
        self.compute()
        mine = self.Card.with_user(self.network_manager).search(
            [("period_id", "=", self.march.id)]
        )
        self.assertEqual(mine.department_id, self.network)
        counted = self.drill(
            self.cell(self.network, "C-08/liability"), "value", self.network_manager
        )
        self.assertEqual(counted.mapped("points"), [3.0])
        everything = self.Card.with_user(self.hr_officer).search(
            [("period_id", "=", self.march.id)]
        )
        self.assertIn(self.billing, everything.department_id)
        self.assertIn(
            self.billing,
            self.Card.with_user(self.complaint_manager)
            .search([("period_id", "=", self.march.id)])
            .department_id,
        )
        with self.assertRefused(AccessError, "not allowed"):
            self.Card.with_user(self.network_handler).search([])
        with self.assertRefused(AccessError, "not allowed"):
            self.card(self.network).with_user(self.hr_officer).write({"total": 100})

    # ------------------------------------------------------------------
    # What-if replay
    # ------------------------------------------------------------------

    def table_writes(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del "
            "FROM pg_stat_xact_user_tables"
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def test_whatif_replay_writes_nothing_and_shows_the_difference(self):
        self.ledger_line(self.network, "R000-59", 3)
        self.appeals(self.network, ["satisfied"] * 17 + ["unsatisfied"] * 3)
        self.compute()
        real_total = self.card(self.network).total
        whatif = (
            self.template().with_user(self.complaint_manager).action_copy_for_whatif()
        )
        copy = self.env["helpdesk.scorecard.template"].browse(whatif["res_id"])
        self.assertTrue(copy.is_sandbox)
        copy._reported_rate_item().threshold = 90
        copy.item_ids.filtered(
            lambda i: i.code == "C-08/liability"
        ).floor_enabled = True
        before = self.table_writes()
        form = Form(
            self.env["helpdesk.scorecard.replay.wizard"].with_user(
                self.complaint_manager
            )
        )
        form.period_id = self.march
        form.template_id = copy
        html = str(form.comparison)
        after = self.table_writes()
        self.assertEqual(after, before, "the replay wrote to no table")
        wizard = self.env["helpdesk.scorecard.replay.wizard"].with_user(
            self.complaint_manager
        )
        comparison = wizard.new({"period_id": self.march.id, "template_id": copy.id})
        rows = {row["unit"]: row for row in comparison._comparison()["rows"]}
        network = rows[self.network.name]
        # 85% against 90: (90 − 85) × 0.1 = 0.5; the liability floor of 0 hides the 3.
        self.assertEqual((network["real"], network["replay"]), (real_total, 100 - 0.5))
        items = {item["code"]: item for item in network["items"]}
        self.assertEqual(items["R000-53"]["diff"], -0.5)
        self.assertEqual(items["C-08/liability"]["diff"], 3.0)
        self.assertIn(self.network.name, html)
        self.assertEqual(self.card(self.network).total, real_total)
        with self.assertRefused(UserError, "what-if copy"):
            self.compute(template=copy)

    def test_whatif_replay_under_the_real_template_gives_the_real_cards(self):
        self.ledger_line(self.network, "R000-59", 3)
        self.ledger_line(self.billing, "R000-36", 1)
        self.appeals(self.network, ["satisfied"] * 3 + ["unsatisfied"])
        shortfall = self.shortfall(2, {self.billing: 100})
        shortfall.with_user(self.hr_officer).action_confirm()
        self.compute()
        replay = self.env["helpdesk.scorecard.engine"]._replay(
            self.march, self.template()
        )
        for card in self.Card.search([("period_id", "=", self.march.id)]):
            mine = replay[card.department_id.id]
            self.assertEqual((mine["total"], mine["rank"]), (card.total, card.rank))
            for line in card.line_ids:
                self.assertEqual(mine["lines"][line.item_id.id]["score"], line.score)

    def test_whatif_replay_under_another_preset(self):
        """The heating card over the water company's month: its timing items find none
        of the water rules; the unit keeps none of the heating records (no policy costs
        5, no training in the quarter 4), no repeat among its complaints earns 2; the
        score entered by hand is still missing."""
        self.ledger_line(self.network, "R000-59", 3)
        self.appeals(self.network, ["satisfied"])
        heating = self.env.ref("helpdesk_utility_complaint.scorecard_heating")
        replay = self.env["helpdesk.scorecard.engine"]._replay(self.march, heating)
        card = replay[self.network.id]
        self.assertEqual(card["total"], 100.0 - 5 - 4 + 2)
        self.assertTrue(card["missing_count"])

    # ------------------------------------------------------------------
    # Background runs on Odoo's cron progress
    # ------------------------------------------------------------------

    def test_a_background_run_computes_in_batches_and_reports_progress(self):
        self.ledger_line(self.network, "R000-59", 3)
        self.appeals(self.network, ["satisfied"] * 8 + ["unsatisfied"] * 2)
        self.env["ir.config_parameter"].sudo().set_param(
            "helpdesk_utility_complaint.appraisal_batch_units", "2"
        )
        run = self.compute(background=True)
        self.assertEqual((run.state, run.units_done), ("queued", 0))
        progress = []

        def commit_progress(processed=0, *, remaining=None, deactivate=False):
            progress.append((processed, remaining, run.units_done))
            return 1.0  # seconds left: keep going

        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", side_effect=commit_progress
        ):
            self.Run._cron_process()
        self.assertEqual(run.state, "done")
        batches = [processed for processed, _r, _d in progress if processed]
        self.assertEqual(sum(batches), run.units_total)
        self.assertTrue(all(size <= 2 for size in batches))
        remaining = [left for _p, left, _d in progress]
        self.assertEqual(remaining, sorted(remaining, reverse=True))
        self.assertEqual(remaining[-1], 0)
        background = self.snapshot()
        self.compute()
        self.assertEqual(self.snapshot()[0][:2], background[0][:2], "same cards")
        self.assertEqual(self.card(self.network).total, 100 - 3 - 0.5)

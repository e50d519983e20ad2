from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .heating_common import HeatingCase


@tagged("post_install", "-at_install")
class TestHeatingRecords(HeatingCase):
    """The records the heating card reads (seed 003) instead of scores entered by hand:
    each unit's policy, trainings, channel failures and special tasks, the appeals'
    ledger, resolution, repeats and evaluations. Times are naive UTC; Beijing is
    UTC+8."""

    def cells(self, code, departments, period=None):
        return {
            department.name: (cell.value, cell.deduction, cell.score)
            for department in departments
            for cell in [self.cell(department, code, period)]
        }

    def cancel(self, records, reason, user=None):
        return (
            self.env["helpdesk.people.cancel"]
            .with_user(user or self.hr_officer)
            .create(
                {"res_model": records._name, "res_ids": records.ids, "reason": reason}
            )
            .action_cancel()
        )

    # ------------------------------------------------------------------
    # R003-05: the policy and its four elements
    # ------------------------------------------------------------------

    def test_r003_05_no_policy_costs_5_each_missing_element_1(self):
        self.policy(self.billing, elements=3)
        self.policy(self.office_department, elements=4)
        self.policy(self.hr, elements=0)
        units = (self.network, self.billing, self.office_department, self.hr)
        self.compute()
        self.assertEqual(
            self.cells("R003-05", units),
            {
                self.network.name: (0.0, 5.0, 0.0),  # no policy
                self.billing.name: (4.0, 1.0, 4.0),  # one element missing
                self.office_department.name: (5.0, 0.0, 5.0),
                self.hr.name: (1.0, 4.0, 1.0),  # a document that covers nothing
            },
        )
        self.assertEqual(
            self.drill(self.cell(self.billing, "R003-05"), "value").mapped("name"),
            [f"{self.billing.name} petition rules"],
        )

    def test_r003_05_the_policy_in_force_at_the_end_of_the_period(self):
        """A policy counts from the day HR puts it in force until the day a newer one
        replaces it or HR withdraws it; the period reads the one in force at its
        end."""
        self.policy(self.network, since=date(2025, 4, 1))
        old = self.policy(self.billing, elements=4)
        self.policy(self.billing, since=date(2025, 3, 31), elements=2)
        withdrawn = self.policy(self.office_department, elements=4)
        with freeze_time("2025-03-20"):
            self.cancel(withdrawn, "Abolished by the reorganisation.")
        self.assertEqual(
            (old.state, old.date_end, withdrawn.state, withdrawn.date_end),
            ("replaced", date(2025, 3, 31), "withdrawn", date(2025, 3, 20)),
        )
        units = (self.network, self.billing, self.office_department)
        quarter = self.Period._for_period(self.company, "quarter", date(2025, 3, 1))
        february, april = self.month(2025, 2), self.month(2025, 4)
        for period in (february, self.march, quarter, april):
            self.compute(period)
        self.assertEqual(
            {
                period.name: self.cells("R003-05", units, period)
                for period in (february, self.march, quarter, april)
            },
            {
                "2025-02": {
                    self.network.name: (0.0, 5.0, 0.0),
                    self.billing.name: (5.0, 0.0, 5.0),
                    self.office_department.name: (5.0, 0.0, 5.0),
                },
                **{
                    name: {
                        self.network.name: (0.0, 5.0, 0.0),
                        self.billing.name: (3.0, 2.0, 3.0),  # the newer one
                        self.office_department.name: (0.0, 5.0, 0.0),
                    }
                    for name in ("2025-03", quarter.name)
                },
                "2025-04": {
                    self.network.name: (5.0, 0.0, 5.0),
                    self.billing.name: (3.0, 2.0, 3.0),
                    self.office_department.name: (0.0, 5.0, 0.0),
                },
            },
        )

    def test_r003_05_the_unit_enters_its_policy_and_hr_puts_it_in_force(self):
        Policy = self.env["helpdesk.unit.policy"]
        with self.assertRefused(AccessError, "your own unit"):
            Policy.with_user(self.network_manager).create(
                {"name": "Not ours", "department_id": self.billing.id}
            )
        policy = Policy.with_user(self.network_manager).create(
            {"name": "Network petition rules", "has_classification": True}
        )
        self.assertEqual(policy.department_id, self.network, "the user's unit")
        with self.assertRefused(UserError, "Attach the policy document"):
            policy.action_submit()
        policy.attachment_ids = self.attachment("rules.pdf", self.network_manager)
        policy.action_submit()
        form = policy.with_user(self.hr_officer).web_read(
            {"attachment_ids": {"fields": {"name": {}}}}
        )
        self.assertEqual(
            [file["name"] for file in form[0]["attachment_ids"]],
            ["rules.pdf"],
            "HR's form shows the document the unit uploaded",
        )
        with self.assertRefused(AccessError, "HR's appraisal officers"):
            policy.action_put_in_force()
        self.assertFalse(
            Policy.with_user(self.billing_handler).search([("id", "=", policy.id)]),
            "another unit does not see it",
        )
        policy = policy.with_user(self.hr_officer)
        policy.has_escalation = True  # HR checks the checklist against the document
        policy.action_put_in_force()
        self.assertEqual(
            (policy.state, policy.element_count, policy.approved_by_id),
            ("in_force", 2, self.hr_officer),
        )
        with self.assertRefused(UserError, "changes by a new version"):
            policy.with_user(self.network_manager).has_archive_rules = True
        with self.assertRefused(UserError, "cancel them with a reason"):
            policy.unlink()
        with self.assertRefused(AccessError, "HR's appraisal officers"):
            self.cancel(policy, "No longer valid.", user=self.network_manager)
        with self.assertRefused(UserError, "Write why"):
            self.cancel(policy, " ")
        self.assertEqual(policy.state, "in_force")

    # ------------------------------------------------------------------
    # R003-10 to R003-12: the ledger
    # ------------------------------------------------------------------

    def test_r003_11_each_missing_ledger_item_costs_half_a_point(self):
        when = self.MARCH
        complete = self.heating_appeal(self.network, when)
        no_data = self.heating_appeal(
            self.network,
            when,
            occurred_at=False,
            complainant_address=False,
            complainant_phone=False,
        )
        # Replied and closed, rated: no contact time, no site survey logged.
        no_steps = self.heating_appeal(self.network, when)
        self.close(no_steps, when)
        self.rate(no_steps, "satisfied", when)
        # Every step logged, rated without a comment.
        no_comment = self.heating_appeal(self.network, when)
        for event in ("first_contact", "arrival"):
            no_comment._record_event(event, when=when)
        self.close(no_comment, when)
        self.rate(no_comment, "satisfied", when, comment=False)
        # Closed without any evaluation: no steps, no rating either.
        no_evaluation = self.heating_appeal(self.network, when)
        self.close(no_evaluation, when)
        # A consultation answered on the spot needs no contact time nor survey.
        on_the_spot = self.heating_appeal(
            self.billing, when, category_id=self.heating_question.id
        )
        self.close(on_the_spot, when, answered_on_spot=True)
        self.rate(on_the_spot, "satisfied", when)
        self.compute()
        self.assertEqual(
            self.cells("R003-11/12", (self.network, self.billing)),
            {
                # 1.5 + 1 + 0.5 + 1.5
                self.network.name: (4.5, 4.5, 2.5),
                self.billing.name: (0.0, 0.0, 7.0),
            },
        )
        self.assertEqual(
            self.drill(self.cell(self.network, "R003-11/12"), "value"),
            no_data | no_steps | no_comment | no_evaluation,
        )
        self.assertNotIn(
            complete, self.drill(self.cell(self.network, "R003-11/12"), "value")
        )
        for _index in range(2):
            self.heating_appeal(self.network, when, occurred_at=None)
        self.compute()
        self.assertEqual(
            self.cells("R003-11/12", (self.network,))[self.network.name],
            (5.5, 5.5, 1.5),
        )
        for _index in range(4):
            self.heating_appeal(self.network, when, occurred_at=None)
        self.compute()
        self.assertEqual(
            self.cells("R003-11/12", (self.network,))[self.network.name],
            (7.5, 7.0, 0.0),
            "the floor: it costs at most its 7 points",
        )

    def test_r003_12_entered_more_than_24_hours_after_receipt(self):
        """24 hours exactly is in time; a minute more costs 1. A visit received on the
        31st and entered two days later counts in the month it was received."""
        received = datetime(2025, 3, 10, 2, 0)
        in_time = self.heating_appeal(
            self.network, received, registered_at=datetime(2025, 3, 11, 2, 0)
        )
        late = self.heating_appeal(
            self.network, received, registered_at=datetime(2025, 3, 11, 2, 1)
        )
        month_end = self.heating_appeal(
            self.billing,
            datetime(2025, 3, 31, 10, 0),
            registered_at=datetime(2025, 4, 2, 1, 0),
        )
        self.assertEqual(
            (in_time.entry_delay_hours, late.entry_delay_hours),
            (24.0, 24.02),
        )
        self.compute()
        self.assertEqual(
            self.cells("R003-11/12", (self.network, self.billing)),
            {self.network.name: (1.0, 1.0, 6.0), self.billing.name: (1.0, 1.0, 6.0)},
        )
        self.assertEqual(
            self.drill(self.cell(self.billing, "R003-11/12"), "value"), month_end
        )

    # ------------------------------------------------------------------
    # R003-13, R003-14: trainings, quarter by quarter
    # ------------------------------------------------------------------

    def test_r003_14_training_per_quarter_with_its_evidence(self):
        self.training(self.network, date(2025, 1, 15))
        self.training(self.office_department, date(2025, 2, 10), ("sign_in", "slides"))
        self.training(self.hr, date(2025, 4, 1))  # the next quarter
        cancelled = self.training(self.billing, date(2025, 3, 3))
        self.cancel(cancelled, "Entered twice.")
        self.env["helpdesk.unit.training"].with_user(self.hr_officer).create(
            {"name": "Planned", "department_id": self.billing.id, "date": "2025-03-30"}
        )  # never recorded as held
        units = (self.network, self.billing, self.office_department, self.hr)
        quarter = self.Period._for_period(self.company, "quarter", date(2025, 3, 1))
        february = self.month(2025, 2)
        for period in (february, self.march, quarter):
            self.compute(period)
        expected = {
            self.network.name: (1.0, 0.0, 4.0),
            self.billing.name: (0.0, 4.0, 0.0),  # none held: 3 + 1
            self.office_department.name: (0.0, 1.0, 3.0),  # no photos
            self.hr.name: (0.0, 4.0, 0.0),
        }
        self.assertEqual(self.cells("R003-14", units, self.march), expected)
        self.assertEqual(self.cells("R003-14", units, quarter), expected)
        self.assertEqual(
            self.cells("R003-14", units, february),
            dict.fromkeys((unit.name for unit in units), (0.0, 0.0, 4.0)),
            "not assessed before the quarter's last month",
        )
        self.assertEqual(
            self.drill(self.cell(self.office_department, "R003-14"), "value").date,
            date(2025, 2, 10),
            "March opens the quarter's trainings",
        )

    def test_r003_14_a_year_counts_each_quarter_on_its_own(self):
        """The network trains in the first quarter only: three quarters without
        training cost 12, at most the item's 4; the office trains every quarter, once
        without photos."""
        self.training(self.network, date(2025, 2, 1))
        for month in (1, 4, 7):
            self.training(self.office_department, date(2025, month, 20))
        self.training(self.office_department, date(2025, 12, 31), ("sign_in",))
        year = self.Period._for_period(self.company, "year", date(2025, 1, 1))
        self.compute(year)
        self.assertEqual(
            self.cells("R003-14", (self.network, self.office_department), year),
            {
                self.network.name: (1.0, 4.0, 0.0),
                self.office_department.name: (3.0, 1.0, 3.0),
            },
        )

    def test_r003_13_a_training_is_recorded_once_held_and_kept_in_open_months(self):
        Training = self.env["helpdesk.unit.training"].with_user(self.network_manager)
        with freeze_time("2025-03-10"):
            planned = Training.create(
                {"name": "Metering disputes", "date": "2025-03-12"}
            )
            with self.assertRefused(UserError, "record it once held"):
                planned.action_record()
        self.assertEqual(planned.department_id, self.network)
        self.assertEqual(planned.missing_evidence, "Sign-in Sheet, Slides, Photos")
        with self.assertRefused(AccessError, "your own unit"):
            Training.create(
                {"name": "Theirs", "date": "2025-03-12", "department_id": self.hr.id}
            )
        self.march.sudo().state = "locked"
        with self.assertRefused(UserError, "is locked"):
            planned.photo_attachment_ids = self.attachment(
                "late.jpg", self.network_manager
            )
        with self.assertRefused(UserError, "is locked"):
            Training.create({"name": "Back-dated", "date": "2025-03-20"})

    # ------------------------------------------------------------------
    # R003-15 to R003-17: channel failures, month by month
    # ------------------------------------------------------------------

    def test_r003_16_r003_17_channel_failures_and_backups(self):
        start = datetime(2025, 3, 10, 2, 0)
        # Network: one failure, backup after exactly 30 minutes.
        self.failure(self.network, start, backup_after=30, restored_after=90)
        # Billing: two failures in the month (含), backups in time.
        self.failure(self.billing, start, backup_after=10)
        self.failure(self.billing, datetime(2025, 3, 25, 2, 0), backup_after=5)
        # Office: a backup 31 minutes late.
        self.failure(self.office_department, start, backup_after=31)
        # HR: no backup, restored after 20 and after 45 minutes; a third failure.
        self.failure(self.hr, start, restored_after=20)
        self.failure(self.hr, datetime(2025, 3, 12, 2, 0), restored_after=45)
        self.failure(self.hr, datetime(2025, 3, 13, 2, 0), backup_after=60)
        cancelled = self.failure(self.network, datetime(2025, 3, 20, 2, 0))
        self.cancel(cancelled, "A test call, not a failure.", user=self.office_user)
        units = (self.network, self.billing, self.office_department, self.hr)
        self.compute()
        self.assertEqual(
            self.cells("R003-16/17", units),
            {
                self.network.name: (0.0, 0.0, 4.0),
                self.billing.name: (0.0, 2.0, 2.0),
                self.office_department.name: (1.0, 2.0, 2.0),
                self.hr.name: (2.0, 4.0, 0.0),  # 2 + 2 × 2 = 6, at most 4
            },
        )

    def test_r003_16_failures_are_counted_month_by_month(self):
        """One failure in January and one in March make no month with two: the
        quarter costs nothing; two in March cost 2 in the quarter too."""
        self.failure(self.network, datetime(2025, 1, 10, 2, 0), backup_after=5)
        self.failure(self.network, datetime(2025, 3, 10, 2, 0), backup_after=5)
        self.failure(self.billing, datetime(2025, 3, 10, 2, 0), backup_after=5)
        self.failure(self.billing, datetime(2025, 3, 11, 2, 0), backup_after=5)
        quarter = self.Period._for_period(self.company, "quarter", date(2025, 1, 1))
        self.compute(quarter)
        self.assertEqual(
            self.cells("R003-16/17", (self.network, self.billing), quarter),
            {self.network.name: (0.0, 0.0, 4.0), self.billing.name: (0.0, 2.0, 2.0)},
        )
        self.assertEqual(
            len(self.drill(self.cell(self.network, "R003-16/17", quarter), "value")), 2
        )

    def test_r003_15_a_failure_is_logged_with_its_backup_and_restoration(self):
        start = datetime(2025, 3, 10, 2, 0)
        failure = self.failure(self.office_department, start)
        self.assertEqual(failure.department_id, self.office_department)
        self.assertFalse(failure.minutes_without_backup, "still down, no backup")
        with self.assertRefused(UserError, "answered again"):
            failure.action_close()
        with self.assertRefused(ValidationError, "after the failure"):
            failure.backup_started_at = datetime(2025, 3, 10, 1, 0)
        failure.write(
            {
                "backup_started_at": datetime(2025, 3, 10, 2, 12),
                "ended_at": datetime(2025, 3, 10, 4, 0),
            }
        )
        failure.action_close()
        self.assertEqual(
            (failure.state, failure.minutes_without_backup), ("closed", 12)
        )
        with self.assertRefused(AccessError, "your own unit"):
            self.env["helpdesk.channel.failure"].with_user(self.network_manager).create(
                {
                    "department_id": self.billing.id,
                    "channel_id": self.phone.id,
                    "started_at": start,
                }
            )

    # ------------------------------------------------------------------
    # R003-28 to R003-31: resolution; R003-32 to R003-35: repeats
    # ------------------------------------------------------------------

    def test_r003_30_r003_31_resolution_rate_of_the_appeals_closed(self):
        when = self.MARCH

        def closed(department, count, result="satisfied", **values):
            tickets = self.env["helpdesk.ticket"]
            for _index in range(count):
                tickets |= self.heating_appeal(department, when)
            self.close(tickets, when, **values)
            if result is not None:
                self.rate(tickets, result, when)
            return tickets

        # Network: 17 of 20 confirmed by the customer: 85%, nothing.
        closed(self.network, 17)
        closed(self.network, 3, "unsatisfied")
        # Billing: 16 of 20: 80% costs 5; resolved but unsatisfied, satisfied but
        # not resolved, and unreached do not count.
        closed(self.billing, 16)
        closed(self.billing, 1, "unsatisfied")
        closed(self.billing, 1, resolved=False)
        closed(self.billing, 2, None)
        # Office: 19 of 20: 95% earns 2.
        closed(self.office_department, 19, "basically_satisfied")
        closed(self.office_department, 1, "unsatisfied")
        # HR: consultations answered with no follow-up: 100% earns 3 (the cap).
        questions = closed(self.hr, 4, None, nature_id=self.consultation.id)
        # Still open: not counted.
        self.heating_appeal(self.hr, when)
        units = (self.network, self.billing, self.office_department, self.hr)
        self.compute()
        self.assertEqual(
            self.cells("R003-30/31", units),
            {
                self.network.name: (85.0, 0.0, 10.0),
                self.billing.name: (80.0, 5.0, 5.0),
                self.office_department.name: (95.0, 0.0, 12.0),
                self.hr.name: (100.0, 0.0, 13.0),
            },
        )
        # A follow-up linked to a consultation: not resolved (R003-28).
        self.heating_appeal(self.hr, datetime(2025, 4, 2, 2, 0)).sudo().write(
            {"repeat_of_id": questions[0].id}
        )
        self.compute()
        self.assertEqual(
            self.cells("R003-30/31", (self.hr,))[self.hr.name], (75.0, 10.0, 0.0)
        )

    def test_r003_33_r003_34_repeat_rate_of_the_complaints_received(self):
        """A repeat is the same customer's complaint of the same category within 30
        days (R003-32): 1 in 20 complaints is 5%, which costs nothing; 2 in 12
        (16.67%) cost 11.67, at most 5; consultations do not count."""
        when = self.MARCH
        first = self.heating_appeal(self.network, when)
        repeat = self.heating_appeal(
            self.network,
            datetime(2025, 3, 20, 2, 0),
            complainant_phone=first.sudo().complainant_phone,
        )
        self.assertEqual(repeat.repeat_of_id, first)
        for _index in range(18):
            self.heating_appeal(self.network, when)
        for index in range(10):
            appeal = self.heating_appeal(self.billing, when)
            if index < 2:
                self.heating_appeal(
                    self.billing,
                    datetime(2025, 3, 11, 2, 0),
                    complainant_phone=appeal.sudo().complainant_phone,
                )
        for _index in range(3):
            self.heating_appeal(self.hr, when, category_id=self.heating_question.id)
        self.compute()
        self.assertEqual(
            self.cells("R003-34/35", (self.network, self.billing, self.hr)),
            {
                self.network.name: (5.0, 0.0, 5.0),
                self.billing.name: (16.67, 5.0, 0.0),
                self.hr.name: (0.0, 0.0, 5.0),  # no complaint: nothing measured
            },
        )

    # ------------------------------------------------------------------
    # R003-36, R003-37: evaluation coverage and channel mix
    # ------------------------------------------------------------------

    def test_r003_37_closed_appeals_without_an_evaluation_cost_half_a_point(self):
        when = self.MARCH
        rated, unreachable, tried_once, never = (
            self.heating_appeal(self.network, when) for _index in range(4)
        )
        self.close(rated | unreachable | tried_once | never, when)
        self.rate(rated, "satisfied", when)
        for _attempt in range(3):  # the preset's attempts: unreachable is covered
            self.rate(unreachable, None, when)
        self.rate(tried_once, None, when)
        self.heating_appeal(self.network, when)  # open: not yet due
        self.assertEqual(
            (rated | unreachable | tried_once | never).mapped("evaluation_covered"),
            [True, True, False, False],
        )
        self.compute()
        self.assertEqual(
            self.cells("R003-37", (self.network, self.billing)),
            {self.network.name: (2.0, 1.0, 4.0), self.billing.name: (0.0, 0.0, 5.0)},
        )
        self.assertEqual(
            self.drill(self.cell(self.network, "R003-37"), "value"), tried_once | never
        )
        for _index in range(9):
            self.close(self.heating_appeal(self.network, when), when)
        self.compute()
        self.assertEqual(
            self.cells("R003-37", (self.network,))[self.network.name],
            (11.0, 5.0, 0.0),
            "the floor",
        )

    def test_r003_36_the_phone_share_is_shown_not_scored(self):
        when = self.MARCH
        tickets = self.env["helpdesk.ticket"]
        for _index in range(10):
            tickets |= self.heating_appeal(self.network, when)
        self.rate(tickets[:7], "satisfied", when)
        self.rate(tickets[7:], "satisfied", when, channel="online")
        self.compute()
        mix = self.cell(self.network, "R003-36")
        self.assertEqual(
            (mix.value, mix.numerator, mix.denominator, mix.deduction, mix.score),
            (70.0, 7.0, 10.0, 0.0, 0.0),
        )

    # ------------------------------------------------------------------
    # R003-40, R003-41: unsatisfied ratings
    # ------------------------------------------------------------------

    def test_r003_41_a_rating_neither_redone_nor_explained_by_the_month_end(self):
        """Reviewed in time: nothing; reviewed late in the month: 1; not reviewed when
        the month of its deadline ends (Beijing time): 2, and 1 more once reviewed;
        rated on the 31st, due in April: nothing yet in March."""

        def rated_unsatisfied(when):
            appeal = self.heating_appeal(self.network, when)
            with freeze_time(when):
                appeal._record_event("unsatisfied_callback")
            return appeal

        def review(appeal, when):
            with freeze_time(when):
                appeal._record_event("cause_review")

        def lines(appeal):
            return {
                line.rule_code: line.points
                for line in appeal.deduction_ids
                if line.state != "cancelled"
            }

        in_time = rated_unsatisfied(datetime(2025, 3, 10, 2, 0))
        review(in_time, datetime(2025, 3, 11, 2, 0))
        late = rated_unsatisfied(datetime(2025, 3, 10, 2, 0))
        review(late, datetime(2025, 3, 12, 2, 0))
        never = rated_unsatisfied(datetime(2025, 3, 10, 2, 0))
        month_end = rated_unsatisfied(datetime(2025, 3, 31, 10, 0))
        appeals = in_time | late | never | month_end
        Line = self.env["helpdesk.deduction.line"]
        with freeze_time("2025-03-31 15:59:00"):  # 23:59 in Beijing
            Line._sync_process_lines(appeals)
        self.assertFalse(lines(never), "March has not ended")
        with freeze_time("2025-03-31 16:00:01"):
            Line._sync_process_lines(appeals)
        self.assertEqual(
            [lines(appeal) for appeal in appeals],
            [{}, {"R003-41": 1.0}, {"R003-41/outcome": 2.0}, {}],
        )
        review(never, datetime(2025, 4, 2, 2, 0))
        review(month_end, datetime(2025, 4, 1, 9, 0))
        with freeze_time("2025-05-01 00:00:00"):
            Line._sync_process_lines(appeals)
        self.assertEqual(
            [lines(appeal) for appeal in appeals],
            [{}, {"R003-41": 1.0}, {"R003-41/outcome": 2.0, "R003-41": 1.0}, {}],
        )
        # Confirmed into April, they count in April's card under R003-41.
        never.deduction_ids._confirm_as_due(datetime(2025, 4, 10, 2, 0))
        april = self.month(2025, 4)
        self.compute(april)
        self.assertEqual(
            self.cells("R003-41", (self.office_department,), april),
            {self.office_department.name: (2.0, 3.0, 2.0)},
        )

    # ------------------------------------------------------------------
    # R003-42, R003-43: special tasks
    # ------------------------------------------------------------------

    def task(self, department, plan_due, deadline, **values):
        return (
            self.env["helpdesk.special.task"]
            .with_user(self.hr_officer)
            .create(
                dict(
                    {
                        "name": "Hazard survey before the heating season",
                        "department_id": department.id,
                        "plan_due_date": plan_due,
                        "deadline": deadline,
                        "quality_measure": "Survey coverage (%)",
                    },
                    **values,
                )
            )
        )

    def plan(self, task, day, user=None):
        task = task.with_user(user or self.hr_officer)
        task.write(
            {
                "plan": "<p>Survey every substation, then every building.</p>",
                "milestone_ids": [
                    (0, 0, {"name": "Substations", "date": "2025-03-10"}),
                    (0, 0, {"name": "Buildings", "date": "2025-03-18"}),
                ],
            }
        )
        with freeze_time(day):
            task.action_submit_plan()

    def test_r003_43_no_plan_days_late_and_quality_below_the_standard(self):
        late = self.task(self.network, "2025-03-05", "2025-03-20")
        self.assertEqual((late.quality_standard, late.quality_points), (90.0, 2.0))
        with self.assertRefused(AccessError, "Only the response office and HR"):
            self.env["helpdesk.special.task"].with_user(self.network_manager).create(
                {
                    "name": "Ours",
                    "department_id": self.network.id,
                    "plan_due_date": "2025-03-05",
                    "deadline": "2025-03-20",
                }
            )
        manager_view = late.with_user(self.network_manager)
        with self.assertRefused(UserError, "its milestones"):
            manager_view.action_submit_plan()
        with self.assertRefused(AccessError, "deadlines and standard"):
            manager_view.deadline = "2025-03-31"
        self.plan(late, "2025-03-05", self.network_manager)  # on its due date
        manager_view.quality_result = 85
        with freeze_time("2025-03-23"):
            manager_view.action_finish()
        with self.assertRefused(AccessError, "deadlines and standard"):
            manager_view.quality_result = 95
        with self.assertRefused(AccessError, "cancel special tasks"):
            self.cancel(late, "Not ours.", user=self.network_manager)
        self.assertEqual(
            (late.plan_late, late.days_late, late.quality_failed), (False, 3, True)
        )
        # Never planned; HR closes it unfinished before its deadline.
        unplanned = self.task(self.network, "2025-03-05", "2025-03-31")
        with freeze_time("2025-03-25"):
            unplanned.action_close_unfinished()
        self.assertEqual(
            (
                unplanned.plan_late,
                unplanned.days_late,
                unplanned.completed,
                unplanned.quality_failed,
            ),
            (True, 0, False, False),
            "no quality judged on a task not completed",
        )
        # Billing: plan after its due date; finished on the deadline at 90% exactly.
        on_time = self.task(self.billing, "2025-03-05", "2025-03-20", quality_result=90)
        self.plan(on_time, "2025-03-06")
        with freeze_time("2025-03-20"):
            on_time.action_finish()
        # Office: finished in April, counted in April.
        april_task = self.task(
            self.office_department, "2025-03-01", "2025-03-28", quality_result=95
        )
        self.plan(april_task, "2025-03-01")
        with freeze_time("2025-04-02"):
            april_task.action_finish()
        units = (self.network, self.billing, self.office_department)
        self.compute()
        self.assertEqual(
            self.cells("R003-43", units),
            {
                self.network.name: (8.0, 8.0, 0.0),  # 3 + 2, and 3: at the floor
                self.billing.name: (3.0, 3.0, 5.0),
                self.office_department.name: (0.0, 0.0, 8.0),
            },
        )
        self.assertEqual(
            self.drill(self.cell(self.network, "R003-43"), "value"), late | unplanned
        )
        april = self.month(2025, 4)
        self.compute(april)
        self.assertEqual(
            self.cells("R003-43", (self.office_department,), april),
            {self.office_department.name: (5.0, 5.0, 3.0)},  # 5 days late
        )

    # ------------------------------------------------------------------
    # R003-07, R003-08: tiers and escalation
    # ------------------------------------------------------------------

    def test_r003_08_a_problem_not_solved_in_time_moves_up_a_tier(self):
        team = self.env.ref("helpdesk_utility_complaint.authority_tier_heating_team")
        area = self.env.ref("helpdesk_utility_complaint.authority_tier_heating_area")
        received = datetime(2025, 3, 10, 2, 0)  # the solution is due in 24 hours
        appeal = self.heating_appeal(self.network, received)
        solved = self.heating_appeal(self.network, received)
        withdrawn = self.heating_appeal(self.network, received)
        with freeze_time("2025-03-10 03:00:00"):
            withdrawn.with_user(self.office_user)._withdraw("A duplicate.")
        self.assertEqual(appeal.authority_tier_id, team)
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time("2025-03-11 01:59:00"):
            Ticket._cron_escalate_overdue()
            solved._record_event("solution_proposed")
        self.assertFalse(appeal.escalation_ids)
        with freeze_time("2025-03-11 02:00:00"):
            Ticket._cron_escalate_overdue()
        escalation = appeal.escalation_ids
        self.assertEqual(
            (
                escalation.from_tier_id,
                escalation.to_tier_id,
                escalation.department_id,
                escalation.notified_user_ids,
                appeal.authority_tier_id,
            ),
            (team, area, self.network, self.network_manager, area),
        )
        self.assertIn(
            "moves up to the Area Level", appeal.message_ids[:1].body, "logged"
        )
        self.assertIn(
            self.network_manager, appeal.activity_ids.user_id, "the tier is told"
        )
        with freeze_time("2025-03-12 02:00:00"):
            Ticket._cron_escalate_overdue()
        self.assertEqual(len(appeal.escalation_ids), 1, "once per missed deadline")
        self.assertFalse(solved.escalation_ids)
        self.assertFalse(withdrawn.escalation_ids, "its clocks ended")
        # A grace period delays it (CONFIG, R003-08).
        self.preset.escalation_grace_hours = 2
        graced = self.heating_appeal(self.billing, received)
        with freeze_time("2025-03-11 03:59:00"):
            Ticket._cron_escalate_overdue()
        self.assertFalse(graced.escalation_ids)
        with freeze_time("2025-03-11 04:00:00"):
            Ticket._cron_escalate_overdue()
        self.assertEqual(graced.escalation_ids.to_tier_id, area)
        self.compute()
        self.assertEqual(
            self.cells("R003-08", (self.network, self.billing)),
            {self.network.name: (1.0, 0.0, 0.0), self.billing.name: (1.0, 0.0, 0.0)},
        )

    def test_r003_07_a_tier_concludes_only_its_categories(self):
        team = self.env.ref("helpdesk_utility_complaint.authority_tier_heating_team")
        area = self.env.ref("helpdesk_utility_complaint.authority_tier_heating_area")
        team.category_ids = self.heating_question
        question = self.heating_appeal(
            self.network, self.MARCH, category_id=self.heating_question.id
        )
        complaint = self.heating_appeal(self.network, self.MARCH)
        self.assertEqual(
            (question.authority_tier_id, complaint.authority_tier_id), (team, area)
        )
        with self.assertRefused(ValidationError, "may not conclude"):
            complaint.authority_tier_id = team

    # ------------------------------------------------------------------
    # R003-09: archive retention
    # ------------------------------------------------------------------

    def test_r003_09_an_appeal_is_kept_until_its_retention_ran_out(self):
        self.env["helpdesk.archive.retention"].create(
            {
                "preset_id": self.preset.id,
                "name": "Heating complaints",
                "nature_id": self.complaint.id,
                "category_id": self.env.ref(
                    "helpdesk_utility_complaint.cat_heating"
                ).id,
                "electronic_years": 10,
                "paper_years": 3,
                "filing_days": 30,
            }
        )
        complaint = self.heating_appeal(self.network, self.MARCH)
        question = self.heating_appeal(
            self.network, self.MARCH, category_id=self.heating_question.id
        )
        self.assertTrue(complaint.archive_retention_id, "a sub-category of heating")
        self.assertFalse(question.archive_retention_id, "not a complaint")
        with self.assertRefused(UserError, "it is not closed"):
            complaint.active = False
        self.close(complaint, datetime(2025, 3, 10, 17, 0))  # the 11th in Beijing
        complaint.paper_filed_on = date(2025, 4, 1)
        self.assertEqual(
            (
                complaint.retain_until,
                complaint.paper_filing_due,
                complaint.paper_retain_until,
            ),
            (date(2035, 3, 11), date(2025, 4, 10), date(2028, 4, 1)),
        )
        with self.assertRefused(UserError, "before 2035-03-11"):
            complaint.active = False
        with self.assertRefused(UserError, "before 2035-03-11"):
            complaint.unlink()
        with freeze_time("2035-03-11 02:00:00"):
            complaint.active = False
        question.active = False
        self.assertFalse(complaint.active or question.active)

    # ------------------------------------------------------------------
    # R003-25: who marks a case complex
    # ------------------------------------------------------------------

    def test_r003_25_complex_needs_a_reason_and_a_supervisor_changes_the_type(self):
        pipe = self.heating_appeal(
            self.network, self.MARCH, category_id=self.heating_pipe.id
        )
        office = pipe.with_user(self.office_user)
        with self.assertRefused(UserError, "choose why"):
            office.action_dispatch()
        office.complex_reason_id = self.env.ref(
            "helpdesk_utility_complaint.complexity_reason_pipe"
        )
        office.action_dispatch()
        self.assertIn("complex_plan", pipe.deadline_ids.milestone_id.mapped("code"))
        with self.assertRefused(AccessError, "a leader or a complaint manager"):
            office.category_id = self.heating_temperature
        with self.assertRefused(AccessError, "a leader or a complaint manager"):
            office.nature_id = self.consultation
        pipe.with_user(self.complaint_manager).category_id = self.heating_temperature
        self.assertIn("Type changed from", pipe.message_ids[:1].body)
        codes = pipe.deadline_ids.filtered("active").milestone_id.mapped("code")
        self.assertIn("solution", codes)
        self.assertNotIn("complex_plan", codes)
        solution = pipe.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "solution"
        )
        self.assertEqual(
            solution.deadline,
            datetime(2025, 3, 11, 2, 0),
            "counted from the original receipt",
        )
        # Before the dispatch the office classifies freely.
        other = self.heating_appeal(self.billing, self.MARCH)
        other.with_user(self.office_user).category_id = self.heating_pipe
        self.assertEqual(other.category_id, self.heating_pipe)

    def test_the_preview_lists_the_records_awaiting_a_step(self):
        policy = (
            self.env["helpdesk.unit.policy"]
            .with_user(self.network_manager)
            .create(
                {
                    "name": "Network petition rules",
                    "attachment_ids": [
                        (4, self.attachment("r.pdf", self.network_manager).id)
                    ],
                }
            )
        )
        policy.action_submit()
        self.failure(self.office_department, self.MARCH)  # still down, no backup
        self.failure(self.office_department, self.MARCH, backup_after=10)
        self.task(self.billing, "2025-03-05", "2025-03-31")
        self.task(self.billing, "2025-04-05", "2025-04-30")
        issues = {
            issue["res_model"]: (issue["count"], issue["blocking"])
            for issue in self.march._appraisal_issues(self.template())
        }
        self.assertEqual(
            (
                issues["helpdesk.unit.policy"],
                issues["helpdesk.channel.failure"],
                issues["helpdesk.special.task"],
            ),
            ((1, False), (1, False), (1, False)),
        )

    # ------------------------------------------------------------------
    # The run: idempotent, replayed, locked
    # ------------------------------------------------------------------

    def snapshot(self):
        cards = self.Card.search([("period_id", "=", self.march.id)])
        return (
            [(card.id, card.total, card.rank) for card in cards],
            [
                (line.id, line.value, line.deduction, line.bonus, line.score)
                for line in cards.line_ids
            ],
        )

    def test_computing_twice_and_replaying_give_the_same_heating_cards(self):
        self.keep_records(self.network)
        self.policy(self.billing, elements=2)
        self.training(self.billing, date(2025, 2, 3), ("photo",))
        self.failure(self.billing, self.MARCH, backup_after=45)
        self.heating_appeal(self.network, self.MARCH, occurred_at=None)
        self.compute()
        first = self.snapshot()
        self.env.flush_all()
        self.compute()
        self.assertEqual(self.snapshot(), first)
        replay = self.env["helpdesk.scorecard.engine"]._replay(
            self.march, self.template()
        )
        for card in self.Card.search([("period_id", "=", self.march.id)]):
            self.assertEqual(replay[card.department_id.id]["total"], card.total)
        # Billing: two elements missing 2, training incomplete 1, a late backup 2.
        self.assertEqual(self.card(self.billing).total, 100 - 2 - 1 - 2)

    def test_a_whatif_copy_keeps_its_tiers_on_its_own_terms(self):
        self.training(self.network, date(2025, 3, 3))
        self.failure(self.billing, self.MARCH, backup_after=5)
        self.failure(self.billing, datetime(2025, 3, 11, 2, 0), backup_after=5)
        copy = self.template().copy({"is_sandbox": True})
        for code in ("R003-14", "R003-16/17"):
            item = copy.item_ids.filtered(lambda item, code=code: item.code == code)
            self.assertTrue(item.tier_ids.term_id)
            self.assertLessEqual(item.tier_ids.term_id, item.term_ids)
        replay = self.env["helpdesk.scorecard.engine"]._replay(self.march, copy)
        real = self.env["helpdesk.scorecard.engine"]._replay(
            self.march, self.template()
        )
        self.assertEqual(
            {unit: card["total"] for unit, card in replay.items()},
            {unit: card["total"] for unit, card in real.items()},
        )

    def test_a_locked_heating_card_keeps_the_records_it_counted(self):
        policy = self.policy(self.network, elements=3)
        self.training(self.network, date(2025, 1, 15))
        self.heating_appeal(self.network, self.MARCH)
        item = self.template().item_ids.filtered(lambda item: item.code == "R003-44")
        self.env["helpdesk.scorecard.manual.score"].with_user(self.hr_officer).create(
            {
                "period_id": self.march.id,
                "item_id": item.id,
                "department_id": self.network.id,
                "score": 7,
            }
        )
        self.compute(lock=True)
        self.assertEqual(self.march.state, "locked")
        cell = self.cell(self.network, "R003-05")
        self.assertEqual(self.drill(cell, "value").mapped("record_ref"), [policy])
        newer = self.policy(self.network, since=date(2025, 4, 3))
        self.assertEqual(policy.state, "replaced")
        self.assertEqual(self.drill(cell, "value").mapped("record_ref"), [policy])
        self.assertNotEqual(newer, policy)

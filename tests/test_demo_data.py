from unittest import SkipTest

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

MODULE = "helpdesk_utility_complaint"


@tagged("post_install", "-at_install", "demo_data")
class TestDemoData(TransactionCase):
    """The demo utility shows the whole life of an appeal and three months to appraise.

    These tests read the demo records on purpose: they guard the demo itself, so they
    run only on a database with this addon's demo data (as the one .ci/test uses).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["ir.module.module"]._get(MODULE).demo:
            raise SkipTest("needs the demo data of helpdesk_utility_complaint")
        data = cls.env["ir.model.data"].search(
            [("module", "=", MODULE), ("model", "=", "helpdesk.ticket")]
        )
        cls.appeals = cls.env["helpdesk.ticket"].browse(data.mapped("res_id")).exists()
        cls.installed_at = cls.env.ref(f"{MODULE}.demo_appeal_01").create_date
        cls.now = fields.Datetime.now()
        cls.tz = cls.env.company._get_complaint_calendar()._sla_tz()
        cls.this_month = cls._month(cls.installed_at)
        cls.lines = cls.env["helpdesk.deduction.line"].search(
            [("ticket_id", "in", cls.appeals.ids)]
        )

    @classmethod
    def _month(cls, moment):
        return pytz.utc.localize(moment).astimezone(cls.tz).date().replace(day=1)

    def _appeals_with(self, *codes):
        """Demo appeals whose event log holds ``codes`` in this order."""

        def in_order(appeal):
            log = appeal.event_ids.sorted(lambda e: (e.occurred_at, e.id)).mapped(
                "event_code"
            )
            position = 0
            for code in codes:
                if code not in log[position:]:
                    return False
                position = log.index(code, position) + 1
            return True

        return self.appeals.filtered(in_order)

    def test_every_state_of_the_workflow(self):
        states = self.appeals._fields["state"].get_values(self.env)
        self.assertEqual(set(self.appeals.mapped("state")), set(states))

    def test_three_months_and_this_one(self):
        """Appeals in each of the last three calendar months and in the install month;
        every confirmed deduction sits in the month it was confirmed (C-09), and each of
        the three months has some to appraise."""
        months = [self.this_month - relativedelta(months=n) for n in (3, 2, 1, 0)]
        received = {self._month(appeal.received_at) for appeal in self.appeals}
        self.assertTrue(set(months) <= received, received)
        confirmed = self.lines.filtered(lambda line: line.state == "confirmed")
        for line in confirmed:
            self.assertEqual(
                line.period_id.date_start, self._month(line.confirmed_at), line.reason
            )
            self.assertLessEqual(line.confirmed_at, self.now)
        for month in months[:3]:
            in_month = confirmed.filtered(
                lambda line, m=month: line.period_id.date_start == m
            )
            self.assertGreaterEqual(
                len(in_month.department_id), 2, f"{month}: deductions of several units"
            )
        self.assertEqual(
            set(self.lines.mapped("state")),
            {"draft", "contested", "confirmed", "cancelled"},
        )

    def test_facts_have_their_real_past_times(self):
        """Events, callbacks and replies happened after the appeal came in, in the past;
        findings are dated with their notice (R001-29)."""
        for appeal in self.appeals:
            for event in appeal.event_ids:
                self.assertTrue(
                    appeal.received_at <= event.occurred_at <= self.now,
                    f"{appeal.number} {event.event_code}",
                )
            for callback in appeal.callback_ids:
                self.assertTrue(appeal.received_at <= callback.called_at <= self.now)
            if appeal.replied_at:
                self._assertRecorded(appeal.replied_at, appeal, "final_reply")
        for finding in self.lines.finding_id:
            self._assertRecorded(
                finding.confirmed_at, finding.ticket_id, "liability_notice"
            )

    def _assertRecorded(self, moment, appeal, code):
        """``moment`` is the time of one of the appeal's ``code`` events (this month's
        are counted back from the minute of the install, evaluated record by record)."""
        times = appeal.event_ids.filtered(lambda e: e.event_code == code).mapped(
            "occurred_at"
        )
        self.assertTrue(
            any(abs((moment - time).total_seconds()) < 60 for time in times),
            f"{appeal.number}: {moment} is no {code} event",
        )

    def test_deadlines_are_derived_from_the_events(self):
        """The deadline lines are what the engine makes of the event log: each start and
        stop is a recorded event, and recomputing them changes nothing, nor does
        regenerating the deductions."""

        def snapshot():
            self.env.invalidate_all()
            return {
                (line.ticket_id.id, line.milestone_id.id, line.occurrence): (
                    line.start_at,
                    line.base_deadline,
                    line.deadline,
                    line.reached_at,
                    line.status if line.reached_at else None,
                )
                for line in self.appeals.deadline_ids
            }

        before = snapshot()
        self.assertTrue(before)
        for appeal in self.appeals:
            times = set(appeal.event_ids.mapped("occurred_at"))
            for line in appeal.deadline_ids:
                self.assertIn(line.start_at, times, line.name)
                if line.reached_at:
                    self.assertIn(line.reached_at, times, line.name)
        self.env["helpdesk.ticket.deadline"]._sync_tickets(self.appeals)
        self.assertEqual(snapshot(), before)
        lines = {line.id: line.state for line in self.lines}
        self.env["helpdesk.deduction.line"]._sync_process_lines(self.appeals)
        regenerated = self.env["helpdesk.deduction.line"].search(
            [("ticket_id", "in", self.appeals.ids)]
        )
        self.assertEqual({line.id: line.state for line in regenerated}, lines)

    def test_callbacks_and_satisfaction(self):
        """Satisfied, basically satisfied and unsatisfied ratings; an unsatisfied appeal
        redone and then rated satisfied is cleared (R000-51); another is being
        redone."""
        results = set(self.appeals.callback_ids.mapped("result"))
        self.assertTrue({"satisfied", "basically_satisfied", "unsatisfied"} <= results)
        self.assertTrue(self.appeals.callback_ids.filtered(lambda c: not c.reached))
        cleared = self._appeals_with(
            "unsatisfied_callback", "cause_review", "redo", "final_reply", "close"
        ).filtered("cleared_at")
        self.assertTrue(cleared)
        self.assertEqual(set(cleared.mapped("state")), {"closed"})
        self.assertTrue(
            set(cleared.mapped("satisfaction")) <= {"satisfied", "basically_satisfied"}
        )
        redoing = self.appeals.filtered(
            lambda appeal: appeal.redo_count and appeal.state != "closed"
        )
        self.assertTrue(redoing)
        explained = self.appeals.filtered(lambda a: a.cause_review == "explained")
        self.assertTrue(explained.filtered(lambda a: a.state == "closed"))

    def test_steps_and_their_outcomes(self):
        """Handed back (R002-13), re-dispatched, reported and returned (R000-06),
        interim reply with an approved extension (R000-28), answered on the spot
        (R000-04), platform replies and verdicts (R000-35, R000-36), closed on time and
        closed late."""
        self.assertTrue(self._appeals_with("hand_back", "dispatch", "close"))
        self.assertTrue(self._appeals_with("report_returned", "department_report"))
        self.assertTrue(self.appeals.filtered("answered_on_spot"))
        extension = self.env["helpdesk.sla.extension"].search(
            [("ticket_id", "in", self.appeals.ids), ("state", "=", "approved")]
        )
        self.assertTrue(extension)
        self.assertEqual(extension.line_id.deadline, extension.new_deadline)
        self.assertEqual(extension.ticket_id.state, "interim_replied")
        closed = self.appeals.filtered(lambda appeal: appeal.state == "closed")
        on_time = closed.filtered(
            lambda appeal: (
                set(appeal.deadline_ids.mapped("status")) <= {"met", "cancelled"}
            )
        )
        late = closed.filtered(
            lambda appeal: appeal.deadline_ids.filtered(
                lambda line: line.status == "breached" and line.reached_at
            )
        )
        self.assertGreaterEqual(len(on_time), 10)
        self.assertGreaterEqual(len(late), 3)
        self.assertTrue(
            self.appeals.platform_reply_ids.filtered(lambda r: r.state == "submitted")
        )
        verdicts = self.appeals.platform_verdict_ids
        charged = self.lines.filtered(lambda line: line.source == "platform")
        self.assertTrue(verdicts.filtered("explained_to_platform"))
        self.assertTrue(charged)
        self.assertTrue(self.lines.filtered(lambda line: line.source == "finding"))

    def test_the_company_works_in_chinese_where_chinese_is_installed(self):
        """Messages the system posts to the company follow its language: Chinese where
        the database has it (``.ci/serve`` creates it so); the users keep theirs."""
        chinese = self.env["res.lang"].search_count([("code", "=", "zh_CN")])
        self.assertEqual(
            self.env.company.partner_id.lang, "zh_CN" if chinese else "en_US"
        )
        self.assertEqual(self.env.ref("base.user_admin").lang, "en_US")

    def test_three_months_appraised(self):
        """HR computed the three past months, ready to lock (R000-54 in month 2)."""
        company = self.env.ref("base.main_company")
        periods = self.env["helpdesk.appraisal.period"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_start", "<", self.this_month),
            ],
            order="date_start desc",
            limit=3,
        )
        self.assertEqual(len(periods), 3)
        for period in periods:
            self.assertTrue(period.scorecard_ids, period.display_name)
        self.assertEqual(set(periods.mapped("state")), {"open"})
        passed_on = self.env["helpdesk.deduction.line"].search(
            [
                ("company_id", "=", company.id),
                ("rule_id.generator", "=", "platform_shortfall"),
                ("state", "!=", "cancelled"),
            ]
        )
        # The office loses X = 2; network and billing X × 2 × 60% / 40% (R000-54).
        self.assertEqual(sorted(passed_on.mapped("points")), [1.6, 2.0, 2.4])

from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ComplaintCase

LOGGER = "odoo.addons.helpdesk_utility_complaint.models.helpdesk_deduction_line"


@tagged("post_install", "-at_install")
class TestLockedPeriod(ComplaintCase):
    """C-09 on every path that confirms or corrects deductions: a user is refused before
    anything is written and told from which month on to act; what the system confirms or
    corrects goes into the first open month, linked to what it belongs to or corrects.

    Beijing is UTC+8; datetimes below are naive UTC, as stored.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr = cls.env["hr.department"].create({"name": "HR Department"})
        cls.env["hr.employee"].create(
            {
                "name": "hr_officer",
                "user_id": cls.hr_officer.id,
                "department_id": cls.hr.id,
            }
        )
        cls.preset = cls.env.ref("helpdesk_utility_complaint.preset_water_company")
        cls.company.write(
            {
                "complaint_preset_id": cls.preset.id,
                "complaint_office_department_id": cls.office_department.id,
                "complaint_hr_department_id": cls.hr.id,
            }
        )
        cls.Line = cls.env["helpdesk.deduction.line"]
        cls.Period = cls.env["helpdesk.appraisal.period"]

    def _lock(self, month):
        period = self.Period._for_date(self.company, date.fromisoformat(month))
        period.with_user(self.hr_officer).action_lock()
        return period

    def _finding(self, appeal, code="R000-59"):
        form = Form(
            self.env["helpdesk.liability.finding"]
            .with_user(self.hr_officer)
            .with_context(default_ticket_id=appeal.id)
        )
        form.rule_id = self.env["helpdesk.deduction.rule"].search(
            [("preset_id", "=", self.preset.id), ("code", "=", code)]
        )
        return form.save()

    def _lines(self, appeal, code=None):
        lines = appeal.deduction_ids.filtered(lambda line: line.state != "cancelled")
        return lines.filtered(lambda line: line.rule_code == code) if code else lines

    def _found(self, when):
        """An appeal of the network department with a confirmed R000-59 finding."""
        with freeze_time(when):
            appeal = self._appeal(department_id=self.network.id)
            self._finding(appeal).action_confirm()
        return appeal

    # ------------------------------------------------------------------
    # User actions: refused with the month and what to do, nothing written
    # ------------------------------------------------------------------

    @freeze_time("2026-11-30 03:00:00")  # Monday 11:00 in Beijing
    def test_c09_a_finding_standing_in_a_locked_month_is_refused(self):
        """R001-29 with no window: the deductions would stand at once, in November."""
        self.preset.contest_working_days = 0
        self._lock("2026-11-01")
        appeal = self._appeal(department_id=self.network.id)
        finding = self._finding(appeal)
        with self.assertRefused(
            UserError,
            r"stand on 2026-11-30 11:00 .*into 2026-11, whose appraisal is locked\. "
            r"Do it from 2026-12 on",
        ):
            finding.action_confirm()
        self.assertEqual(finding.state, "draft")
        self.assertFalse(appeal.deduction_ids, "nothing half-written")
        # With two working days to contest, they stand in December: accepted.
        self.preset.contest_working_days = 2
        finding.action_confirm()
        self.assertEqual(
            self._lines(appeal).contest_deadline, datetime(2026, 12, 2, 9, 0)
        )

    def test_c09_confirming_now_or_rejecting_a_contest_in_a_locked_month(self):
        appeal = self._found("2026-11-26 02:00:00")
        line = self._lines(appeal)
        with freeze_time("2026-11-27 02:00:00"):
            contest = (
                self.env["helpdesk.liability.contest"]
                .with_user(self.network_manager)
                .create(
                    {
                        "ticket_id": appeal.id,
                        "department_id": self.network.id,
                        "line_ids": [(6, 0, line.ids)],
                        "statement": "The customer's own pipe leaked.",
                    }
                )
            )
        other = self._found("2026-11-26 02:00:00")
        with freeze_time("2026-11-30 10:00:00"):  # 18:00 in Beijing, month locked
            self._lock("2026-11-01")
            with self.assertRefused(UserError, r"Confirming deductions now .*2026-12"):
                self._lines(other).with_user(self.hr_officer).action_confirm()
            with self.assertRefused(UserError, r"Rejecting the contest now .*2026-12"):
                contest.with_user(self.office_user).action_reject()
        self.assertEqual((contest.state, line.state), ("submitted", "contested"))
        self.assertEqual(self._lines(other).state, "draft")
        with freeze_time("2026-12-01 01:00:00"):  # 09:00 in Beijing
            contest.with_user(self.office_user).action_reject()
        self.assertEqual((line.state, line.period_id.name), ("confirmed", "2026-12"))
        self.assertFalse(line.late_for_period_id)

    # ------------------------------------------------------------------
    # The confirmation cron: late lines into the first open month
    # ------------------------------------------------------------------

    def test_c09_r001_29_cron_confirms_into_the_month_the_window_ended(self):
        """The window's end decides the month, in Beijing time, however late the cron
        runs."""
        appeal = self._found("2026-11-26 02:00:00")  # Thursday
        line = self._lines(appeal)
        self.assertEqual(line.contest_deadline, datetime(2026, 11, 30, 9, 0))
        with freeze_time("2026-12-01 01:00:00"):  # the cron ran late
            self.Line._cron_confirm_uncontested()
        self.assertEqual((line.state, line.period_id.name), ("confirmed", "2026-11"))
        # A window ending at 01:00 on 1 December in Beijing (30 November in UTC).
        december = self._found("2026-11-26 02:00:00")
        self._lines(december).sudo().contest_deadline = datetime(2026, 11, 30, 17, 0)
        with freeze_time("2026-11-30 18:00:00"):
            self.Line._cron_confirm_uncontested()
        self.assertEqual(self._lines(december).period_id.name, "2026-12")

    def test_c09_cron_puts_late_lines_into_the_first_open_month(self):
        appeal = self._found("2026-11-26 02:00:00")
        line = self._lines(appeal)
        with freeze_time("2026-11-30 10:00:00"):
            november = self._lock("2026-11-01")
            # Locked ahead by mistake: the next open month is January.
            self._lock("2026-12-01")
        with freeze_time("2026-12-01 01:00:00"):
            self.Line._cron_confirm_uncontested()
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.period_id.name, "2027-01")
        self.assertEqual(line.late_for_period_id, november)
        self.assertIn("already locked", line.message_ids[:1].body)
        self.assertEqual(november.state, "locked", "the locked month is untouched")

    def test_c09_one_failing_line_does_not_stop_the_cron(self):
        good = self._lines(self._found("2026-11-26 02:00:00"))
        bad = self._lines(self._found("2026-11-26 02:00:00"))
        Model = self.registry["helpdesk.deduction.line"]
        confirm = Model._confirm_as_due

        def fail_on_bad(lines, when=None):
            if bad & lines:
                raise UserError("Simulated failure")  # pylint: disable=translation-required
            return confirm(lines, when)

        with (
            patch.object(Model, "_confirm_as_due", fail_on_bad),
            freeze_time("2026-12-01 01:00:00"),
            self.assertLogs(LOGGER, "ERROR"),
        ):
            self.Line._cron_confirm_uncontested()
        self.assertEqual(good.state, "confirmed")
        self.assertEqual(bad.state, "draft", "left as it was")
        self.assertIn("Simulated failure", bad.message_ids[:1].body)

    # ------------------------------------------------------------------
    # Generated lines: facts change after the month is locked
    # ------------------------------------------------------------------

    def _late_report(self):
        """R000-32: the department reported 2 working days late (1 point)."""
        with freeze_time("2026-11-02 01:00:00"):
            appeal = self._appeal(
                received_at=datetime(2026, 11, 2, 1, 0),
                department_id=self.network.id,
                section_id=self.repair_section.id,
            )
        with freeze_time("2026-11-02 02:00:00"):
            appeal._record_event("dispatch", department_id=self.network.id)
        with freeze_time("2026-11-06 09:00:00"):
            appeal._record_event("department_report", department_id=self.network.id)
        with freeze_time("2026-11-20 02:00:00"):
            self.Line._cron_confirm_uncontested()
        line = self._lines(appeal, "R000-32")
        self.assertEqual((line.points, line.period_id.name), (1.0, "2026-11"))
        return appeal, line

    def test_c09_a_corrected_fact_is_corrected_in_the_open_month(self):
        appeal, line = self._late_report()
        report = appeal.event_ids.filtered(
            lambda event: event.event_code == "department_report"
        )
        with freeze_time("2026-12-02 02:00:00"):
            self._lock("2026-11-01")
            report.with_user(self.complaint_manager)._correct(
                datetime(2026, 11, 9, 0, 1), "Report received on the 9th."
            )
        self.assertEqual(
            (line.state, line.points, line.period_id.name),
            ("confirmed", 1.0, "2026-11"),
            "the locked month is untouched",
        )
        reversal = line.correction_ids.filtered(lambda new: new.points < 0)
        replacement = line.correction_ids - reversal
        self.assertEqual(
            (reversal.points, reversal.state, reversal.period_id.name),
            (-1.0, "confirmed", "2026-12"),
        )
        self.assertEqual((replacement.points, replacement.state), (2.0, "draft"))
        # Regenerating again changes nothing: the replacement is the fact's line now.
        self.Line._sync_process_lines(appeal)
        self.assertEqual(self._lines(appeal, "R000-32"), line | reversal | replacement)

    def test_c09_a_verdict_archived_while_its_month_is_locked(self):
        """Recording facts is never refused: the verdict's line is corrected in the
        first open month, even on the evening the current month was locked."""
        with freeze_time("2026-11-18 02:00:00"):
            appeal = self._appeal(
                department_id=self.network.id,
                channel_id=self.hotline_12345.id,
                platform_reference="12345-C09",
                platform_deadline=datetime(2026, 11, 27, 9, 0),
            )
            verdict = (
                self.env["helpdesk.platform.verdict"]
                .with_user(self.office_user)
                .create(
                    {
                        "ticket_id": appeal.id,
                        "kind": "redo_return",
                        "verdict_date": "2026-11-18",
                    }
                )
            )
            line = self._lines(appeal, "R000-36")
            line.with_user(self.hr_officer).action_confirm()
        with freeze_time("2026-11-30 10:00:00"):
            self._lock("2026-11-01")
            verdict.with_user(self.complaint_manager).action_correct("Wrong appeal")
        self.assertEqual((line.state, line.period_id.name), ("confirmed", "2026-11"))
        reversal = line.correction_ids
        self.assertEqual(
            (
                reversal.points,
                reversal.period_id.name,
                reversal.late_for_period_id.name,
            ),
            (-2.0, "2026-12", "2026-11"),
        )

    def test_one_failing_appeal_does_not_stop_the_process_cron(self):
        """R000-37 generated by the daily cron for every appeal but the failing one."""
        appeals = self.env["helpdesk.ticket"]
        for _index in range(2):
            with freeze_time("2026-11-02 01:00:00"):
                appeal = self._appeal(department_id=self.network.id)
                appeal._record_event("dispatch", department_id=self.network.id)
            appeal.sudo().committed_date = date(2026, 11, 20)
            appeals |= appeal
        good, bad = appeals
        Model = self.registry["helpdesk.deduction.line"]
        sync = Model._sync_company_process_lines

        def fail_on_bad(lines, tickets):
            if bad in tickets:
                raise UserError("Simulated failure")  # pylint: disable=translation-required
            return sync(lines, tickets)

        with (
            patch.object(Model, "_sync_company_process_lines", fail_on_bad),
            freeze_time("2026-11-21 01:00:00"),
            self.assertLogs(LOGGER, "ERROR"),
        ):
            self.Line._cron_sync_process_lines()
        self.assertEqual(self._lines(good, "R000-37").points, 2.0)
        self.assertFalse(self._lines(bad, "R000-37"))
        self.assertIn("Simulated failure", bad.message_ids[:1].body)

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GROUP_DEPARTMENT_MANAGER, GROUP_LEADER
from .report_common import ReportCase


@tagged("post_install", "-at_install")
class TestPeriodicReports(ReportCase):
    """Periodic reports as records with their figures, due date and owner (R000-77,
    R000-78, R000-09, R000-10, R000-79, R000-80, R002-41, R002-42)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.weekly = ref("helpdesk_utility_complaint.report_schedule_weekly_statistics")
        cls.monthly = ref("helpdesk_utility_complaint.report_schedule_monthly_analysis")
        cls.month_end = ref(
            "helpdesk_utility_complaint.report_schedule_month_end_count"
        )
        cls.meeting = ref("helpdesk_utility_complaint.report_schedule_meeting_pack")
        cls.unit_analysis = ref(
            "helpdesk_utility_complaint.report_schedule_unit_analysis"
        )
        cls.circular = ref("helpdesk_utility_complaint.report_schedule_circular")
        cls.leader = cls._user("csc_leader", GROUP_LEADER, None)
        cls.billing_manager = cls._user(
            "billing_manager", GROUP_DEPARTMENT_MANAGER, cls.billing
        )
        cls.billing.manager_id = cls.billing_manager.employee_id
        cls.billing_category = ref("helpdesk_utility_complaint.cat_water_bill")
        at = cls._at
        # The week of Friday 2025-11-14 to Thursday 2025-11-20.
        cls.network_done = cls._complete(
            cls._new_appeal(at(2025, 11, 14, 0, 10), department_id=cls.network.id),
            at(2025, 11, 17, 9),
            ratings=["satisfied"],
        )
        cls.network_open = cls._new_appeal(
            at(2025, 11, 20, 23, 50), department_id=cls.network.id
        )
        cls.billing_open = cls._new_appeal(
            at(2025, 11, 18, 9),
            department_id=cls.billing.id,
            category_id=cls.billing_category.id,
        )
        cls.registered = cls._new_appeal(at(2025, 11, 19, 9))
        # Outside the week, on both sides.
        cls._new_appeal(at(2025, 11, 13, 23, 59), department_id=cls.network.id)
        cls._new_appeal(at(2025, 11, 21, 0, 1), department_id=cls.network.id)

    def _line(self, report, dimension, **values):
        return report.line_ids.filtered(
            lambda line: (
                line.dimension == dimension
                and all(line[name] == value for name, value in values.items())
            )
        )

    def _weekly_report(self):
        return self.Report._generate(
            self.weekly, self.company, date(2025, 11, 14), date(2025, 11, 20)
        )

    def test_r000_77_weekly_statistics(self):
        """R000-77: the cron creates the week's statistics on Friday with its figures
        by department, category, nature, channel and step, for the office to submit."""
        reports = self.Report._cron_generate(today=date(2025, 11, 21)).filtered(
            lambda r: r.company_id == self.company
        )
        report = reports.filtered(lambda r: r.schedule_id == self.weekly)
        self.assertEqual(
            (report.date_from, report.date_to), (date(2025, 11, 14), date(2025, 11, 20))
        )
        self.assertEqual(report.presented_on, date(2025, 11, 24))
        network = self._line(report, "department", department_id=self.network)
        self.assertEqual(network.received_count, 2)
        self.assertEqual(network.completed_count, 1)
        self.assertEqual(network.satisfied_count, 1)
        # Open at the end of the week: this week's and the one of the 13th.
        self.assertEqual(network.open_count, 2)
        billing = self._line(report, "department", department_id=self.billing)
        self.assertEqual(billing.received_count, 1)
        self.assertEqual(
            self._line(
                report, "category", category_id=self.billing_category
            ).received_count,
            1,
        )
        start, end = self._at(2025, 11, 14), self._at(2025, 11, 21)
        total = self._line(report, "total")
        self.assertEqual(
            total.received_count,
            self.env["helpdesk.ticket"].search_count(
                [
                    ("company_id", "=", self.company.id),
                    ("received_at", ">=", start),
                    ("received_at", "<", end),
                ]
            ),
        )
        self.assertEqual(
            set(report.line_ids.mapped("dimension")),
            {"total", "department", "category", "nature", "channel", "step"},
        )
        # Running the cron again creates nothing new.
        self.assertNotIn(report, self.Report._cron_generate(today=date(2025, 11, 21)))
        self.assertTrue(report.activity_ids)

    def test_r000_80_step_codes_on_appeals_and_reports(self):
        """R000-80: an appeal shows the step code of the source's flowchart, and the
        reports count open appeals per step."""
        self.assertEqual(self.registered.process_step_id.code, "B1")
        self.network_open.sudo().state = "accepted"
        self.assertEqual(self.network_open.process_step_id.code, "A2")
        self.assertEqual(self.network_done.process_step_id.code, "B6")
        # During approvals, the pending approver's step (R000-06: C3, C4, C5).
        self.network.write(
            {
                "manager_id": self.network_manager.employee_id.id,
                "supervising_leader_id": self.leader.id,
            }
        )
        self.office_department.supervising_leader_id = self.general_manager
        appeal = self.network_open.sudo()
        appeal.state = "reported"
        appeal._request_approvals()
        as_handler = appeal.with_user(self.network_handler)
        as_handler.invalidate_recordset(["process_step_id"])
        self.assertEqual(as_handler.process_step_id.code, "A2", "the head signs first")
        appeal.with_user(self.network_manager).validate_tier()
        as_handler.invalidate_recordset(["process_step_id"])
        self.assertEqual(as_handler.process_step_id.code, "C3")
        report = self._weekly_report()
        steps = {
            line.step_id.code: line.open_count
            for line in report.line_ids
            if line.dimension == "step"
        }
        self.assertGreaterEqual(steps["B1"], 2, "registered and billing's appeal")
        self.assertGreaterEqual(steps["C3"], 1)

    def test_figures_freeze_on_submission(self):
        report = self._weekly_report()
        with self.assertRaises(AccessError):
            report.with_user(self.network_manager).action_submit()
        report.with_user(self.office_user).action_submit()
        self.assertEqual(report.state, "done", "no review, no circulation")
        self.assertTrue(report.submitted_at)
        with self.assertRaisesRegex(UserError, "frozen"):
            report.with_user(self.office_user).action_refresh()

    def test_r000_78_monthly_analysis_review_and_circulation(self):
        """R000-78: the GM reviews the monthly analysis; the office circulates it by
        mail with its XLSX to the leadership and the departments concerned."""
        self.network.manager_id = self.network_manager.employee_id
        report = self.Report._generate(
            self.monthly, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        self.assertEqual(report.due_date, date(2025, 12, 28), "a Sunday: kept")
        report.with_user(self.office_user).write(
            {"analysis": "<p>Low pressure complaints doubled in the north.</p>"}
        )
        report.with_user(self.office_user).action_submit()
        self.assertEqual(report.state, "to_review")
        self.assertTrue(
            report.activity_ids.filtered(lambda a: a.user_id == self.general_manager)
        )
        with self.assertRaises(AccessError):
            report.with_user(self.leader).action_approve()
        with self.assertRaisesRegex(UserError, "reviewer's note"):
            report.with_user(self.general_manager).action_return()
        report.with_user(self.general_manager).review_note = "Add the billing figures."
        report.with_user(self.general_manager).action_return()
        self.assertEqual(report.state, "draft")
        report.with_user(self.office_user).action_submit()
        report.with_user(self.general_manager).action_approve()
        self.assertEqual(report.state, "approved")
        report.with_user(self.office_user).action_circulate()
        self.assertEqual(report.state, "done")
        message = report.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(message.attachment_ids.name.endswith(".xlsx"))
        recipients = message.partner_ids
        self.assertIn(self.leader.partner_id, recipients)
        self.assertIn(self.general_manager.partner_id, recipients)
        self.assertIn(self.network_manager.partner_id, recipients)
        self.assertIn(self.billing_manager.partner_id, recipients)
        self.assertNotIn(self.network_handler.partner_id, recipients)

    def test_r000_10_month_end_count_per_department_and_category(self):
        """R000-10: the appeals each department took on in the month, by category."""
        report = self.Report._generate(
            self.month_end, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        self.assertEqual(report.due_date, date(2025, 12, 1))
        cells = {
            (line.department_id, line.category_id): line.received_count
            for line in report.line_ids
            if line.dimension == "department_category"
        }
        self.assertEqual(cells[self.network, self.low_pressure], 4)
        self.assertEqual(cells[self.billing, self.billing_category], 1)

    def test_r000_09_meeting_pack_and_r000_79_rectification_loop(self):
        """R000-09: the meeting pack presents HR's investigated appeals; R000-79: the
        meeting's actions go department → office → company → implementation."""
        self.network.supervising_leader_id = self.leader
        self.network.manager_id = self.network_manager.employee_id
        self.network_done.sudo()._record_event(
            "hr_report", when=self._at(2025, 11, 25, 10)
        )
        report = self.Report._generate(
            self.meeting, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        self.assertEqual(report.investigated_ticket_ids, self.network_done)
        action = (
            self.env["helpdesk.rectification.action"]
            .with_user(self.office_user)
            .create(
                {
                    "name": "Valves left half closed after repairs",
                    "report_id": report.id,
                    "department_id": self.network.id,
                    "due_date": date(2025, 12, 31),
                }
            )
        )
        self.assertEqual(action.owner_id, self.network_manager)
        self.assertTrue(action.is_late, "due 2025-12-31, long past")
        with self.assertRaisesRegex(UserError, "measures"):
            action.with_user(self.network_manager).action_send_measures()
        with self.assertRaises(AccessError):
            action.with_user(self.billing_manager).write({"measures": "x"})
        action.with_user(
            self.network_manager
        ).measures = "Check every valve after repairs."
        action.with_user(self.network_manager).action_send_measures()
        self.assertEqual(action.state, "measures")
        with self.assertRaises(AccessError):
            action.with_user(self.network_manager).action_submit_to_company()
        action.with_user(self.office_user).action_submit_to_company()
        with self.assertRaises(AccessError):
            action.with_user(self.network_manager).action_approve()
        action.with_user(self.general_manager).action_approve()
        self.assertEqual(action.state, "issued")
        issued = action.message_ids.filtered(lambda m: "issued" in (m.body or ""))
        self.assertIn(self.leader.partner_id, issued.partner_ids)
        action.with_user(self.network_manager).action_done()
        self.assertEqual(action.state, "done")
        self.assertFalse(action.is_late)
        self.assertEqual(report.action_ids, action)

    def test_r000_79_cancel_needs_a_reason(self):
        action = self.env["helpdesk.rectification.action"].create(
            {
                "name": "Meter pits without covers",
                "department_id": self.network.id,
                "due_date": date(2030, 1, 1),
            }
        )
        with self.assertRaisesRegex(UserError, "cancelled"):
            action.with_user(self.office_user).action_cancel()
        action.cancel_reason = "Merged into the valve action."
        action.with_user(self.office_user).action_cancel()
        self.assertEqual(action.state, "cancelled")

    def test_r002_41_unit_analysis_per_department(self):
        """R002-41: each unit with complaints or suggestions analyses them itself."""
        self.company.complaint_preset_id = self.hotline
        self.network.manager_id = self.network_manager.employee_id
        self._new_appeal(
            self._at(2025, 11, 6, 9),
            department_id=self.billing.id,
            nature_id=self.env.ref("helpdesk_utility_complaint.nature_suggestion").id,
        )
        reports = self.Report._generate(
            self.unit_analysis, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        by_department = {report.department_id: report for report in reports}
        network = by_department[self.network]
        self.assertEqual(network.responsible_user_id, self.network_manager)
        self.assertEqual(self._line(network, "total").received_count, 4)
        billing = by_department[self.billing]
        self.assertEqual(self._line(billing, "total").received_count, 2)
        as_network = network.with_user(self.network_manager)
        as_network.analysis = "<p>Most complaints follow repairs.</p>"
        as_network.action_submit()
        self.assertEqual(network.state, "done")
        with self.assertRaises(AccessError):
            billing.with_user(self.network_manager).action_submit()
        self.assertFalse(
            self.Report.with_user(self.network_manager).search(
                [("id", "=", billing.id)]
            ),
            "a unit reads its own analysis, not the others'",
        )

    def test_r002_42_interview_and_circular(self):
        """R002-42: the CSC records interviews (who, when, why) and circulates its
        regular circular to the departments."""
        self.company.complaint_preset_id = self.hotline
        self.network.manager_id = self.network_manager.employee_id
        interview = (
            self.env["helpdesk.admonition.interview"]
            .with_user(self.office_user)
            .create(
                {
                    "name": "Repeated late repairs",
                    "department_id": self.network.id,
                    "interviewee_id": self.network_manager.employee_id.id,
                    "reason": "Three repairs late in November.",
                    "ticket_ids": [(6, 0, self.network_open.ids)],
                    "interview_at": datetime(2025, 12, 2, 2),
                }
            )
        )
        with self.assertRaisesRegex(UserError, "agreed"):
            interview.with_user(self.office_user).action_held()
        interview.outcome = "Repairs get a same-day check."
        interview.with_user(self.office_user).action_held()
        self.assertEqual(
            self.env["helpdesk.admonition.interview"]
            .with_user(self.network_manager)
            .search([("id", "=", interview.id)]),
            interview,
        )
        self.assertFalse(
            self.env["helpdesk.admonition.interview"]
            .with_user(self.billing_handler)
            .search([("id", "=", interview.id)])
        )
        circular = self.Report._generate(
            self.circular, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        circular.with_user(self.office_user).action_submit()
        self.assertEqual(circular.state, "approved")
        circular.with_user(self.office_user).action_circulate()
        message = circular.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertIn(self.network_manager.partner_id, message.partner_ids)
        # Once circulated, departments read it.
        self.assertTrue(
            self.Report.with_user(self.network_handler).search(
                [("id", "=", circular.id)]
            )
        )

    def test_cron_creates_reports_of_the_preset_only(self):
        """The water company's reports, each once, when their period has closed."""

        def created(today):
            return self.Report._cron_generate(today=today).filtered(
                lambda r: r.company_id == self.company
            )

        friday = created(date(2025, 11, 28))
        self.assertEqual(
            set(friday.mapped("kind")),
            {
                "weekly_statistics",
                "monthly_analysis",
                "month_end_count",
                "meeting_pack",
            },
        )
        self.assertEqual(
            friday.filtered(lambda r: r.kind == "weekly_statistics").date_to,
            date(2025, 11, 27),
        )
        self.assertEqual(
            friday.filtered(lambda r: r.kind == "meeting_pack").date_from,
            date(2025, 10, 1),
        )
        monday = created(date(2025, 12, 1))
        self.assertEqual(
            set(monday.mapped("kind")),
            {"monthly_analysis", "month_end_count", "meeting_pack"},
            "November's monthly reports; the week was done on Friday",
        )
        self.assertEqual(set(monday.mapped("date_from")), {date(2025, 11, 1)})

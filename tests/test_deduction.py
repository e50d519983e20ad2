from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import GROUP_LEADER, ComplaintCase


@tagged("post_install", "-at_install")
class TestDeduction(ComplaintCase):
    """The deduction table of the water-supply company (seed 000) applied by findings
    and generated from the workflow's facts, in a ledger with contests and locked
    months."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.hr = Department.create({"name": "HR Department"})
        cls.chief_engineer = Department.create({"name": "Chief Engineer's Office"})
        cls.engineering = Department.create({"name": "Engineering Department"})
        cls.technical = Department.create({"name": "Technical Department"})
        cls.env["hr.employee"].create(
            {
                "name": "hr_officer",
                "user_id": cls.hr_officer.id,
                "department_id": cls.hr.id,
            }
        )
        cls.company.write(
            {
                "complaint_preset_id": cls.env.ref(
                    "helpdesk_utility_complaint.preset_water_company"
                ).id,
                "complaint_office_department_id": cls.office_department.id,
                "complaint_hr_department_id": cls.hr.id,
                "complaint_chief_engineer_department_id": cls.chief_engineer.id,
            }
        )
        cls.network.manager_id = cls.network_manager.employee_id
        cls.Line = cls.env["helpdesk.deduction.line"]

    def rule(self, code):
        return self.env["helpdesk.deduction.rule"].search(
            [
                ("preset_id", "=", self.company.complaint_preset_id.id),
                ("code", "=", code),
            ]
        )

    def _finding(
        self, appeal, code, severity=False, points=None, departments=None, **values
    ):
        """Record a finding as HR does; ``points`` by party override the table."""
        form = Form(
            self.env["helpdesk.liability.finding"]
            .with_user(self.hr_officer)
            .with_context(default_ticket_id=appeal.id)
        )
        form.rule_id = self.rule(code)
        if severity:
            form.severity = severity
        for index in range(len(form.line_ids)):
            with form.line_ids.edit(index) as line:
                if departments and line.party in departments:
                    line.department_id = departments[line.party]
                if points and line.party in points:
                    line.points = points[line.party]
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def _appeal_of_another_customer(self, **values):
        """An appeal whose findings are no repeat of another's (R000-73)."""
        self._customers = getattr(self, "_customers", 0) + 1
        return self._appeal(
            complainant_phone=f"1390000{self._customers:04d}",
            complainant_address=f"人民西路{self._customers}号",
            **values,
        )

    def _lines(self, appeal, code=None):
        lines = appeal.deduction_ids.filtered(lambda line: line.state != "cancelled")
        return lines.filtered(lambda line: line.rule_code == code) if code else lines

    # ------------------------------------------------------------------
    # Liability table (R000-57 to R000-75)
    # ------------------------------------------------------------------

    def test_r000_59_fixed_points_to_the_responsible_department(self):
        appeal = self._appeal(department_id=self.network.id)
        finding = self._finding(appeal, "R000-59")
        finding.action_confirm()
        line = self._lines(appeal)
        self.assertEqual(
            (line.department_id, line.points, line.state), (self.network, 2.0, "draft")
        )
        self.assertEqual(finding.state, "confirmed")
        self.assertIn("liability_notice", appeal.event_ids.mapped("event_code"))

    def test_r000_58_r000_63_r000_67_no_liability_counts_without_points(self):
        for code in ("R000-58", "R000-63", "R000-67"):
            appeal = self._appeal(department_id=self.network.id)
            finding = self._finding(appeal, code)
            finding.action_confirm()
            self.assertEqual(finding.state, "confirmed", code)
            self.assertFalse(self._lines(appeal), code)

    def test_r000_60_r000_61_construction_fault_by_severity_and_range_edges(self):
        """R000-60 (dissatisfaction only: 2 and 1), R000-61 (damage: 5-10 and 2-5),
        C-07. Each appeal comes from another customer, so no finding is a repeat
        (R000-73)."""
        departments = {
            "construction_department": self.engineering,
            "technical_department": self.technical,
        }

        def appeal_of_another_customer():
            return self._appeal_of_another_customer(department_id=self.engineering.id)

        minor = appeal_of_another_customer()
        self._finding(
            minor, "R000-60", "minor", departments=departments
        ).action_confirm()
        self.assertEqual(
            sorted(
                (line.department_id.name, line.points) for line in self._lines(minor)
            ),
            [("Engineering Department", 2.0), ("Technical Department", 1.0)],
        )
        for construction, technical in ((5, 2), (10, 5)):
            appeal = appeal_of_another_customer()
            finding = self._finding(
                appeal, "R000-60", "damage", departments=departments,
                points={
                    "construction_department": construction,
                    "technical_department": technical,
                },
                justification="Flooded basement.",
            )  # fmt: skip
            finding.action_confirm()
            self.assertEqual(
                sorted(self._lines(appeal).mapped("points")),
                sorted([construction, technical]),
            )
        for construction, technical in ((4, 2), (11, 2), (5, 1), (5, 6)):
            appeal = appeal_of_another_customer()
            finding = self._finding(
                appeal, "R000-60", "damage", departments=departments,
                points={
                    "construction_department": construction,
                    "technical_department": technical,
                },
                justification="x",
            )  # fmt: skip
            with self.assertRefused(ValidationError, "outside"):
                finding.action_confirm()
            self.assertFalse(self._lines(appeal))
            self.assertEqual(finding.state, "draft")

    def test_every_fixed_row_of_seed_000(self):
        """R000-16, R000-18, R000-19, R000-30, R000-45, R000-46, R000-68, R000-69,
        R000-70: the table's points go to the table's party."""
        rows = [
            ("R000-16", False, "response_office", 1.0),
            ("R000-18", False, "response_office", 1.0),
            ("R000-19", False, "response_office", 2.0),
            ("R000-30", False, "responsible_department", 2.0),
            ("R000-45", False, "hr_department", 2.0),
            ("R000-46", False, "hr_department", 1.0),
            ("R000-68", "minor", "responsible_department", 2.0),
            ("R000-69", "minor", "responsible_department", 2.0),
            ("R000-70", False, "responsible_department", 1.0),
        ]
        departments = {
            "response_office": self.office_department,
            "hr_department": self.hr,
            "responsible_department": self.network,
        }
        for code, severity, party, points in rows:
            appeal = self._appeal_of_another_customer(department_id=self.network.id)
            self._finding(appeal, code, severity).action_confirm()
            self.assertEqual(
                [
                    (line.party, line.department_id, line.points)
                    for line in self._lines(appeal)
                ],
                [(party, departments[party], points)],
                code,
            )

    def test_every_range_row_of_seed_000_on_its_edges(self):
        """R000-20 (2-5), R000-33 (2-5), R000-38 (3-5), R000-68 damage (5-10), R000-69
        serious (5-10), R000-71 (2-5 and 5-10): both ends allowed, one point outside
        refused."""
        rows = [
            ("R000-20", False, "response_office", 2, 5),
            ("R000-33", False, "responsible_department", 2, 5),
            ("R000-38", False, "responsible_department", 3, 5),
            ("R000-68", "damage", "responsible_department", 5, 10),
            ("R000-69", "serious", "responsible_department", 5, 10),
            ("R000-71", "minor", "responsible_department", 2, 5),
            ("R000-71", "serious", "responsible_department", 5, 10),
        ]
        for code, severity, party, low, high in rows:
            for points in (low, high):
                appeal = self._appeal_of_another_customer(department_id=self.network.id)
                self._finding(
                    appeal,
                    code,
                    severity,
                    points={party: points},
                    justification="Assessed.",
                ).action_confirm()
                self.assertEqual(
                    self._lines(appeal).mapped("points"),
                    [float(points)],
                    f"{code} {points}",
                )
            for points in (low - 1, high + 1):
                appeal = self._appeal_of_another_customer(department_id=self.network.id)
                finding = self._finding(
                    appeal,
                    code,
                    severity,
                    points={party: points},
                    justification="Assessed.",
                )
                with self.assertRefused(ValidationError, "outside"):
                    finding.action_confirm()
                self.assertFalse(self._lines(appeal), f"{code} {points}")

    def test_r000_62_r000_65_r000_75_case_by_case_rows(self):
        """Other construction issues (R000-62), declared safety accidents (R000-65) and
        liability that cannot be established (R000-75): points with a justification and
        a complaint manager's approval."""
        for code, party, department in (
            ("R000-62", "construction_department", self.engineering),
            ("R000-65", "responsible_department", self.network),
            ("R000-75", "responsible_department", self.network),
        ):
            appeal = self._appeal_of_another_customer(department_id=self.network.id)
            finding = self._finding(
                appeal, code, points={party: 3}, departments={party: department},
                justification="The appraisal meeting's opinion.",
            )  # fmt: skip
            finding.action_confirm()
            self.assertEqual(finding.state, "to_approve", code)
            self.assertFalse(self._lines(appeal), code)
            finding.with_user(self.complaint_manager).action_approve()
            self.assertEqual(
                [(line.department_id, line.points) for line in self._lines(appeal)],
                [(department, 3.0)],
                code,
            )

    def test_c07_a_range_needs_its_reason_and_whole_points(self):
        appeal = self._appeal(department_id=self.network.id)
        finding = self._finding(
            appeal, "R000-69", "serious", points={"responsible_department": 7}
        )
        with self.assertRefused(UserError, "why these points"):
            finding.action_confirm()
        finding.justification = "Shouted at the customer."
        finding.line_ids.points = 7.5
        with self.assertRefused(ValidationError, "whole points"):
            finding.action_confirm()
        finding.line_ids.points = 7
        finding.action_confirm()
        self.assertEqual(self._lines(appeal).points, 7.0)

    def test_r000_64_severity_chooses_the_points(self):
        appeal = self._appeal(department_id=self.network.id)
        finding = self._finding(appeal, "R000-64")
        with self.assertRefused(UserError, "severity"):
            finding.action_confirm()
        self._finding(appeal, "R000-64", "minor").action_confirm()
        self.assertEqual(self._lines(appeal).points, 2.0)

    def test_r000_66_two_parties(self):
        appeal = self._appeal(department_id=self.network.id)
        self._finding(appeal, "R000-66").action_confirm()
        self.assertEqual(
            {
                (line.party, line.department_id, line.points)
                for line in self._lines(appeal)
            },
            {
                ("chief_engineer_office", self.chief_engineer, 2.0),
                ("responsible_department", self.network, 1.0),
            },
        )

    def test_r000_57_shares_between_departments(self):
        appeal = self._appeal(department_id=self.network.id)
        finding = self._finding(appeal, "R000-59")
        finding.line_ids.share = 60
        finding.line_ids = [
            (
                0,
                0,
                {
                    "party": "responsible_department",
                    "department_id": self.billing.id,
                    "points": 2,
                    "share": 30,
                },
            )
        ]
        with self.assertRefused(ValidationError, "100%"):
            finding.action_confirm()
        finding.line_ids.filtered(
            lambda line: line.department_id == self.billing
        ).share = 40
        finding.action_confirm()
        self.assertEqual(
            {(line.department_id, line.points) for line in self._lines(appeal)},
            {(self.network, 1.2), (self.billing, 0.8)},
        )

    def test_r000_73_repeats_of_the_same_type_escalate(self):
        """The 2nd complaint about the same type of event doubles, the 3rd triples;
        another customer or category does not count."""
        points = []
        for day in (1, 2, 3):
            with freeze_time(f"2026-11-{day:02d} 02:00:00"):
                appeal = self._appeal(
                    department_id=self.network.id,
                    received_at=datetime(2026, 11, day, 1, 0),
                )
                finding = self._finding(appeal, "R000-69", "minor")
                finding.action_confirm()
                points.append((finding.repeat_number, self._lines(appeal).points))
        self.assertEqual(points, [(1, 2.0), (2, 4.0), (3, 6.0)])
        with freeze_time("2026-11-04 02:00:00"):
            other = self._appeal(
                department_id=self.network.id,
                received_at=datetime(2026, 11, 4, 1, 0),
                partner_name="王女士",
                complainant_phone="13900000000",
                complainant_address="人民西路1号",
            )
            self.assertEqual(self._finding(other, "R000-69", "minor").repeat_number, 1)

    def test_r000_72_incidental_violation_is_doubled(self):
        appeal = self._appeal(department_id=self.network.id)
        self._finding(
            appeal,
            "R000-72",
            points={"responsible_department": 3},
            justification="Work order not signed (standard: 3).",
        ).action_confirm()
        self.assertEqual(self._lines(appeal).points, 6.0)

    def test_r000_74_case_by_case_needs_a_managers_approval(self):
        appeal = self._appeal(department_id=self.network.id)
        finding = self._finding(appeal, "R000-74", points={"responsible_department": 8})
        with self.assertRefused(UserError, "case-by-case"):
            finding.action_confirm()
        finding.justification = "Repeated exposure on social media."
        finding.action_confirm()
        self.assertEqual(finding.state, "to_approve")
        self.assertFalse(self._lines(appeal))
        with self.assertRefused(AccessError, "complaint managers"):
            finding.with_user(self.hr_officer).action_approve()
        finding.with_user(self.complaint_manager).action_approve()
        self.assertEqual(finding.state, "confirmed")
        self.assertEqual(self._lines(appeal).points, 8.0)

    def test_only_appraisal_officers_record_findings(self):
        appeal = self._appeal(department_id=self.network.id)
        with self.assertRaises(AccessError):
            appeal.with_user(self.office_user).action_open_finding()
        finding = self._finding(appeal, "R000-59")
        with self.assertRaises(AccessError):
            finding.with_user(self.network_manager).action_confirm()

    # ------------------------------------------------------------------
    # Process table (R000-15 to R000-52) generated from the facts
    # ------------------------------------------------------------------

    def _dispatched(self, received, dispatched):
        with freeze_time(received):
            appeal = self._appeal(
                received_at=datetime.fromisoformat(received),
                department_id=self.network.id,
                section_id=self.repair_section.id,
            )
        with freeze_time(dispatched):
            appeal._record_event("dispatch", department_id=self.network.id)
        return appeal

    def test_r000_32_department_overdue_bands(self):
        """1 point up to 2 working days late (included), 2 from 3 (C-05 rounds up)."""
        expected = {
            "2026-11-04 09:01:00": (1, 1.0),
            "2026-11-06 09:00:00": (2, 1.0),
            "2026-11-09 00:01:00": (3, 2.0),
            "2026-11-10 04:00:00": (4, 2.0),
        }
        for stop, (days, points) in expected.items():
            appeal = self._dispatched("2026-11-02 01:00:00", "2026-11-02 02:00:00")
            with freeze_time(stop):
                appeal._record_event("department_report", department_id=self.network.id)
            line = self._lines(appeal, "R000-32")
            self.assertEqual(
                (line.quantity, line.points, line.department_id),
                (days, points, self.network),
                stop,
            )
        on_time = self._dispatched("2026-11-02 01:00:00", "2026-11-02 02:00:00")
        with freeze_time("2026-11-04 09:00:00"):
            on_time._record_event("department_report")
        self.assertFalse(self._lines(on_time, "R000-32"))

    def test_regeneration_is_idempotent_and_follows_corrected_facts(self):
        appeal = self._dispatched("2026-11-02 01:00:00", "2026-11-02 02:00:00")
        with freeze_time("2026-11-06 09:00:00"):
            appeal._record_event("department_report")
        line = self._lines(appeal, "R000-32")
        self.Line._sync_process_lines(appeal)
        self.Line._sync_process_lines(appeal)
        self.assertEqual(
            self._lines(appeal, "R000-32"), line, "running it twice adds nothing"
        )
        # The dispatch time was wrong: corrected, the department was not late at all.
        dispatch = appeal.event_ids.filtered(
            lambda event: event.event_code == "dispatch"
        )
        with self.assertRefused(AccessError, "complaint managers"):
            dispatch.with_user(self.office_user)._correct(
                datetime(2026, 11, 4, 2, 0), "Typo"
            )
        dispatch.with_user(self.complaint_manager)._correct(
            datetime(2026, 11, 4, 2, 0), "Dispatched on the 4th, typed the 2nd."
        )
        self.assertFalse(self._lines(appeal, "R000-32"))
        self.assertEqual(line.state, "cancelled")
        self.assertTrue(line.cancel_reason)

    def test_r000_15_late_receipt_and_r000_17_leader_late(self):
        with freeze_time(
            "2026-11-18 05:00:00"
        ):  # 13:00 Beijing, received at 10:00: 2 working hours
            appeal = self._appeal(
                received_at=datetime(2026, 11, 18, 2, 0), proposed_opinion="x"
            )
        late = self._lines(appeal, "R000-15")
        self.assertEqual(
            (late.department_id, late.points), (self.office_department, 1.0)
        )
        with freeze_time("2026-11-18 02:30:00"):
            in_time = self._appeal(received_at=datetime(2026, 11, 18, 2, 0))
        self.assertFalse(self._lines(in_time, "R000-15"))
        with freeze_time("2026-11-19 08:00:00"):
            appeal._record_event("leader_submission")
        self.assertEqual(
            self._lines(appeal, "R000-17").department_id, self.office_department
        )

    def test_r000_31_r000_34_returned_reports(self):
        appeal = self._dispatched("2026-11-02 01:00:00", "2026-11-02 02:00:00")
        appeal._record_event(
            "report_returned", reason_code="no_basis", department_id=self.network.id
        )
        appeal._record_event(
            "report_returned", reason_code="unclear", department_id=self.network.id
        )
        appeal._record_event(
            "report_returned", reason_code="no_basis", department_id=self.network.id
        )
        self.assertEqual(
            len(self._lines(appeal, "R000-34")), 2, "1 point per occurrence"
        )
        self.assertEqual(self._lines(appeal, "R000-31").points, 2.0)

    def test_r000_37_committed_date_missed(self):
        appeal = self._dispatched("2026-11-02 01:00:00", "2026-11-02 02:00:00")
        appeal.sudo().committed_date = datetime(2026, 11, 20).date()
        with freeze_time(
            "2026-11-20 15:00:00"
        ):  # 23:00 Beijing: still the committed day
            self.Line._sync_process_lines(appeal)
            self.assertFalse(self._lines(appeal, "R000-37"))
        with freeze_time("2026-11-21 01:00:00"):
            self.Line._cron_sync_process_lines()
        self.assertEqual(self._lines(appeal, "R000-37").points, 2.0)

    def test_r000_14_r000_44_hr_investigation_clock(self):
        """R000-14: the CSC leader or the office sends an appeal to HR; R000-44: HR
        reports within 7 working days from the next day; only HR records the report."""
        appeal = self._dispatched("2026-11-02 01:00:00", "2026-11-02 02:00:00")
        with self.assertRefused(UserError, "not sent to HR"):
            appeal.with_user(self.hr_officer).action_submit_hr_report()
        with self.assertRefused(AccessError, "sends an appeal to HR"):
            appeal.with_user(self.network_manager).action_send_to_hr()
        with freeze_time("2026-11-02 03:00:00"):  # Monday 11:00 Beijing
            appeal.with_user(self.office_user).action_send_to_hr()
        line = appeal.deadline_ids.filtered(
            lambda line: line.milestone_id.code == "hr_report"
        )
        self.assertEqual(
            line.deadline,
            datetime(2026, 11, 11, 9, 0),
            "Wednesday of the next week, 17:00 Beijing",
        )
        with self.assertRaises(AccessError):
            appeal.with_user(self.office_user).action_submit_hr_report()
        with freeze_time("2026-11-10 03:00:00"):
            appeal.with_user(self.hr_officer).action_submit_hr_report()
        self.assertEqual(line.status, "met")
        self.assertFalse(self._lines(appeal, "R000-47"))

    def test_r000_47_hr_report_late_once(self):
        appeal = self._dispatched("2026-11-02 01:00:00", "2026-11-02 02:00:00")
        with freeze_time("2026-11-02 03:00:00"):
            appeal._record_event("hr_assigned")
        with freeze_time("2026-11-20 03:00:00"):
            appeal._record_event("hr_report")
        line = self._lines(appeal, "R000-47")
        self.assertEqual((line.department_id, line.points), (self.hr, 2.0))

    def test_r000_52_unsatisfied_not_cleared_next_month_doubles_when_repeated(self):
        with freeze_time("2026-09-10 02:00:00"):
            september = self._dispatched("2026-09-09 01:00:00", "2026-09-09 02:00:00")
            september.sudo().unsatisfied_at = datetime(2026, 9, 10, 2, 0)
        with freeze_time("2026-10-10 02:00:00"):
            october = self._dispatched("2026-10-09 01:00:00", "2026-10-09 02:00:00")
            october.sudo().unsatisfied_at = datetime(2026, 10, 10, 2, 0)
            cleared = self._dispatched("2026-10-09 01:00:00", "2026-10-09 02:00:00")
            cleared.sudo().write(
                {
                    "unsatisfied_at": datetime(2026, 10, 10, 2, 0),
                    "cleared_at": datetime(2026, 11, 30, 2, 0),
                }
            )
        with freeze_time(
            "2026-10-31 15:00:00"
        ):  # 23:00 Beijing on the last day of October
            self.Line._sync_process_lines(september)
            self.assertFalse(self._lines(september, "R000-52"))
        with freeze_time("2026-12-01 02:00:00"):
            self.Line._cron_sync_process_lines()
        self.assertEqual(
            sorted(self._lines(september, "R000-52").mapped("points")),
            [2.0, 4.0],
            "not cleared by the end of October; still not a month later: a second, "
            "doubled",
        )
        self.assertEqual(
            self._lines(october, "R000-52").points,
            4.0,
            "the department also failed in September",
        )
        self.assertFalse(self._lines(cleared, "R000-52"))

    # ------------------------------------------------------------------
    # Platform verdicts and hand-backs (R000-35, R000-36, R000-39 to R000-42)
    # ------------------------------------------------------------------

    def _platform_appeal(self, reference):
        return self._appeal(
            department_id=self.network.id,
            channel_id=self.hotline_12345.id,
            platform_reference=reference,
            platform_deadline=datetime(2026, 11, 27, 9, 0),
        )

    def _verdict(self, appeal, kind, verdict_date="2026-11-18", **values):
        return (
            self.env["helpdesk.platform.verdict"]
            .with_user(self.office_user)
            .create(
                dict(
                    {
                        "ticket_id": appeal.id,
                        "kind": kind,
                        "verdict_date": verdict_date,
                    },
                    **values,
                )
            )
        )

    def _points_by_verdict(self, appeal, code):
        return {
            line.source_key.split(":")[-1]: line.points
            for line in self._lines(appeal, code)
        }

    @freeze_time("2026-11-18 02:00:00")
    def test_r000_35_overdue_case_bands_and_explained_reason(self):
        """≤2 days (inclusive): 1 point, ≥3 days: 2; the platform's stated days, else
        the appeal's overdue working days; a reason explained to the platform excuses
        it."""
        appeal = self._platform_appeal("12345-35")
        two = self._verdict(appeal, "overdue_case", stated_overdue_days=2)
        three = self._verdict(appeal, "overdue_case", stated_overdue_days=3)
        unstated = self._verdict(
            appeal, "overdue_case"
        )  # not overdue on its deadline yet: 0 days
        self._verdict(
            appeal, "overdue_case", stated_overdue_days=5, explained_to_platform=True,
            explanation="Phoned the platform on 11-16: pipe works need two more days.",
        )  # fmt: skip
        self.assertEqual(
            self._points_by_verdict(appeal, "R000-35"),
            {str(two.id): 1.0, str(three.id): 2.0, str(unstated.id): 1.0},
        )
        self.assertEqual(
            set(self._lines(appeal, "R000-35").department_id), {self.network}
        )
        self.assertEqual(
            set(self._lines(appeal, "R000-35").mapped("source")), {"platform"}
        )
        # Regenerating adds nothing.
        self.Line._sync_process_lines(appeal)
        self.assertEqual(len(self._lines(appeal, "R000-35")), 3)

    @freeze_time("2026-11-18 02:00:00")
    def test_r000_35_unstated_days_come_from_the_platform_deadline(self):
        appeal = self._appeal(
            department_id=self.network.id,
            channel_id=self.hotline_12345.id,
            platform_reference="12345-35b",
            received_at=datetime(2026, 11, 2, 1, 0),
            platform_deadline=datetime(2026, 11, 12, 9, 0),  # Thursday 17:00 Beijing
        )
        self.assertEqual(
            appeal._platform_overdue_working_days(),
            4,
            "13, 16, 17 and the started 18th",
        )
        self._verdict(appeal, "overdue_case")
        self.assertEqual(self._lines(appeal, "R000-35").points, 2.0)

    @freeze_time("2026-11-18 02:00:00")
    def test_r000_36_redo_returns_first_two_then_five_each(self):
        appeal = self._platform_appeal("12345-36")
        first = self._verdict(appeal, "redo_return", "2026-11-10")
        second = self._verdict(appeal, "redo_return", "2026-11-12")
        third = self._verdict(appeal, "redo_return", "2026-11-14")
        self.assertEqual(
            self._points_by_verdict(appeal, "R000-36"),
            {str(first.id): 2.0, str(second.id): 5.0, str(third.id): 5.0},
        )
        # A wrong verdict archived: its line is cancelled and the next one moves up.
        second_line = self._lines(appeal, "R000-36").filtered(
            lambda line: line.source_key.endswith(f":{second.id}")
        )
        first.with_user(self.complaint_manager).action_correct(
            "Registered on the wrong appeal"
        )
        self.assertEqual(
            self._points_by_verdict(appeal, "R000-36"),
            {str(second.id): 2.0, str(third.id): 5.0},
        )
        self.assertEqual(second_line.points, 2.0, "the same line, corrected")
        cancelled = appeal.deduction_ids.filtered(
            lambda line: line.state == "cancelled"
        )
        self.assertEqual(cancelled.source_key, f"R000-36:verdict:{first.id}")

    @freeze_time("2026-11-18 02:00:00")
    def test_r000_40_r000_41_verdicts_after_a_hand_back(self):
        appeal = self._platform_appeal("12345-41")
        self._verdict(
            appeal, "overdue_handback", responsible_department_id=self.billing.id
        )
        self.assertEqual(
            [
                (line.department_id, line.points)
                for line in self._lines(appeal, "R000-40")
            ],
            [(self.billing, 1.0)],
            "charged to the department the verdict names",
        )
        self._verdict(appeal, "handback_accepted")
        self._verdict(appeal, "buck_passing", "2026-11-16")
        self._verdict(appeal, "buck_passing", "2026-11-17")
        self.assertEqual(
            sorted(self._lines(appeal, "R000-41").mapped("points")), [2.0, 5.0]
        )
        self.assertEqual(
            len(self._lines(appeal)), 3, "an accepted hand-back costs nothing"
        )

    @freeze_time("2026-11-18 02:00:00")
    def test_r000_42_media_exposure_once_verified(self):
        appeal = self._platform_appeal("12345-42")
        column = self.env.ref(
            "helpdesk_utility_complaint.media_column_state_council_inspection"
        )
        exposure = self._verdict(
            appeal, "media_exposure", media_column_id=column.id, raised_on_banyang=True
        )
        self.assertFalse(self._lines(appeal, "R000-42"), "not verified yet")
        exposure.verified_true = True
        self.assertEqual(self._lines(appeal, "R000-42").points, 7.0)
        not_raised = self._verdict(
            appeal, "media_exposure", media_column_id=column.id, verified_true=True
        )
        other = self._verdict(
            appeal, "media_exposure", verified_true=True, raised_on_banyang=True,
            exposure_points=4,
            media_column_id=self.env.ref("helpdesk_utility_complaint.media_column_other").id,
        )  # fmt: skip
        points = self._points_by_verdict(appeal, "R000-42")
        self.assertEqual(points, {str(exposure.id): 7.0, str(other.id): 4.0})
        self.assertNotIn(
            str(not_raised.id),
            points,
            "R000-42 needs the issue raised on 般阳民生 first",
        )
        exposure.verified_true = False
        self.assertEqual(
            self._points_by_verdict(appeal, "R000-42"), {str(other.id): 4.0}
        )

    @freeze_time("2026-11-18 02:00:00")
    def test_r000_39_each_missing_hand_back_field_costs_the_office_a_point(self):
        appeal = self._platform_appeal("12345-39")
        Reply = self.env["helpdesk.platform.reply"].with_user(self.office_user)
        hand_back = Reply.create(
            {"ticket_id": appeal.id, "kind": "hand_back", "body": "<p>产权属物业</p>"}
        )
        for line in hand_back.value_ids[:3]:
            line.value = "x"
        hand_back.submit_incomplete = True
        hand_back.action_submit()
        line = self._lines(appeal, "R000-39")
        self.assertEqual(
            (line.department_id, line.quantity, line.points),
            (self.office_department, 2.0, 2.0),
        )
        complete = Reply.create(
            {"ticket_id": appeal.id, "kind": "hand_back", "body": "<p>x</p>"}
        )
        for value in complete.value_ids:
            value.value = "x"
        complete.action_submit()
        self.assertEqual(
            self._lines(appeal, "R000-39"), line, "a complete hand-back costs nothing"
        )

    # ------------------------------------------------------------------
    # Contest (R001-29 to R001-31) and confirmation
    # ------------------------------------------------------------------

    def _contest(self, appeal, user):
        return (
            self.env["helpdesk.liability.contest"]
            .with_user(user)
            .create(
                {
                    "ticket_id": appeal.id,
                    "department_id": self.network.id,
                    "line_ids": [(6, 0, self._lines(appeal).ids)],
                    "statement": "The customer's own pipe leaked; photos attached.",
                }
            )
        )

    def test_r001_29_uncontested_deductions_are_confirmed_after_two_working_days(self):
        with freeze_time("2026-11-20 02:00:00"):  # Friday
            appeal = self._appeal(
                department_id=self.network.id, received_at=datetime(2026, 11, 20, 1, 0)
            )
            self._finding(appeal, "R000-59").action_confirm()
        line = self._lines(appeal)
        self.assertEqual(
            line.contest_deadline, datetime(2026, 11, 24, 9, 0), "Tuesday 17:00 Beijing"
        )
        with freeze_time("2026-11-24 08:00:00"):
            self.Line._cron_confirm_uncontested()
            self.assertEqual(line.state, "draft")
        with freeze_time("2026-11-24 10:00:00"):
            self.Line._cron_confirm_uncontested()
            with self.assertRefused(UserError, "two working days"):
                self._contest(appeal, self.network_manager)
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.period_id.name, "2026-11")

    def test_r001_30_own_hotline_contest_upheld_by_the_office(self):
        appeal = self._appeal(department_id=self.network.id)
        self._finding(appeal, "R000-59").action_confirm()
        line = self._lines(appeal)
        with self.assertRaises(AccessError):
            self._contest(appeal, self.billing_handler)
        contest = self._contest(appeal, self.network_manager)
        self.assertEqual((contest.route, line.state), ("own", "contested"))
        with self.assertRefused(AccessError, "response office"):
            contest.with_user(self.network_manager).action_uphold()
        contest.with_user(self.office_user).action_uphold()
        self.assertEqual(line.state, "cancelled")
        self.assertIn("Contest upheld", line.cancel_reason)

    def test_r001_31_platform_contest_needs_acknowledgement_and_the_leader(self):
        leader = self._user("principal_leader", GROUP_LEADER, None)
        appeal = self._appeal(
            department_id=self.network.id,
            channel_id=self.hotline_12345.id,
            platform_reference="ZB-1",
            platform_deadline=datetime(2099, 1, 1),
        )
        self._finding(appeal, "R000-59").action_confirm()
        contest = self._contest(appeal, self.network_manager)
        self.assertEqual(contest.route, "external")
        with self.assertRefused(AccessError, "principal leader"):
            contest.with_user(self.office_user).action_uphold()
        with self.assertRefused(UserError, "acknowledgement"):
            contest.with_user(leader).action_uphold()
        contest.with_user(leader).action_reject()
        self.assertEqual(contest.state, "rejected")
        self.assertEqual(self._lines(appeal).state, "confirmed")

    def test_r000_56_nobody_confirms_against_their_own_unit(self):
        appeal = self._appeal(department_id=self.hr.id)
        self._finding(
            appeal, "R000-59", departments={"responsible_department": self.hr}
        ).action_confirm()
        with self.assertRefused(AccessError, "own unit"):
            self._lines(appeal).with_user(self.hr_officer).action_confirm()

    # ------------------------------------------------------------------
    # Locked months (C-09)
    # ------------------------------------------------------------------

    def test_c09_a_locked_month_refuses_new_or_changed_lines(self):
        with freeze_time("2026-10-15 02:00:00"):
            appeal = self._appeal(
                department_id=self.network.id, received_at=datetime(2026, 10, 15, 1, 0)
            )
            self._finding(appeal, "R000-59").action_confirm()
            line = self._lines(appeal)
            line.with_user(self.hr_officer).action_confirm()
        october = line.period_id
        self.assertEqual(october.name, "2026-10")
        with self.assertRefused(AccessError, "appraisal officers lock"):
            october.with_user(self.network_manager).action_lock()
        october.with_user(self.hr_officer).action_lock()
        with self.assertRefused(UserError, "locked"):
            line.with_user(self.hr_officer).write({"reason": "changed"})
        with self.assertRefused(UserError, "locked"):
            self.Line.with_user(self.hr_officer).create(
                {
                    "ticket_id": appeal.id,
                    "rule_id": self.rule("R000-59").id,
                    "party": "responsible_department",
                    "department_id": self.network.id,
                    "base_points": 2,
                    "period_id": october.id,
                }
            )
        with self.assertRefused(UserError, "cancel them"):
            line.sudo().unlink()
        with freeze_time("2026-11-20 02:00:00"):
            line._cancel("Wrong department.")
        self.assertEqual(line.state, "confirmed", "the locked month is untouched")
        correction = line.correction_ids
        self.assertEqual(
            (correction.points, correction.period_id.name), (-2.0, "2026-11")
        )

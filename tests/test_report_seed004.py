from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GROUP_LEADER
from .report_common import ReportCase


@tagged("post_install", "-at_install")
class TestReportSeed004(ReportCase):
    """Seed 004's reporting, as preset features that are off by default (RULES.md §6):
    R004-01, R004-04, R004-06, R004-07, R004-08, R004-14, R004-17, R004-23."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.Schedule = cls.env["helpdesk.report.schedule"]
        cls.daily = ref("helpdesk_utility_complaint.report_schedule_daily_monitor")
        cls.monthly = ref("helpdesk_utility_complaint.report_schedule_monthly_analysis")
        cls.joint = ref("helpdesk_utility_complaint.report_schedule_joint_analysis")
        cls.deputy = cls._user("service_deputy", GROUP_LEADER, None)
        cls.other_leader = cls._user("other_leader", GROUP_LEADER, None)
        cls.company.complaint_service_leader_id = cls.deputy
        Area = cls.env["helpdesk.service.area"]
        cls.north = Area.create({"name": "North District"})
        cls.south = Area.create({"name": "South District"})

    def test_r004_features_are_off_by_default(self):
        """Seed 004 adds reports only to a preset that turns its feature on; a preset
        keeps its own report of a kind instead of the feature's."""
        kinds = set(self.Schedule._for_company(self.company).mapped("kind"))
        self.assertNotIn("daily_monitor", kinds)
        self.assertNotIn("joint_analysis", kinds)
        self.water_company.feature_daily_monitor = True
        schedules = self.Schedule._for_company(self.company)
        self.assertIn(self.daily, schedules)
        self.assertEqual(
            len(schedules.filtered(lambda s: s.kind == "weekly_statistics")),
            1,
            "the water company keeps its own weekly statistics",
        )
        self.company.complaint_preset_id = self.hotline
        self.hotline.feature_daily_monitor = True
        names = self.Schedule._for_company(self.company).mapped("name")
        self.assertIn("Weekly Circular", names)
        self.assertIn("Monthly Classified Analysis", names)

    def test_r004_08_daily_digest_and_sign_off(self):
        """R004-01, R004-08: the daily monitor lists the day's new, overdue and
        unsatisfied appeals; the service deputy GM signs off every unsatisfied rating
        once, and the monitor is done when all are signed."""
        self.water_company.feature_daily_monitor = True
        unhappy = self._complete(
            self._new_appeal(self._at(2025, 11, 14, 9), department_id=self.network.id),
            self._at(2025, 11, 17, 9),
            ratings=["unsatisfied"],
        )
        self._new_appeal(self._at(2025, 11, 17, 15), department_id=self.network.id)
        monitor = self.Report._cron_generate(today=date(2025, 11, 18)).filtered(
            lambda r: r.kind == "daily_monitor" and r.company_id == self.company
        )
        self.assertEqual(
            (monitor.date_from, monitor.date_to), (date(2025, 11, 17),) * 2
        )
        self.assertEqual(monitor.responsible_user_id, self.deputy)
        self.assertEqual(monitor.due_date, date(2025, 11, 18))
        network = monitor.line_ids.filtered(
            lambda line: (
                line.dimension == "department" and line.department_id == self.network
            )
        )
        self.assertEqual(network.received_count, 1)
        self.assertEqual(network.unsatisfied_open_count, 1)
        self.assertEqual(network.overdue_open_count, 1, "the 17th's, never handled")
        self.assertEqual(monitor.signoff_ids.ticket_id, unhappy)
        with self.assertRaisesRegex(UserError, "not signed off"):
            monitor.with_user(self.office_user).action_submit()
        with self.assertRaises(AccessError):
            monitor.signoff_ids.with_user(self.other_leader).action_sign()
        monitor.signoff_ids.with_user(self.deputy).write({"note": "Visit tomorrow."})
        monitor.signoff_ids.with_user(self.deputy).action_sign()
        self.assertEqual(monitor.signoff_ids.signed_by_id, self.deputy)
        self.assertEqual(monitor.state, "done")
        following = self.Report._generate(
            self.daily, self.company, date(2025, 11, 17), date(2025, 11, 17)
        )
        self.assertFalse(following, "the day's monitor exists already")
        self.assertFalse(
            self.Report._generate(
                self.daily, self.company, date(2025, 11, 18), date(2025, 11, 18)
            ).signoff_ids,
            "each rating is signed off once",
        )

    def test_r004_04_joint_analysis_by_root_cause(self):
        """R004-04: the working group reviews the month's complaints, gives each a
        root cause, and the analysis counts them by category, cause and department."""
        self.water_company.feature_joint_analysis = True
        appeals = [
            self._new_appeal(self._at(2025, 11, day, 9), department_id=self.network.id)
            for day in (3, 4, 5)
        ]
        report = self.Report._generate(
            self.joint, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        self.assertEqual(set(appeals) - set(report.review_ids.ticket_id), set())
        facilities = self.env.ref("helpdesk_utility_complaint.root_cause_facilities")
        works = self.env.ref("helpdesk_utility_complaint.root_cause_works")
        reviews = report.review_ids.filtered(lambda r: r.ticket_id in appeals)
        reviews[:2].with_user(self.office_user).root_cause_id = facilities
        reviews[2:].with_user(self.office_user).root_cause_id = works
        report.with_user(self.office_user).action_refresh()
        causes = {
            line.root_cause_id: line.reviewed_count
            for line in report.line_ids
            if line.dimension == "root_cause"
        }
        self.assertEqual(causes[facilities], 2)
        self.assertEqual(causes[works], 1)
        self.assertEqual(len(report.review_ids.ticket_id), len(report.review_ids))
        action = self.env["helpdesk.rectification.action"].create(
            {
                "name": "Replace the valves of the northern ring main",
                "report_id": report.id,
                "department_id": self.network.id,
                "due_date": date(2026, 3, 31),
            }
        )
        self.assertEqual(report.action_ids, action, "the measures register")

    def _outage(self, area, start):
        return self.env["helpdesk.outage"].create(
            {
                "kind": "planned",
                "reason": "Valve replacement",
                "area": "Huaguang Road",
                "area_id": area.id,
                "department_id": self.network.id,
                "start_at": start,
            }
        )

    def test_r004_06_planned_outage_frequency(self):
        """R004-06: an area with more planned outages in the window than the preset
        allows (2 in 30 days) is flagged, live and in the monthly analysis."""
        self.water_company.write(
            {"feature_outage_frequency": True, "outage_frequency_limit": 2}
        )
        for day in (3, 10, 24):
            self._outage(self.north, self._at(2025, 11, day, 9))
        self._outage(self.south, self._at(2025, 11, 3, 9))
        report = self.Report._generate(
            self.monthly, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        areas = {
            line.area_id: line for line in report.line_ids if line.dimension == "area"
        }
        self.assertEqual(areas[self.north].planned_outage_count, 3)
        self.assertTrue(areas[self.north].outages_too_frequent)
        self.assertEqual(areas[self.south].planned_outage_count, 1)
        self.assertFalse(areas[self.south].outages_too_frequent)
        recent = fields.Datetime.now()
        for offset in (1, 2, 3):
            self._outage(self.south, recent - timedelta(days=offset))
        self.assertTrue(self.south.outages_too_frequent)
        self.assertFalse(self.north.outages_too_frequent, "November is long past")
        self.assertIn(
            self.south,
            self.env["helpdesk.service.area"].search(
                [("outages_too_frequent", "=", True)]
            ),
        )

    def test_r004_07_complaint_hot_spots(self):
        """R004-07: areas ranked by complaints; preventive visits are logged."""
        self.water_company.feature_hot_spots = True
        for day in (3, 4, 5):
            self._new_appeal(self._at(2025, 11, day, 9), area_id=self.north.id)
        self._new_appeal(self._at(2025, 11, 6, 9), area_id=self.south.id)
        report = self.Report._generate(
            self.monthly, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        ranks = {
            line.area_id: (line.hot_spot_rank, line.received_count)
            for line in report.line_ids
            if line.dimension == "area"
        }
        self.assertEqual(ranks[self.north], (1, 3))
        self.assertEqual(ranks[self.south], (2, 1))
        contact = (
            self.env["helpdesk.preventive.contact"]
            .with_user(self.network_handler)
            .create(
                {
                    "area_id": self.north.id,
                    "households": 40,
                    "explanation": "Pressure stays low until the new main is laid.",
                }
            )
        )
        self.assertEqual(contact.company_id, self.company)

    def test_r004_14_r004_17_r004_23_headline_figures_and_targets(self):
        """R004-23: resolution and satisfaction rates head the report; R004-17: the gap
        of each rate to its 100% target; R004-14: on-time and correct completion."""
        self.water_company.feature_targets = True
        self._complete(
            self._new_appeal(self._at(2025, 11, 3, 9), department_id=self.network.id),
            self._at(2025, 11, 4, 9),
            ratings=["satisfied"],
        )
        self._complete(
            self._new_appeal(self._at(2025, 11, 3, 10), department_id=self.network.id),
            self._at(2025, 11, 4, 10),
            resolved=False,
            ratings=["unsatisfied"],
        )
        report = self.Report._generate(
            self.monthly, self.company, date(2025, 11, 1), date(2025, 11, 30)
        )
        total = report.line_ids.filtered(lambda line: line.dimension == "total")
        self.assertEqual(report.satisfaction_rate, total.satisfaction_rate)
        self.assertEqual(report.resolution_rate, total.resolution_rate)
        self.assertEqual(report.satisfaction_gap, 100 - report.satisfaction_rate)
        self.assertEqual(report.callback_gap, 100 - report.callback_rate)
        self.assertEqual(report.on_time_gap, 100 - report.on_time_rate)
        self.assertEqual(report.completion_gap, 100 - report.completion_rate)
        network = report.line_ids.filtered(
            lambda line: (
                line.dimension == "department" and line.department_id == self.network
            )
        )
        self.assertEqual(network.satisfaction_rate, 50.0)
        self.assertEqual(network.resolution_rate, 50.0)
        self.assertEqual(network.on_time_rate, 100.0)
        self.assertEqual(network.correct_rate, 100.0)
        self.water_company.target_satisfaction_rate = 40
        report.invalidate_recordset()
        self.assertEqual(report.satisfaction_gap, max(40 - report.satisfaction_rate, 0))

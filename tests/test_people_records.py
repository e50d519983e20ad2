from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .people_common import PeopleCase


@tagged("post_install", "-at_install")
class TestPeopleRecords(PeopleCase):
    """The records the counters and stars need: training and exams, inspections, live
    streams, the zero targets, referrals (R001-01, R001-04 to R001-06, R001-09, R001-10,
    R001-32)."""

    def test_r001_04_r001_09_a_failed_make_up_caps_its_month(self):
        training = (
            self.env["helpdesk.service.training"]
            .with_user(self.hr_officer)
            .create({"name": "Standards of the 11 posts", "date": date(2026, 6, 10)})
        )
        self.assertEqual(training.pass_score, 60)
        exams = (
            self.env["helpdesk.service.exam"]
            .with_user(self.hr_officer)
            .create(
                [
                    {
                        "training_id": training.id,
                        "employee_id": self.reader.id,
                        "score": 50,
                    },
                    {
                        "training_id": training.id,
                        "employee_id": self.patroller.id,
                        "score": 60,
                    },
                ]
            )
        )
        failed, passed = exams
        self.assertEqual((failed.passed, passed.passed), (False, True), "60 passes")
        with self.assertRefused(ValidationError, "no make-up"):
            passed.makeup_date = date(2026, 7, 1)
        failed.write({"makeup_date": date(2026, 7, 8), "makeup_score": 59})
        cap = failed.money_line_ids
        self.assertEqual(
            (cap.rule_code, cap.rating_cap, cap.cap_period, cap.period_id.name),
            ("R001-09", "basically_competent", "month", "2026-07"),
        )
        july = cap.period_id
        Rating = self.env["helpdesk.people.rating"].with_user(self.hr_officer)
        with self.assertRefused(ValidationError, "at most Basically Competent"):
            Rating.create(
                {
                    "employee_id": self.reader.id,
                    "year": 2026,
                    "period_id": july.id,
                    "rating": "competent",
                }
            )
        annual = Rating.create(
            {"employee_id": self.reader.id, "year": 2026, "rating": "competent"}
        )
        self.assertFalse(annual.cap, "the cap holds for the month only")
        failed.makeup_score = 75
        self.assertEqual(cap.state, "cancelled", "a corrected score lifts the cap")
        with freeze_time("2026-08-03 02:00:00"):
            july.with_user(self.hr_officer).action_lock()
        with self.assertRefused(UserError, "locked"):
            Rating.create(
                {
                    "employee_id": self.patroller.id,
                    "year": 2026,
                    "period_id": july.id,
                    "rating": "competent",
                }
            )
        with self.assertRefused(AccessError, "CSC and HR"):
            training.with_user(self.network_manager).name = "Renamed"

    def test_r001_10_hr_grants_the_exam_award(self):
        training = (
            self.env["helpdesk.service.training"]
            .with_user(self.office_user)
            .create({"name": "Water supply basics", "date": date(2026, 6, 10)})
        )
        exam = (
            self.env["helpdesk.service.exam"]
            .with_user(self.office_user)
            .create(
                {"training_id": training.id, "employee_id": self.reader.id, "score": 99}
            )
        )
        with self.assertRefused(UserError, "Enter the award amount"):
            exam.with_user(self.hr_officer).action_grant_award()
        exam.award_amount = 300
        with self.assertRefused(AccessError, "appraisal officers"):
            exam.with_user(self.office_user).action_grant_award()
        with freeze_time("2026-06-12 02:00:00"):
            exam.with_user(self.hr_officer).action_grant_award()
        line = exam.money_line_ids
        self.assertEqual(
            (line.rule_code, line.amount, line.state, line.period_id.name),
            ("R001-10", 300, "confirmed", "2026-06"),
        )
        with self.assertRefused(UserError, "already has"):
            exam.with_user(self.hr_officer).action_grant_award()

    def test_r001_05_an_inspection_exposure_counts_at_once(self):
        Inspection = self.env["helpdesk.service.inspection"]
        with self.assertRefused(AccessError, "carries out inspections"):
            Inspection.with_user(self.network_manager).create(
                {"employee_id": self.reader.id}
            )
        form = Form(Inspection.with_user(self.office_user))
        form.employee_id = self.reader
        form.method = "test_call"
        self.assertEqual(
            (form.department_id, form.section_id, form.job_id),
            (self.network, self.repair_section, self.representative),
        )
        self.assertEqual(len(form.score_ids), 5)
        with form.score_ids.edit(1) as score:
            score.score = 8
        form.result = "finding"
        form.exposure = True
        inspection = form.save()
        self.assertEqual(inspection.total_score, 88)
        with self.assertRefused(UserError, "Describe what"):
            inspection.action_confirm()
        inspection.findings = "Answered the test call impatiently."
        with freeze_time("2026-08-18 02:00:00"):
            inspection.action_confirm()
        case = inspection.case_id
        self.assertEqual(
            (case.kind, case.state, case.employee_id, case.period_id.name),
            ("exposure", "confirmed", self.reader, "2026-08"),
        )
        self.assertFalse(
            case.money_line_ids, "R001-11 charges complaints, not exposures"
        )
        self.assertTrue(case.exposure_entry_ids)
        with self.assertRefused(ValidationError, "scored from 0 to 20"):
            inspection.score_ids[0].score = 25

    def test_r001_05_two_exposures_reach_the_persons_threshold(self):
        for day in (3, 4):
            inspection = (
                self.env["helpdesk.service.inspection"]
                .with_user(self.office_user)
                .create(
                    {
                        "employee_id": self.reader.id,
                        "date": date(2026, 9, day),
                        "result": "finding",
                        "findings": "No uniform.",
                        "exposure": True,
                    }
                )
            )
            with freeze_time(datetime(2026, 9, day, 2, 0)):
                inspection.action_confirm()
        self.assertEqual(len(self._lines("R001-12")), 1)
        self.assertEqual(len(self._lines("R001-15")), 1)

    def test_r001_06_live_stream_appeals_close_the_loop(self):
        live = self.env.ref("helpdesk_utility_complaint.channel_live_stream")
        stream = (
            self.env["helpdesk.live.stream"]
            .with_user(self.office_user)
            .create(
                {
                    "name": "Business hall head on air",
                    "start_at": datetime(2026, 5, 20, 11, 0),
                    "host_department_id": self.network.id,
                }
            )
        )
        with self.assertRefused(ValidationError, "cloud live stream channel"):
            self._appeal(live_stream_id=stream.id)
        action = stream.action_register_appeal()
        self.assertEqual(action["context"]["default_channel_id"], live.id)
        first = self._appeal(live_stream_id=stream.id, channel_id=live.id)
        second = self._appeal(live_stream_id=stream.id, channel_id=live.id)
        self.assertEqual((stream.ticket_count, stream.loop_closed), (2, False))
        (first | second).sudo().write({"state": "closed"})
        stream.invalidate_recordset()
        self.assertEqual((stream.open_ticket_count, stream.loop_closed), (0, True))

    def test_r001_01_zero_targets_per_month_and_department(self):
        self._service_case(employee_id=self.reader.id)
        connection = self._appeal(
            department_id=self.network.id,
            category_id=self.env.ref(
                "helpdesk_utility_complaint.cat_water_connection"
            ).id,
        )
        connection.sudo().write({"unsatisfied_at": datetime(2026, 4, 30, 17, 0)})
        self.env.flush_all()
        Report = self.env["helpdesk.service.target.report"]
        rows = {
            (row.kind, row.month): (row.count, row.target, row.missed)
            for row in Report.search([("department_id", "=", self.network.id)])
        }
        self.assertEqual(
            rows,
            {
                ("attitude", date(2026, 3, 1)): (1, 0, True),
                ("connection", date(2026, 5, 1)): (1, 0, True),
            },
            "17:00 UTC on 30 April is 1 May in Beijing",
        )

    def test_r001_32_the_csc_refers_breaches_to_the_inspection_office(self):
        appeal = self._appeal(department_id=self.network.id)
        Referral = self.env["helpdesk.conduct.referral"]
        with self.assertRefused(AccessError, "."):
            Referral.with_user(self.network_manager).create(
                {"kind": "discipline", "facts": "Asked the customer for a gift."}
            )
        referral = Referral.with_user(self.office_user).create(
            {
                "ticket_id": appeal.id,
                "kind": "discipline",
                "employee_ids": [(6, 0, self.reader.ids)],
                "facts": "Asked the customer for a gift.",
            }
        )
        self.assertTrue(referral.name.startswith("YS"))
        self.assertIn(referral.name, appeal.message_ids[0].body)
        with self.assertRefused(UserError, "outcome"):
            referral.action_close()
        referral.outcome = "Disciplinary warning."
        referral.action_close()
        self.assertEqual(referral.state, "closed")

import psycopg2
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .appeal_walk import AppealWalkCase, utc
from .heating_common import HeatingCase

STEP = "helpdesk_utility_complaint.mail_activity_appeal_step"


@tagged("post_install", "-at_install")
class TestCatalogueRules(AppealWalkCase):
    """The remaining hotline and water-company rules: replies and commitments, conduct
    deductions and referrals, the leading group, HR's investigation, rule editions."""

    def _step_users(self, appeal):
        return appeal.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(STEP)
        ).user_id

    def _approved(self, appeal):
        self._bring_to(appeal, "approved")
        return appeal.with_user(self.office_user)

    # ------------------------------------------------------------------
    # R002-39, R002-40 replies point by point, commitments
    # ------------------------------------------------------------------

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_39_every_point_gets_its_own_answer_and_evidence(self):
        """R002-39: the reply lists the appeal's points one by one, each with its own
        answer and optional evidence; a point without its answer is refused."""
        self._use("water_hotline")
        appeal = self._register()
        office = self._approved(appeal)
        scan = (
            self.env["ir.attachment"]
            .with_user(self.office_user)
            .create({"name": "pressure-log.pdf", "raw": b"%PDF-1.4"})
        )
        office.write(
            {
                "reply_point_ids": [
                    (0, 0, {"point": "Low pressure", "answer": "Valve reopened."}),
                    (
                        0,
                        0,
                        {
                            "point": "Who pays the plumber",
                            "answer": "The company, see the log.",
                            "attachment_ids": [(6, 0, scan.ids)],
                        },
                    ),
                ]
            }
        )
        with (
            self.assertRaises(psycopg2.errors.NotNullViolation),
            mute_logger("odoo.sql_db"),
        ):
            office.write({"reply_point_ids": [(0, 0, {"point": "Compensation"})]})
        self._reply(appeal)
        self.assertEqual(appeal.state, "replied")
        self.assertEqual(
            appeal.reply_point_ids.mapped("point"),
            ["Low pressure", "Who pays the plumber"],
        )
        self.assertTrue(all(appeal.reply_point_ids.mapped("answer")))
        self.assertEqual(appeal.reply_point_ids[1].attachment_ids, scan)

    @freeze_time("2026-11-18 02:00:00")
    def test_r002_40_commitments_have_an_owner_and_a_due_date(self):
        """R002-40: each promise has an owner and a due date; the final reply gives the
        owner an activity due that day; progress is tracked until it is fulfilled,
        once."""
        self._use("water_hotline")
        appeal = self._register()
        office = self._approved(appeal)
        office.write(
            {
                "commitment_ids": [
                    (
                        0,
                        0,
                        {
                            "description": "Replace the meter",
                            "owner_id": self.network_handler.id,
                            "due_date": "2026-11-25",
                        },
                    )
                ]
            }
        )
        commitment = appeal.commitment_ids
        self._reply(appeal)
        todo = appeal.activity_ids.filtered(
            lambda activity: (
                activity.user_id == self.network_handler
                and activity.date_deadline.isoformat() == "2026-11-25"
            )
        )
        self.assertTrue(todo, "the owner has the commitment due on its date")
        with freeze_time("2026-11-20 02:00:00"):
            commitment.progress_note = "Meter ordered."
        self.assertEqual(commitment.last_progress_at, utc("2026-11-20 02:00:00"))
        commitment.action_fulfil()
        self.assertEqual(commitment.state, "fulfilled")
        with self.assertRefused(UserError, "already fulfilled"):
            commitment.action_fulfil()

    # ------------------------------------------------------------------
    # R002-44 conduct deductions, R002-45 and R000-48 referrals
    # ------------------------------------------------------------------

    def test_r002_44_conduct_deduction_entered_by_the_assessor(self):
        """R002-44: perfunctory handling, buck-passing or falsification costs the
        points the assessor enters, with the justification and a manager's approval;
        the admonition interview with the person in charge is recorded beside it."""
        self._use("water_hotline")
        rule = self.env["helpdesk.deduction.rule"].search(
            [
                ("preset_id", "=", self.presets["water_hotline"].id),
                ("code", "=", "R002-44"),
            ]
        )
        self.assertTrue(rule.case_by_case)
        appeal = self._register(department_id=self.network.id)
        form = Form(
            self.env["helpdesk.liability.finding"]
            .with_user(self.hr_officer)
            .with_context(default_ticket_id=appeal.id)
        )
        form.rule_id = rule
        with form.line_ids.edit(0) as line:
            line.points = 6
        finding = form.save()
        with self.assertRefused(UserError, "case-by-case"):
            finding.action_confirm()
        finding.justification = "The handler closed the job without visiting."
        finding.action_confirm()
        self.assertEqual(finding.state, "to_approve")
        finding.with_user(self.complaint_manager).action_approve()
        lines = appeal.deduction_ids
        self.assertEqual(lines.mapped("points"), [6.0])
        self.assertEqual(lines.department_id, self.network)
        interview = (
            self.env["helpdesk.admonition.interview"]
            .with_user(self.office_user)
            .create(
                {
                    "name": "Perfunctory handling",
                    "department_id": self.network.id,
                    "interviewee_id": self.network_manager.employee_id.id,
                    "reason": "Job closed without a visit.",
                    "ticket_ids": [(6, 0, appeal.ids)],
                }
            )
        )
        with self.assertRefused(UserError, "Record what the interview agreed"):
            interview.action_held()
        interview.outcome = "Retrain the repair team."
        interview.action_held()
        self.assertEqual(interview.state, "held")

    def _referral(self, user=None, **values):
        return (
            self.env["helpdesk.conduct.referral"]
            .with_user(user or self.office_user)
            .create(dict({"facts": "Falsified the arrival time."}, **values))
        )

    def test_r002_45_discipline_referral_is_kept(self):
        """R002-45: a cadre suspected of breaking discipline is referred by the CSC; the
        referral is on record with the appeal until the outcome closes it."""
        appeal = self._register()
        with self.assertRaises(AccessError):
            self._referral(self.network_manager, kind="discipline")
        referral = self._referral(
            kind="discipline",
            ticket_id=appeal.id,
            department_id=self.network.id,
            employee_ids=[(6, 0, self.network_handler.employee_id.ids)],
        )
        self.assertEqual(referral.state, "referred")
        self.assertIn(referral.name, appeal.message_ids[0].body)
        with self.assertRefused(UserError, "outcome"):
            referral.action_close()
        referral.outcome = "Warning recorded."
        referral.action_close()
        self.assertEqual(referral.state, "closed")

    def test_r000_48_cadre_accountability_names_the_head_and_the_leader(self):
        """R000-48: the referral names the department head and supervising leader and
        the conduct; a department with neither, or no conduct, is refused."""
        referral = self._referral(
            kind="cadre", department_id=self.network.id, conduct="buck_passing"
        )
        self.assertEqual(referral.department_head_id, self.network_manager.employee_id)
        self.assertEqual(referral.supervising_leader_id, self.department_leader)
        with self.assertRefused(ValidationError, "R000-48"):
            self._referral(kind="cadre", department_id=self.network.id)
        with self.assertRefused(ValidationError, "R000-48"):
            self._referral(
                kind="cadre", department_id=self.billing.id, conduct="inaction"
            )
        # Other kinds ask nothing of the sort.
        self.assertFalse(
            self._referral(
                kind="discipline", department_id=self.network.id
            ).department_head_id
        )

    # ------------------------------------------------------------------
    # R000-02 leading group, R000-43 HR's investigation
    # ------------------------------------------------------------------

    def test_r000_02_leading_group_and_office_are_configuration(self):
        """R000-02: the leading group's leader, deputies and members are records; one
        leader per company; the response office is headed by the CSC's director."""
        Member = self.env["helpdesk.leading.group.member"].with_user(
            self.complaint_manager
        )
        with self.assertRaises(AccessError):
            Member.with_user(self.office_user).create(
                {"user_id": self.general_manager.id, "role": "leader"}
            )
        Member.create({"user_id": self.general_manager.id, "role": "leader"})
        Member.create({"user_id": self.office_leader.id, "role": "deputy"})
        Member.create({"user_id": self.department_leader.id, "role": "deputy"})
        Member.create({"user_id": self.network_manager.id, "role": "member"})
        with self.assertRefused(ValidationError, "one leader"):
            Member.create({"user_id": self.office_user.id, "role": "leader"})
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
        ):
            Member.create({"user_id": self.network_manager.id, "role": "deputy"})
        group = self.company.complaint_leading_group_ids
        self.assertEqual(group.mapped("role"), ["leader", "deputy", "deputy", "member"])
        director = self.office_user.employee_id
        self.office_department.manager_id = director
        self.assertEqual(self.company.complaint_office_head_id, director)

    @freeze_time("2026-11-18 02:00:00")
    def test_r000_43_hr_investigates_with_records_and_reports_up(self):
        """R000-43: HR keeps investigation records on the appeal; its report goes to
        the CSC supervising leader and the general manager for review."""
        self._use("water_company")
        appeal = self._register()
        self._click(self.office_leader, appeal, "action_send_to_hr")
        Record = self.env["helpdesk.investigation.record"]
        with self.assertRefused(AccessError, "appraisal officers"):
            Record.with_user(self.network_manager).create(
                {"ticket_id": appeal.id, "course_of_events": "-"}
            )
        record = Record.with_user(self.hr_officer).create(
            {
                "ticket_id": appeal.id,
                "place": "Repair team office",
                "employee_ids": [(6, 0, self.network_handler.employee_id.ids)],
                "others_heard": "The customer",
                "course_of_events": "The valve stayed half closed for two days.",
                "cause": "Not reopened after the repair.",
                "conclusion": "The repair team is liable.",
            }
        )
        self.assertEqual(appeal.investigation_record_ids, record)
        self.assertEqual(record.investigator_id, self.hr_officer)
        self._click(self.hr_officer, appeal, "action_submit_hr_report")
        reviewers = self._step_users(appeal)
        self.assertIn(self.office_leader, reviewers)
        self.assertIn(self.general_manager, reviewers)
        self.assertIn("hr_report", appeal.event_ids.mapped("event_code"))

    # ------------------------------------------------------------------
    # R002-46 the edition in force at receipt
    # ------------------------------------------------------------------

    def test_r002_46_an_appeal_keeps_the_edition_in_force_at_receipt(self):
        """R002-46: each preset's editions have an effective date; an appeal keeps the
        one in force on the (Beijing) day it was received, whatever is issued later."""
        self._use("water_hotline")
        preset = self.presets["water_hotline"]
        first = self.env.ref(
            "helpdesk_utility_complaint.preset_version_water_hotline_1"
        )
        Version = self.env["helpdesk.complaint.preset.version"].with_user(
            self.complaint_manager
        )
        second = Version.create(
            {"preset_id": preset.id, "name": "Second", "effective_from": "2026-12-01"}
        )
        # 23:59 on 30 November in Beijing is 15:59 UTC; 00:00 on 1 December is 16:00.
        before = self._register(received_at=utc("2026-11-30 15:59:00"))
        on_the_day = self._register(received_at=utc("2026-11-30 16:00:00"))
        self.assertEqual(before.preset_version_id, first)
        self.assertEqual(on_the_day.preset_version_id, second)
        # A later edition, even one back-dated, changes nothing already received.
        Version.create(
            {"preset_id": preset.id, "name": "Amended", "effective_from": "2026-11-15"}
        )
        self.assertEqual(before.preset_version_id, first)
        self.assertEqual(on_the_day.preset_version_id, second)
        # Before any edition: none.
        old = self._register(received_at=utc("2024-06-01 02:00:00"))
        self.assertFalse(old.preset_version_id)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
        ):
            Version.create(
                {"preset_id": preset.id, "name": "Twin", "effective_from": "2026-12-01"}
            )
        with self.assertRaises(AccessError):
            Version.with_user(self.office_user).create(
                {"preset_id": preset.id, "name": "Mine", "effective_from": "2027-01-01"}
            )

    # ------------------------------------------------------------------
    # R003-22 consultations within 4 clock hours (heating)
    # ------------------------------------------------------------------

    def test_r003_22_consultation_answered_within_4_clock_hours(self):
        """R003-22: a consultation is answered at the latest 4 clock hours after it was
        received, evenings included; a complaint has no such clock."""
        self._use("heating")
        question = self.ref("cat_heating_policy")
        with freeze_time("2026-11-18 10:00:00"):  # 18:00 in Beijing
            in_time = self._register(
                nature_id=self.consultation.id, category_id=question.id
            )
            late = self._register(
                nature_id=self.consultation.id, category_id=question.id
            )
            complaint = self._register(category_id=question.id)
        self.assertEqual(
            self._line(in_time, "consultation").deadline, utc("2026-11-18 14:00:00")
        )
        self.assertNotIn(
            "consultation", complaint.deadline_ids.milestone_id.mapped("code")
        )
        with freeze_time("2026-11-18 14:00:00"):
            in_time.with_user(self.office_user).reply_text = "The fee is 25 yuan/m²."
            self._click(self.office_user, in_time, "action_answer_on_spot")
        with freeze_time("2026-11-18 14:01:00"):
            late._record_event("final_reply")
        self.assertEqual(self._line(in_time, "consultation").status, "met")
        self.assertEqual(self._line(late, "consultation").status, "breached")


@tagged("post_install", "-at_install")
class TestCatalogueHeatingUnits(HeatingCase):
    def test_r003_01_units_are_appraised_with_their_stations(self):
        """R003-01: the head-office customer-service department and each branch get a
        card; a branch's directly-run station is no unit of its own, its appeals count
        in the branch's card."""
        Department = self.env["hr.department"]
        branch = Department.create({"name": "East Branch"})
        station = Department.create({"name": "Station 3", "parent_id": branch.id})
        at_station = self.heating_appeal(branch, self.MARCH, section_id=station.id)
        at_branch = self.heating_appeal(branch, self.MARCH)
        self.close(at_station | at_branch, self.MARCH)
        self.rate(at_station, "satisfied", self.MARCH)
        self.rate(at_branch, "unsatisfied", self.MARCH)
        self.compute()
        self.assertTrue(self.card(self.office_department))
        self.assertTrue(self.card(branch))
        self.assertFalse(self.card(station))
        resolution = self.cell(branch, "R003-30/31")
        self.assertEqual(resolution.value, 50.0, "one of the branch's two resolved")

import re
from datetime import date, datetime
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.helpdesk_utility_complaint import groups

from .common import GROUP_HANDLER, ComplaintCase

# Naive UTC datetimes, as Odoo stores them; the complaint desk works in Beijing time
# (UTC+8) on the shipped calendar: 08:00-12:00 and 13:00-17:00, Chinese holidays.


def utc(text):
    return datetime.fromisoformat(text)


@tagged("post_install", "-at_install")
class TestSharedRules(ComplaintCase):
    """The rules several mechanisms share, each in one helper (issue 9): who owns a
    department's step, the contest deadline, the values of a ledger line, the repeat
    chain, a department's month of the ledger; and the numbers they use, which are
    preset or rule fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.preset = cls.env.ref("helpdesk_utility_complaint.preset_water_company")
        cls.company.complaint_preset_id = cls.preset
        cls.company.complaint_office_department_id = cls.office_department
        cls.dedicated = new_test_user(
            cls.env, login="test_dedicated_handler", groups=GROUP_HANDLER
        )
        cls.Line = cls.env["helpdesk.deduction.line"]

    def rule(self, code, preset=None):
        return self.env["helpdesk.deduction.rule"].search(
            [("preset_id", "=", (preset or self.preset).id), ("code", "=", code)]
        )

    def _received(self, when, **values):
        with freeze_time(when):
            return self._appeal(
                received_at=utc(when), department_id=self.network.id, **values
            )

    def _finding(self, appeal, code):
        form = Form(
            self.env["helpdesk.liability.finding"]
            .with_user(self.hr_officer)
            .with_context(default_ticket_id=appeal.id)
        )
        form.rule_id = self.rule(code)
        return form.save()

    def _line(self, appeal, code, **values):
        """A ledger line of rule ``code`` on ``appeal``, as a mechanism writes it."""
        rule = self.rule(code)
        return self.Line.sudo().create(
            {**rule._ledger_values(self.network, 2.0, ticket=appeal), **values}
        )

    # ------------------------------------------------------------------
    # Who owns a department's step (R002-03)
    # ------------------------------------------------------------------

    def test_r002_03_step_owner_dedicated_handler_then_heads_then_supervisor(self):
        """hr.department._complaint_step_owner: the dedicated handler, else the head of
        the section doing the work, else the department's head, else its appeals
        supervisor."""
        billing = self.billing
        self.assertFalse(billing._complaint_step_owner(), "nobody named")
        self.assertFalse(self.env["hr.department"]._complaint_step_owner())
        billing.complaint_supervisor_id = self.complaint_manager
        self.assertEqual(billing._complaint_step_owner(), self.complaint_manager)
        billing.manager_id = self.billing_handler.employee_id
        self.assertEqual(billing._complaint_step_owner(), self.billing_handler)
        billing.complaint_handler_id = self.dedicated
        self.assertEqual(billing._complaint_step_owner(), self.dedicated)

        network, section = self.network, self.repair_section
        section.manager_id = self.network_handler.employee_id
        self.assertEqual(network._complaint_step_owner(), self.network_manager)
        self.assertEqual(
            network._complaint_step_owner(section=section), self.network_handler
        )
        network.complaint_handler_id = self.dedicated
        self.assertEqual(network._complaint_step_owner(section=section), self.dedicated)

    def test_r002_03_every_department_activity_goes_to_the_step_owner(self):
        """The appeal's steps, its deadline warnings, the liability notice (R001-29) and
        the supervision order (R002-43) all go to the department's step owner; the
        appeal's own steps to its handling employee first."""
        self.network.complaint_handler_id = self.dedicated
        appeal = self._received(
            "2026-11-02 01:00:00", section_id=self.repair_section.id
        )
        self.assertEqual(appeal._department_step_owner(), self.dedicated)

        def department_line():
            return appeal.deadline_ids.filtered(
                lambda line: line.milestone_id.owner == "department"
            )[:1]

        self.assertTrue(department_line())
        self.assertEqual(department_line()._owner_user(), self.dedicated)

        finding = self._finding(appeal, "R000-59")
        finding.action_confirm()
        self.assertEqual(finding.activity_ids.user_id, self.dedicated)

        appeal.redo_count = 3
        order = appeal._check_supervision_triggers()
        self.assertIn(self.dedicated, order.activity_ids.user_id)
        self.assertNotIn(self.network_manager, order.activity_ids.user_id)

        appeal.with_user(
            self.office_user
        ).handler_employee_id = self.network_handler.employee_id
        self.assertEqual(appeal._department_step_owner(), self.network_handler)
        self.assertEqual(department_line()._owner_user(), self.network_handler)

    def test_r002_03_who_acts_for_a_department(self):
        """hr.department._complaint_acts_for: its staff, its dedicated handler, head or
        appeals supervisor; a section's staff act for the section."""
        network, section = self.network, self.repair_section
        self.assertTrue(network._complaint_acts_for(self.network_manager))
        self.assertFalse(network._complaint_acts_for(self.network_handler))
        self.assertTrue((network | section)._complaint_acts_for(self.network_handler))
        self.assertFalse(network._complaint_acts_for(self.dedicated))
        network.complaint_handler_id = self.dedicated
        self.assertTrue(network._complaint_acts_for(self.dedicated))
        self.assertFalse(self.billing._complaint_acts_for(self.office_user))
        self.billing.complaint_supervisor_id = self.office_user
        self.assertTrue(self.billing._complaint_acts_for(self.office_user))

    def test_r000_79_report_owner_head_then_dedicated_handler(self):
        """hr.department._complaint_report_owner: a unit's periodic report and its
        rectification measures (R000-10, R000-79) go to its head, else its dedicated
        handler; its appeals supervisor is not asked."""
        billing = self.billing
        billing.complaint_supervisor_id = self.complaint_manager
        self.assertFalse(billing._complaint_report_owner(), "nobody named")
        self.assertFalse(self.env["hr.department"]._complaint_report_owner())
        billing.complaint_handler_id = self.dedicated
        self.assertEqual(billing._complaint_report_owner(), self.dedicated)
        billing.manager_id = self.billing_handler.employee_id
        self.assertEqual(billing._complaint_report_owner(), self.billing_handler)

    def test_r000_79_office_owner_head_then_first_office_user(self):
        """res.company._complaint_office_owner: the office's step in periodic reports
        and rectification actions (R000-09, R000-79) goes to the head of the office
        department, else to the company's first internal office user."""
        branch = self.env["res.company"].create({"name": "Heating Branch"})
        self.assertFalse(branch._complaint_office_owner(), "no office user there")
        later = new_test_user(
            self.env,
            login="test_branch_office",
            groups=groups.OFFICE,
            company_id=branch.id,
            company_ids=branch.ids,
        )
        self.assertEqual(branch._complaint_office_owner(), later)
        self.office_user.company_ids |= branch
        self.assertEqual(branch._complaint_office_owner(), self.office_user)

        self.office_department.manager_id = self.network_manager.employee_id
        self.assertEqual(self.company._complaint_office_owner(), self.network_manager)

    # ------------------------------------------------------------------
    # The contest deadline (R001-29)
    # ------------------------------------------------------------------

    def test_r001_29_contest_deadline_of_the_company(self):
        """res.company._complaint_contest_deadline: the preset's working days from the
        next working day (C-03); none without a window. Findings and generated lines
        take theirs from it."""
        friday = utc("2026-11-20 02:00:00")
        deadline = self.company._complaint_contest_deadline
        self.assertEqual(deadline(friday), utc("2026-11-24 09:00:00"), "Tuesday 17:00")
        self.preset.contest_working_days = 3
        self.assertEqual(deadline(friday), utc("2026-11-25 09:00:00"), "Wednesday")
        with freeze_time(friday):
            appeal = self._appeal(department_id=self.network.id, received_at=friday)
            finding = self._finding(appeal, "R000-59")
            finding.action_confirm()
            generated = self.rule("R000-37")._proposal(appeal, "committed:test")
        self.assertEqual(finding.deduction_ids.contest_deadline, deadline(friday))
        self.assertEqual(generated["contest_deadline"], deadline(friday))
        self.preset.contest_working_days = 0
        self.assertEqual(deadline(friday), friday, "no window")

    def test_r001_29_the_contest_window_of_an_entry(self):
        """helpdesk.ledger.entry.mixin: a contest after the deadline is refused; the
        entries past their window without a contest are the ones confirmed."""
        appeal = self._appeal(department_id=self.network.id)
        deadline = utc("2026-11-24 09:00:00")
        line = self._line(appeal, "R000-59", contest_deadline=deadline)
        line._check_contest_open(deadline)
        with self.assertRefused(UserError, "two working days"):
            line._check_contest_open(utc("2026-11-24 09:01:00"))
        with freeze_time("2026-11-24 08:59:00"):
            self.assertNotIn(line, self.Line._past_contest_window())
        with freeze_time("2026-11-24 09:00:00"):
            self.assertIn(line, self.Line._past_contest_window())
            line.state = "contested"
            self.assertNotIn(line, self.Line._past_contest_window())

    def test_c09_a_locked_month_of_a_ledger_entry(self):
        """helpdesk.ledger.entry.mixin: nothing is added to, changed in or moved into a
        locked month."""
        Period = self.env["helpdesk.appraisal.period"]
        october = Period._for_date(self.company, date(2026, 10, 1))
        november = Period._for_date(self.company, date(2026, 11, 1))
        appeal = self._appeal(department_id=self.network.id)
        in_october = self._line(appeal, "R000-59", period_id=october.id)
        in_november = self._line(appeal, "R000-59", period_id=november.id)
        october.with_user(self.hr_officer).action_lock()
        with self.assertRefused(UserError, "2026-10 is locked"):
            self._line(appeal, "R000-59", period_id=october.id)
        with self.assertRefused(UserError, "2026-10 is locked"):
            in_october.reason = "changed"
        with self.assertRefused(UserError, "2026-10 is locked"):
            in_november.period_id = october
        in_november.reason = "changed"

    # ------------------------------------------------------------------
    # The values of a ledger line (C-08)
    # ------------------------------------------------------------------

    def test_c08_one_builder_for_the_values_of_a_ledger_line(self):
        appeal = self._appeal(
            department_id=self.network.id,
            section_id=self.repair_section.id,
            handler_employee_id=self.network_handler.employee_id.id,
        )
        own = self.rule("R000-32")._ledger_values(
            self.network, 1.0, ticket=appeal, key="sla:1"
        )
        self.assertEqual(
            (own["section_id"], own["employee_id"], own["source"], own["source_key"]),
            (
                self.repair_section.id,
                self.network_handler.employee_id.id,
                "process",
                "R000-32:sla:1",
            ),
        )
        self.assertNotIn("state", own, "not proposed without a contest deadline")
        other = self.rule("R000-32")._ledger_values(self.billing, 1.0, ticket=appeal)
        self.assertEqual((other["section_id"], other["employee_id"]), (False, False))
        self.assertFalse(other["source_key"])

        bands = self.rule("R000-32")
        self.assertEqual(bands._table_points("responsible_department", quantity=2), 1.0)
        self.assertEqual(bands._table_points("responsible_department", quantity=3), 2.0)
        self.assertIsNone(bands._table_points("hr_department", quantity=3))
        doubled = self.rule("R000-72")._ledger_values(self.network, 3.0, ticket=appeal)
        self.assertEqual(doubled["multiplier"], 2.0, "R000-72: the base multiplier")
        repeat = self.rule("R000-52")._ledger_values(
            self.network,
            2.0,
            ticket=appeal,
            repeat=2,
            contest_deadline=appeal.create_date,
        )
        self.assertEqual(
            (repeat["multiplier"], repeat["source"], repeat["state"]),
            (2.0, "satisfaction", "draft"),
        )
        finding = self._finding(appeal, "R000-59")
        by_finding = self.rule("R000-32")._ledger_values(
            self.network,
            1.0,
            ticket=appeal,
            finding=finding,
            employee=self.env["hr.employee"],
        )
        self.assertEqual(
            (by_finding["source"], by_finding["finding_id"], by_finding["employee_id"]),
            ("finding", finding.id, False),
        )

    def test_c08_the_sync_reconciles_only_the_generators_it_ran(self):
        """_sync_process_lines cancels the keyed lines of its generators whose fact is
        gone, never keyed lines other mechanisms wrote on the appeal."""
        appeal = self._appeal(department_id=self.network.id)
        stale = self._line(appeal, "R000-32", source_key="R000-32:sla:0")
        by_a_case = self._line(appeal, "R000-59", source_key="R000-59:case:1")
        by_the_run = self._line(appeal, "R000-53", source_key="R000-53:appraisal:1")
        self.Line._sync_process_lines(appeal)
        self.assertEqual(stale.state, "cancelled", "its fact no longer holds")
        self.assertEqual(by_a_case.state, "draft")
        self.assertEqual(by_the_run.state, "draft")

    # ------------------------------------------------------------------
    # The repeat chain (R003-32, R003-27)
    # ------------------------------------------------------------------

    def test_r003_27_late_earlier_in_the_repeat_chain(self):
        """R003-27 walks the repeat chain of helpdesk.ticket._repeat_chain: an earlier
        appeal of the chain, however far back, was late on the same milestone."""
        rule = self.rule("R000-32")
        appeals = self.env["helpdesk.ticket"]
        for index, report in enumerate(
            ("2026-11-10 02:00:00", "2026-11-03 02:00:00", "2026-11-10 02:00:00")
        ):
            appeal = self._received(
                "2026-11-02 01:00:00", complainant_phone=f"1390533{index:04d}"
            )
            with freeze_time("2026-11-02 02:00:00"):
                appeal._record_event("dispatch", department_id=self.network.id)
            with freeze_time(report):
                appeal._record_event("department_report", department_id=self.network.id)
            appeals |= appeal
        first, second, third = appeals
        third.repeat_of_id = second
        second.repeat_of_id = first
        self.assertEqual(third._repeat_chain(), appeals)
        self.assertEqual(first._repeat_descendants(), second | third)

        def late_before(appeal):
            line = appeal.deadline_ids.filtered(
                lambda line: line.milestone_id.code == "department_report"
            )
            return rule._late_earlier_in_chain(line)

        self.assertFalse(late_before(first))
        self.assertTrue(late_before(third), "the first, two links back, was late")
        second.repeat_of_id = False
        self.assertFalse(late_before(third), "the second was on time")

    # ------------------------------------------------------------------
    # Numbers that are data
    # ------------------------------------------------------------------

    def test_r003_27_the_repeat_factor_is_the_rules(self):
        """R003-27 doubles by the rule's repeat factor: 3 triples instead."""
        heating = self.env.ref("helpdesk_utility_complaint.preset_heating")
        self.company.complaint_preset_id = heating
        rule = self.rule("R003-26/solution", heating)
        self.assertEqual((rule.repeat_mode, rule.repeat_factor), ("double", 2.0))
        rule.repeat_factor = 3.0
        temperature = self.env.ref("helpdesk_utility_complaint.cat_heating_temperature")
        first = self._received("2026-11-02 02:00:00", category_id=temperature.id)
        with freeze_time("2026-11-03 03:00:00"):
            first._record_event("solution_proposed")
        second = self._received("2026-11-16 02:00:00", category_id=temperature.id)
        self.assertEqual(second.repeat_of_id, first)
        with freeze_time("2026-11-17 03:00:00"):
            second._record_event("solution_proposed")
        points = second.deduction_ids.filtered(lambda line: line.rule_id == rule)
        self.assertEqual(points.points, 9.0, "3 points, tripled")
        rule.repeat_mode = "geometric"
        self.assertEqual(rule._repeat_multiplier(3), 9.0, "3 × 3 at the third")

    def test_r000_52_clearing_months_are_the_rules(self):
        """R000-51, R000-52: the months to clear and the months until a second charge
        are the rule's; one more month to clear moves the charge a month later."""
        rule = self.rule("R000-52")
        self.assertEqual((rule.clearing_months, rule.clearing_repeat_months), (1, 1))
        appeal = self._received("2026-09-09 01:00:00")
        appeal.sudo().unsatisfied_at = utc("2026-09-10 02:00:00")

        def charged(when):
            with freeze_time(when):
                self.Line._sync_process_lines(appeal)
            return sorted(
                appeal.deduction_ids.filtered(
                    lambda line: line.rule_id == rule and line.state != "cancelled"
                ).mapped("points")
            )

        rule.clearing_months = 2
        self.assertEqual(
            charged("2026-11-02 02:00:00"), [], "until the end of November"
        )
        self.assertEqual(charged("2026-12-01 02:00:00"), [2.0])
        rule.clearing_repeat_months = 2
        self.assertEqual(charged("2027-01-01 02:00:00"), [2.0], "not yet charged again")
        self.assertEqual(charged("2027-02-01 02:00:00"), [2.0, 4.0])

    def test_r002_37_masking_widths_are_the_presets(self):
        """R002-37: what masked complainant data shows is the preset's."""
        appeal = self._appeal(department_id=self.network.id)
        as_other = appeal.with_user(self.network_handler)

        def shown():
            return [
                as_other[f"complainant_{name}_display"]
                for name in ("name", "phone", "address")
            ]

        self.assertEqual(shown(), ["张**", "138****1234", "华光路100****"])
        self.assertEqual(appeal._complainant_masked_label(), "张** / 138****1234")
        self.preset.write(
            {
                "mask_name_keep": 0,
                "mask_phone_keep_start": 0,
                "mask_phone_keep_end": 2,
                "mask_address_keep": 3,
            }
        )
        self.assertEqual(shown(), ["***", "****34", "华光路****"])
        self.assertEqual(appeal._complainant_masked_label(), "*** / ****34")

    # ------------------------------------------------------------------
    # A department's points this month (C-09)
    # ------------------------------------------------------------------

    def test_c09_points_this_month_are_the_ledgers_month(self):
        """A line counts in the month it is confirmed in: proposed lines in the month
        their contest window ends, contested lines in the month of the decision, not
        in the month they were written."""
        Period = self.env["helpdesk.appraisal.period"]
        with freeze_time("2026-10-30 02:00:00"):
            appeal = self._appeal(department_id=self.network.id)
            due_in_november = self._line(
                appeal, "R000-59", contest_deadline=utc("2026-11-03 09:00:00")
            )
        with freeze_time("2026-11-30 02:00:00"):
            due_in_december = self._line(
                appeal, "R000-59", contest_deadline=utc("2026-12-02 09:00:00")
            )
            october = self._line(
                appeal,
                "R000-59",
                state="confirmed",
                period_id=Period._for_date(self.company, date(2026, 10, 1)).id,
            )
            november = self._line(
                appeal,
                "R000-59",
                state="confirmed",
                period_id=Period._for_date(self.company, date(2026, 11, 1)).id,
            )
            contested = self._line(appeal, "R000-59", state="contested")
            cancelled = self._line(appeal, "R000-59", state="cancelled")
            self.network.invalidate_recordset(["month_deduction_points"])
            self.assertEqual(self.network.month_deduction_points, 6.0)
            action = self.network.action_open_month_deductions()
            counted = self.Line.search(action["domain"])
        self.assertEqual(counted, due_in_november | november | contested)
        self.assertFalse(counted & (due_in_december | october | cancelled))

    # ------------------------------------------------------------------
    # Group XML ids (groups.py)
    # ------------------------------------------------------------------

    def test_group_xml_ids_are_spelled_in_groups_py_only(self):
        root = Path(groups.__file__).parent
        spelled = re.compile(r"""["'][a-z0-9_]+\.group_\w+["']""")
        offenders = [
            f"{path.relative_to(root)}:{number}"
            for path in sorted(root.rglob("*.py"))
            if path.name != "groups.py"
            for number, text in enumerate(path.read_text().splitlines(), 1)
            if spelled.search(text)
        ]
        self.assertEqual(offenders, [])

from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .test_local_time import MODULE, LocalTimeCase


@tagged("post_install", "-at_install")
class TestSystemLanguage(LocalTimeCase):
    """What the system posts (crons, generators, notices, their activities) is written
    in the company's language (its partner's), not in the cron user's English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            [MODULE], ["zh_CN"], overwrite=True
        )
        cls.company.partner_id.lang = "zh_CN"

    def test_deadline_and_supervision_crons_write_chinese(self):
        self.assertIn(self.env.lang, (None, "en_US"), "the cron runs in English")
        appeal, _line = self._dispatched_hotline_appeal()
        with freeze_time("2026-11-03 03:00:00"):
            self.env["helpdesk.ticket.deadline"]._cron_flag_deadlines()
            self.env["helpdesk.ticket"]._cron_check_supervision()
        missed = appeal.activity_ids.filtered(
            lambda activity: activity.summary.startswith("已超时限")
        )
        self.assertEqual(missed.user_id, self.network_handler)
        self.assertTrue(self._note(appeal, "时限 2026-11-03 10:00"))
        order = self.env["helpdesk.supervision.order"].search(
            [("ticket_id", "=", appeal.id)]
        )
        self.assertIn("未批准延期", order.reason)
        self.assertTrue(self._note(appeal, f"督办单 {order.name}"))

    def test_confirmation_cron_writes_chinese(self):
        self.company.complaint_preset_id = self.water_company
        with freeze_time("2026-11-26 02:00:00"):
            appeal = self._appeal(department_id=self.network.id)
            form = Form(
                self.env["helpdesk.liability.finding"]
                .with_user(self.hr_officer)
                .with_context(default_ticket_id=appeal.id)
            )
            form.rule_id = self.env["helpdesk.deduction.rule"].search(
                [("preset_id", "=", self.water_company.id), ("code", "=", "R000-59")]
            )
            form.save().action_confirm()
        self.env["helpdesk.appraisal.period"]._for_date(
            self.company, date(2026, 11, 1)
        ).with_user(self.hr_officer).action_lock()
        line = appeal.deduction_ids
        with freeze_time(datetime(2026, 12, 1, 1, 0)):
            self.env["helpdesk.deduction.line"]._cron_confirm_uncontested()
        self.assertEqual(line.period_id.name, "2026-12")
        self.assertIn("已锁定", line.message_ids[:1].body)

    def test_the_language_is_chosen_in_the_settings(self):
        self.company.partner_id.lang = "en_US"
        form = Form(self.env["res.config.settings"])
        form.complaint_lang = "zh_CN"
        form.save().execute()
        self.assertEqual(self.company._complaint_text_context()["lang"], "zh_CN")

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.helpdesk_utility_complaint import groups

from .common import (
    GROUP_APPRAISAL,
    GROUP_DEPARTMENT_MANAGER,
    GROUP_HANDLER,
    GROUP_OFFICE,
    ComplaintCase,
)


@tagged("post_install", "-at_install")
class TestSecurity(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.network_appeal = cls._appeal(
            name="Pipe burst",
            department_id=cls.network.id,
            section_id=cls.repair_section.id,
        )
        cls.billing_appeal = cls._appeal(
            name="Bill doubled", department_id=cls.billing.id
        )
        cls.undispatched = cls._appeal(name="Not yet dispatched")
        cls.appeals = cls.network_appeal | cls.billing_appeal | cls.undispatched

    def _visible(self, user):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search([("id", "in", self.appeals.ids)])
        )

    def test_r000_03_roles_are_layered(self):
        """R000-03, R002-02: roles imply each other instead of repeating rights."""
        manager = self.complaint_manager
        for group in (GROUP_OFFICE, GROUP_HANDLER, GROUP_APPRAISAL,
                      GROUP_DEPARTMENT_MANAGER,
                      groups.HELPDESK_MANAGER):  # fmt: skip
            self.assertTrue(manager.has_group(group), group)
        self.assertTrue(self.network_manager.has_group(GROUP_HANDLER))
        self.assertFalse(self.network_handler.has_group(GROUP_OFFICE))
        self.assertFalse(self.network_handler.has_group(groups.HELPDESK_USER))

    def test_handlers_see_their_department_only(self):
        self.assertEqual(self._visible(self.network_handler), self.network_appeal)
        self.assertEqual(self._visible(self.network_manager), self.network_appeal)
        self.assertEqual(self._visible(self.billing_handler), self.billing_appeal)
        self.assertEqual(self._visible(self.office_user), self.appeals)
        self.assertEqual(self._visible(self.hr_officer), self.appeals)
        with self.assertRaises(AccessError):
            self.billing_appeal.with_user(self.network_handler).read(["name"])

    def test_handler_cannot_change_another_departments_appeal(self):
        """A follower may read another department's appeal but not change it."""
        self.billing_appeal.message_subscribe(
            partner_ids=self.network_handler.partner_id.ids
        )
        as_network = self.billing_appeal.with_user(self.network_handler)
        self.assertEqual(as_network.name, "Bill doubled")
        with self.assertRefused(
            AccessError, "only change appeals of your own department"
        ):
            as_network.write({"priority": "3"})
        self.assertEqual(self.billing_appeal.priority, "1")
        self.network_appeal.with_user(self.network_handler).write({"priority": "3"})
        self.assertEqual(self.network_appeal.priority, "3")

    def test_handler_registers_appeal_for_own_department(self):
        """R000-01: an appeal received by a department is registered with it as
        receiving unit."""
        appeal = (
            self.env["helpdesk.ticket"]
            .with_user(self.billing_handler)
            .create(
                {
                    "name": "Customer at the counter",
                    "description": "<p>Asks about a refund.</p>",
                    "channel_id": self.env.ref(
                        "helpdesk_utility_complaint.channel_visit"
                    ).id,
                    "nature_id": self.consultation.id,
                }
            )
        )
        self.assertEqual(appeal.receiving_department_id, self.billing)
        self.assertIn(
            appeal, self.env["helpdesk.ticket"].with_user(self.office_user).search([])
        )

    def test_r002_37_complainant_data_for_handlers_of_the_appeal_only(self):
        """R002-37: personal data only for those handling the appeal and the office."""
        appeal = self.network_appeal
        # Another member of the department sees the appeal but not who complained.
        as_handler = appeal.with_user(self.network_handler)
        self.assertEqual(as_handler.complainant_name_display, "张**")
        self.assertEqual(as_handler.complainant_phone_display, "138****1234")
        self.assertEqual(as_handler.complainant_address_display, "华光路100****")
        with self.assertRaises(AccessError):
            as_handler.read(["complainant_phone"])
        with self.assertRaises(AccessError):
            as_handler.read(["partner_name"])
        # The department head supervises the handling and sees it in clear.
        as_manager = appeal.with_user(self.network_manager)
        self.assertEqual(as_manager.complainant_phone_display, "13805331234")
        # Once assigned, the handler sees it too.
        appeal.with_user(
            self.office_user
        ).handler_employee_id = self.network_handler.employee_id
        self.assertEqual(
            appeal.with_user(self.network_handler).complainant_phone_display,
            "13805331234",
        )
        # The office reads the real fields.
        self.assertEqual(
            appeal.with_user(self.office_user).read(["complainant_phone"])[0][
                "complainant_phone"
            ],
            "13805331234",
        )

    def test_r002_37_chatter_suggests_no_complainant_to_others(self):
        """The chatter's recipient suggestions must not read (or leak) the
        complainant."""
        appeal = self.network_appeal
        appeal.sudo().partner_email = "zhang@example.com"
        as_handler = appeal.with_user(self.network_handler)
        suggested = str(as_handler._message_get_suggested_recipients())
        self.assertNotIn("zhang@example.com", suggested)
        self.assertIn(
            "zhang@example.com",
            str(appeal.with_user(self.office_user)._message_get_suggested_recipients()),
        )

    def test_r002_38_recusal_blocks_assignment(self):
        """R002-38: a declared conflict takes the user off the appeal and blocks
        re-assignment."""
        appeal = self.network_appeal
        appeal.with_user(
            self.office_user
        ).handler_employee_id = self.network_handler.employee_id
        action = appeal.with_user(self.network_handler).action_declare_conflict()
        self.assertEqual(action["res_model"], "helpdesk.ticket.recusal")
        self.env["helpdesk.ticket.recusal"].with_user(self.network_handler).create(
            {
                "ticket_id": appeal.id,
                "user_id": self.network_handler.id,
                "reason": "The complainant is my neighbour.",
            }
        )
        self.assertFalse(appeal.handler_employee_id)
        self.assertTrue(appeal.has_recusal)
        self.assertIn("conflict of interest", appeal.message_ids[0].body)
        with self.assertRefused(ValidationError, "declared a conflict of interest"):
            appeal.with_user(
                self.office_user
            ).handler_employee_id = self.network_handler.employee_id
        self.assertEqual(
            appeal.with_user(self.network_handler).complainant_phone_display,
            "138****1234",
        )

    def test_r002_38_only_the_office_declares_for_someone_else(self):
        Recusal = self.env["helpdesk.ticket.recusal"]
        with self.assertRaises(AccessError):
            Recusal.with_user(self.network_handler).create(
                {
                    "ticket_id": self.network_appeal.id,
                    "user_id": self.network_manager.id,
                    "reason": "x",
                }
            )
        Recusal.with_user(self.office_user).create(
            {
                "ticket_id": self.network_appeal.id,
                "user_id": self.network_manager.id,
                "reason": "Relative.",
            }
        )
        self.assertEqual(
            self.network_appeal.with_user(
                self.network_manager
            ).complainant_phone_display,
            "138****1234",
        )
        with self.assertRefused(ValidationError, "needs a reason"):
            Recusal.with_user(self.office_user).create(
                {
                    "ticket_id": self.billing_appeal.id,
                    "user_id": self.billing_handler.id,
                    "reason": "  ",
                }
            )

    def test_reference_data_is_configured_by_managers_only(self):
        nature = self.env.ref("helpdesk_utility_complaint.nature_praise")
        with self.assertRaises(AccessError):
            nature.with_user(self.office_user).write({"name": "Thanks"})
        nature.with_user(self.complaint_manager).write({"name": "Thanks"})
        self.assertEqual(nature.name, "Thanks")

    def test_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Drainage Company"})
        foreign = self.env["helpdesk.ticket"].create(
            {
                "name": "Blocked drain",
                "description": "<p>.</p>",
                "channel_id": self.phone.id,
                "nature_id": self.complaint.id,
                "company_id": other_company.id,
            }
        )
        office = self.env["helpdesk.ticket"].with_user(self.office_user)
        self.assertNotIn(foreign, office.search([]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.office_user).read(["name"])

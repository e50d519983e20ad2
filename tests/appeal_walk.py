"""Walking an appeal the way the web client does: each step is a button of the appeal
form as the acting user sees it (groups applied), dialogs are filled and confirmed."""

from datetime import datetime

from lxml import etree

from .common import GROUP_LEADER, ComplaintCase

REPORT = {
    "report_facts": "The radiator valve on floor 6 was closed.",
    "report_cause": "The valve was not reopened after the pressure test.",
    "report_policy_basis": "Heating service rules, art. 8.",
    "report_responsibility": "Repair team.",
    "report_proposed_reply": "The valve is open again; the room is warm.",
}
# States the walk can bring an appeal to, in the order the workflow reaches them.
DRIVEN_STATES = (
    "registered",
    "dispatched",
    "accepted",
    "on_hold",
    "approved",
    "replied",
)


def utc(text):
    return datetime.fromisoformat(text)


class AppealWalkCase(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department_leader = cls._user("network_leader", GROUP_LEADER, None)
        cls.office_leader = cls._user("office_leader", GROUP_LEADER, None)
        cls.general_manager = cls._user("general_manager", GROUP_LEADER, None)
        cls.network.write(
            {
                "supervising_leader_id": cls.department_leader.id,
                "complaint_handler_id": cls.network_handler.id,
            }
        )
        cls.billing.complaint_handler_id = cls.billing_handler
        cls.office_department.supervising_leader_id = cls.office_leader
        cls.company.write(
            {
                "complaint_office_department_id": cls.office_department.id,
                "complaint_general_manager_id": cls.general_manager.id,
            }
        )
        cls.presets = {
            code: cls.env.ref(f"helpdesk_utility_complaint.preset_{code}")
            for code in ("water_company", "water_hotline", "heating")
        }
        cls._group_users = {}

    @classmethod
    def ref(cls, xmlid):
        return cls.env.ref(f"helpdesk_utility_complaint.{xmlid}")

    def _use(self, code):
        self.company.complaint_preset_id = self.presets[code]

    # ------------------------------------------------------------------
    # The form as a user sees it
    # ------------------------------------------------------------------

    def _buttons(self, user):
        """Names of the object buttons on the appeal form for ``user``."""
        views = self.env["helpdesk.ticket"].with_user(user).get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        return {
            node.get("name")
            for node in arch.iter("button")
            if node.get("type") == "object"
        }

    def _click(self, user, appeal, button, **dialog_values):
        """Press ``button`` on the appeal's form as ``user``; a dialog it opens is
        filled with ``dialog_values`` and confirmed."""
        self.assertIn(
            button,
            self._buttons(user),
            f"{button} is not on the appeal form {user.login} sees",
        )
        action = getattr(appeal.with_user(user), button)()
        if isinstance(action, dict) and action.get("res_model"):
            dialog = (
                self.env[action["res_model"]]
                .with_user(user)
                .with_context(**action.get("context", {}))
                .create(dialog_values)
            )
            dialog.action_confirm()
            return dialog
        return action

    def _member_of(self, group):
        """A user of ``group`` working in the network department's repair team."""
        if group not in self._group_users:
            xmlid = group.get_external_id()[group.id]
            self._group_users[group] = self._user(
                f"member_{group.id}", xmlid, self.repair_section
            )
        return self._group_users[group]

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def _register(self, **values):
        self.env["helpdesk.ticket"].with_user(self.office_user).check_access("create")
        return self._appeal(**values)

    def _dispatch(self, appeal, department=None):
        office = self.office_user
        if (
            self.company.complaint_preset_id.leader_instruction_required
            and not appeal.instructed_at
        ):
            appeal.with_user(office).proposed_opinion = "To the network department."
            self._click(office, appeal, "action_submit_to_leader")
            appeal.with_user(self.office_leader).instruction = "Check it today."
            self._click(self.office_leader, appeal, "action_record_instruction")
        department = department or self.network
        section = self.repair_section if department == self.network else None
        appeal.with_user(office).write(
            {"department_id": department.id, "section_id": section and section.id}
        )
        self._click(office, appeal, "action_dispatch")

    def _report(self, appeal, user=None):
        user = user or self.network_handler
        values = dict(REPORT)
        if self.company.complaint_preset_id.signed_report_required:
            scan = (
                self.env["ir.attachment"]
                .with_user(user)
                .create({"name": "signed-report.pdf", "raw": b"%PDF-1.4 report"})
            )
            values["report_attachment_ids"] = [(6, 0, scan.ids)]
        appeal.with_user(user).write(values)
        self._click(user, appeal, "action_submit_report")
        if appeal.state == "reported":
            for approver in (
                self.network_manager,
                self.department_leader,
                self.office_leader,
                self.general_manager,
            ):
                self._click(approver, appeal, "validate_tier")

    def _reply(self, appeal):
        appeal.with_user(self.office_user).reply_text = "Solved; thank you."
        self._click(self.office_user, appeal, "action_final_reply")

    def _callback(self, appeal, result="satisfied", cause=False):
        self._click(
            self.office_user,
            appeal,
            "action_open_callback",
            channel="phone",
            reached=True,
            result=result,
            cause=cause,
        )

    def _bring_to(self, appeal, state):
        """Walk a registered appeal to ``state`` (one of DRIVEN_STATES)."""
        target = DRIVEN_STATES.index(state)
        if target >= 1:
            self._dispatch(appeal)
        if target >= 2:
            self._click(self.network_handler, appeal, "action_accept")
        if state == "on_hold":
            appeal.with_user(self.network_handler).hold_reason = "Waiting for parts."
            self._click(self.network_handler, appeal, "action_hold")
            return
        if target >= 4:
            self._report(appeal)
        if target >= 5:
            self._reply(appeal)
        self.assertEqual(appeal.state, state)

    def _log(self, user, appeal, code, **values):
        """Log event ``code`` through the appeal's Log Event dialog."""
        event_type = self.env["helpdesk.sla.event"]._by_code(code)
        return self._click(
            user, appeal, "action_open_event_log", event_type_id=event_type.id, **values
        )

    def _line(self, appeal, code, occurrence=1):
        lines = appeal.deadline_ids.filtered(
            lambda line: (
                line.milestone_id.code == code and line.occurrence == occurrence
            )
        )
        self.assertEqual(len(lines), 1, f"one {code} line expected")
        return lines

    def _statuses(self, appeal):
        return {
            (line.milestone_id.code, line.occurrence): line.status
            for line in appeal.deadline_ids
        }

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..groups import LEADER, OFFICE


class HelpdeskRectificationAction(models.Model):
    """A rectification action decided at the monthly meeting or found by an analysis or
    an interview, tracked to its end (R000-79, R000-09, R004-04, R002-42).

    open → the department sends its measures → the office submits them to the company
    → the company approves and issues them to the department, its supervising leader
    and the principal leaders → the department reports them implemented.
    """

    _name = "helpdesk.rectification.action"
    _description = "Rectification Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, id"

    name = fields.Char(string="Issue", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    report_id = fields.Many2one(
        "helpdesk.periodic.report",
        string="Raised In",
        index=True,
        help="The meeting pack or analysis the action came from.",
    )
    interview_id = fields.Many2one("helpdesk.admonition.interview", index=True)
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True, check_company=True
    )
    owner_id = fields.Many2one(
        "res.users",
        tracking=True,
        compute="_compute_owner_id",
        store=True,
        readonly=False,
        help="Who answers for the action in the department; by default its head.",
    )
    measures = fields.Text(
        string="Rectification Measures", help="What the department will do."
    )
    due_date = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [
            ("open", "Awaiting Measures"),
            ("measures", "Measures Sent to the Office"),
            ("submitted", "Submitted to the Company"),
            ("issued", "Approved and Issued"),
            ("done", "Implemented"),
            ("cancelled", "Cancelled"),
        ],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_at = fields.Datetime(readonly=True)
    done_at = fields.Datetime(string="Implemented At", readonly=True)
    cancel_reason = fields.Text(help="Why the action is dropped.")
    is_late = fields.Boolean(
        string="Late", compute="_compute_is_late", search="_search_is_late"
    )
    rule_ref = fields.Char(string="Rule", default="R000-79", readonly=True)

    @api.depends("department_id")
    def _compute_owner_id(self):
        for action in self:
            action.owner_id = (
                action.department_id._complaint_report_owner() or action.owner_id
            )

    @api.depends("due_date", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_late = action.state not in ("done", "cancelled") and bool(
                action.due_date and action.due_date < today
            )

    def _search_is_late(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = Domain(
            [
                ("state", "not in", ("done", "cancelled")),
                ("due_date", "<", fields.Date.context_today(self)),
            ]
        )
        return domain if True in value else ~domain

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        for action in actions:
            action._hand_to(
                action.owner_id,
                self.env._(
                    "Send the rectification measures for: %(issue)s", issue=action.name
                ),
            )
        return actions

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_state(self, *states):
        for action in self:
            if action.state not in states:
                raise UserError(
                    self.env._(
                        "Action “%(issue)s” cannot take this step now.",
                        issue=action.name,
                    )
                )

    def _check_department(self):
        user = self.env.user
        if self.env.su or user.has_group(OFFICE):
            return
        for action in self:
            if user != action.owner_id and not (
                action.department_id & user.employee_ids.department_id
            ):
                raise AccessError(
                    self.env._(
                        "Only %(department)s answers for “%(issue)s”.",
                        department=action.department_id.name,
                        issue=action.name,
                    )
                )

    def _check_group(self, group, step):
        if not (self.env.su or self.env.user.has_group(group)):
            raise AccessError(
                self.env._(
                    "Only %(role)s can %(step)s.",
                    role=self.env.ref(group).name,
                    step=step,
                )
            )

    def _hand_to(self, users, summary):
        self.ensure_one()
        self.activity_feedback(["mail.mail_activity_data_todo"])
        for user in users.filtered(lambda u: u.active and not u.share):
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.due_date,
                summary=summary,
                user_id=user.id,
            )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def action_send_measures(self):
        """The department sends its measures to the response office."""
        self._check_department()
        self._check_state("open")
        for action in self:
            if not action.measures:
                raise UserError(
                    self.env._(
                        "Write the rectification measures for “%(issue)s” first.",
                        issue=action.name,
                    )
                )
            action.state = "measures"
            action._hand_to(
                action.company_id._complaint_office_owner(),
                self.env._(
                    "Submit the measures for “%(issue)s” to the company",
                    issue=action.name,
                ),
            )

    def action_submit_to_company(self):
        """The office submits the measures to the company for approval."""
        self._check_group(OFFICE, self.env._("submit measures to the company"))
        self._check_state("measures")
        for action in self:
            action.state = "submitted"
            gm = action.company_id.complaint_general_manager_id
            action._hand_to(
                gm | action.department_id.supervising_leader_id,
                self.env._("Approve the measures for “%(issue)s”", issue=action.name),
            )

    def action_approve(self):
        """The company approves and issues the measures for implementation."""
        self._check_group(LEADER, self.env._("approve rectification measures"))
        self._check_state("submitted")
        now = fields.Datetime.now()
        for action in self:
            action.write(
                {"state": "issued", "approved_by_id": self.env.uid, "approved_at": now}
            )
            department = action.department_id
            audience = (
                action.owner_id
                | department.supervising_leader_id
                | department.complaint_principal_id
                | action.company_id.complaint_general_manager_id
            ).filtered(lambda user: user.active and not user.share)
            action.message_post(
                body=self.env._(
                    "Measures approved and issued for implementation: %(measures)s",
                    measures=action.measures,
                ),
                partner_ids=audience.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            action._hand_to(
                action.owner_id,
                self.env._("Implement the measures for “%(issue)s”", issue=action.name),
            )

    def action_done(self):
        """The department reports the measures implemented."""
        self._check_department()
        self._check_state("issued")
        self.write({"state": "done", "done_at": fields.Datetime.now()})
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_cancel(self):
        self._check_group(OFFICE, self.env._("cancel a rectification action"))
        self._check_state("open", "measures", "submitted", "issued")
        for action in self:
            if not action.cancel_reason:
                raise UserError(
                    self.env._(
                        "Write why “%(issue)s” is cancelled first.", issue=action.name
                    )
                )
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

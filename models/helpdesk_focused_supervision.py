from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import DEPARTMENT_MANAGER, OFFICE


class HelpdeskFocusedSupervision(models.Model):
    """Focused supervision of a unit or person that handles complaints poorly
    (R004-13): the service supervision office and the customer-service office open it
    with the reason and the appeals behind it; the unit answers with its rectification;
    the office closes it once the rectification holds, or cancels it with a reason."""

    _name = "helpdesk.focused.supervision"
    _description = "Focused Supervision"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "start_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        check_company=True,
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Person",
        check_company=True,
        tracking=True,
        help="Empty: the unit as a whole is supervised.",
    )
    reason = fields.Text(required=True, help="How the complaints were handled poorly.")
    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_focused_supervision_ticket_rel",
        "supervision_id",
        "ticket_id",
        string="Appeals Concerned",
        check_company=True,
    )
    start_date = fields.Date(required=True, default=fields.Date.context_today)
    due_date = fields.Date(
        string="Rectify By", required=True, help="When the rectification is due."
    )
    rectification = fields.Text(
        string="Rectification Record",
        help="The unit's measures and what they achieved.",
    )
    rectified_at = fields.Datetime(readonly=True)
    result = fields.Text(string="Office's Conclusion")
    cancel_reason = fields.Text()
    state = fields.Selection(
        [
            ("open", "Under Supervision"),
            ("rectified", "Rectification Reported"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="open",
        required=True,
        tracking=True,
    )

    @api.depends("department_id", "employee_id", "start_date")
    def _compute_name(self):
        for record in self:
            who = record.employee_id.name or record.department_id.name or ""
            record.name = f"{who} {record.start_date or ''}".strip()

    def _is_office(self):
        return self.env.su or self.env.user.has_group(OFFICE)

    def _check_office(self):
        if not self._is_office():
            raise AccessError(
                self.env._(
                    "Focused supervision is decided by the supervision and "
                    "customer-service offices (R004-13)."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office()
        records = super().create(vals_list)
        for record in records:
            if not record.company_id.complaint_preset_id.feature_difficult_cases:
                raise UserError(
                    self.env._(
                        "The company's preset does not use focused supervision "
                        "(R004-13)."
                    )
                )
            if record.due_date < record.start_date:
                raise UserError(self.env._("The rectification is due after the start."))
            if record.employee_id and record.employee_id.sudo().department_id not in (
                record.department_id | record.department_id.child_ids
            ):
                raise UserError(
                    self.env._("The person supervised works in the unit supervised.")
                )
            owner = (
                record.department_id.manager_id.user_id
                or record.department_id.complaint_handler_id
            )
            if owner:
                record.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=record.due_date,
                    summary=self.env._("Rectify under focused supervision"),
                    note=record.reason,
                    user_id=owner.id,
                )
        return records

    def write(self, vals):
        if not self._is_office():
            changed = {
                name for name in vals if not name.startswith(("message_", "activity_"))
            }
            if changed - {"rectification"} or any(
                record.state != "open" for record in self
            ):
                raise AccessError(
                    self.env._(
                        "The unit writes its rectification record while the focused "
                        "supervision is open; everything else is the office's."
                    )
                )
        return super().write(vals)

    def action_report_rectification(self):
        """The unit reports its rectification to the office."""
        for record in self:
            if record.state != "open":
                raise UserError(self.env._("This focused supervision is not open."))
            if not (
                record._is_office()
                or self.env.user.has_group(DEPARTMENT_MANAGER)
                and self.env.user.employee_ids.department_id
                & (record.department_id | record.department_id.child_ids)
            ):
                raise AccessError(
                    self.env._("The supervised unit reports its rectification.")
                )
            if not (record.rectification or "").strip():
                raise UserError(self.env._("Write the rectification record first."))
            record.sudo().write(
                {"state": "rectified", "rectified_at": fields.Datetime.now()}
            )
            record.activity_feedback(["mail.mail_activity_data_todo"])

    def action_close(self):
        self._check_office()
        for record in self:
            if record.state != "rectified":
                raise UserError(
                    self.env._("Close a focused supervision once it is rectified.")
                )
            if not (record.result or "").strip():
                raise UserError(self.env._("Write the office's conclusion first."))
            record.state = "closed"

    def action_reopen(self):
        """The rectification does not hold: back to the unit."""
        self._check_office()
        for record in self:
            if record.state != "rectified":
                raise UserError(
                    self.env._("Only a reported rectification is reopened.")
                )
            record.state = "open"

    def action_cancel(self):
        self._check_office()
        for record in self:
            if record.state in ("closed", "cancelled"):
                raise UserError(self.env._("This focused supervision has ended."))
            if not (record.cancel_reason or "").strip():
                raise UserError(
                    self.env._("Say why the focused supervision is cancelled.")
                )
            record.state = "cancelled"

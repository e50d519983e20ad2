from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskDutyShift(models.Model):
    """One entry of a unit's hotline duty roster: who is on duty, and when (R002-05)."""

    _name = "helpdesk.duty.shift"
    _description = "Hotline Duty Shift"
    _order = "start_at desc, id desc"

    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="department_id.company_id", store=True, index=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="On Duty",
        required=True,
        check_company=True,
    )
    user_id = fields.Many2one(related="employee_id.user_id")
    start_at = fields.Datetime(string="From", required=True, index=True)
    end_at = fields.Datetime(string="Until", required=True, index=True)
    phone = fields.Char(string="Duty Phone")
    note = fields.Char()

    @api.constrains("start_at", "end_at", "employee_id", "department_id")
    def _check_shift(self):
        for shift in self:
            if shift.end_at <= shift.start_at:
                raise ValidationError(
                    self.env._("A duty shift must end after it starts.")
                )
            units = self.env["hr.department"].search(
                [("id", "child_of", shift.department_id.id)]
            )
            if shift.employee_id.sudo().department_id not in units:
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not work in %(unit)s and cannot be on its "
                        "duty roster.",
                        employee=shift.employee_id.name,
                        unit=shift.department_id.name,
                    )
                )

    @api.model
    def _on_duty(self, department, at):
        """The shifts of ``department`` covering the moment ``at``."""
        return self.sudo().search(
            [
                ("department_id", "=", department.id),
                ("start_at", "<=", at),
                ("end_at", ">", at),
            ],
            order="start_at desc, id desc",
        )

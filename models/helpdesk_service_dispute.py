from odoo import api, fields, models


class HelpdeskServiceDispute(models.Model):
    """A service dispute a person was involved in (R001-20): any recorded dispute breaks
    the run of clean months a service star needs. Archived, never deleted."""

    _name = "helpdesk.service.dispute"
    _description = "Service Dispute"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    department_id = fields.Many2one("hr.department", required=True, index=True)
    section_id = fields.Many2one("hr.department")
    ticket_id = fields.Many2one("helpdesk.ticket", string="Appeal", index=True)
    description = fields.Text(required=True)
    recorded_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    active = fields.Boolean(default=True, tracking=True)

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        employee = self.employee_id.sudo()
        if employee.department_id:
            department, section = employee.department_id._people_units()
            self.department_id, self.section_id = department, section

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            employee = self.env["hr.employee"].browse(vals.get("employee_id"))
            if employee and not vals.get("department_id"):
                department, section = employee.sudo().department_id._people_units()
                vals["department_id"] = department.id
                vals.setdefault("section_id", section.id)
        return super().create(vals_list)

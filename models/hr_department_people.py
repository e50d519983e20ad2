from odoo import fields, models


class HrDepartment(models.Model):
    """Who carries a department's money consequences (R001-14, R001-17, R004-18), and
    where a department or section sits in the people model: departments are the top of
    the hr tree, sections the level below them."""

    _inherit = "hr.department"

    party_secretary_id = fields.Many2one(
        "hr.employee",
        string="Party Head",
        help="The department's Party head (党组织负责人); with the manager, the "
        "Party and administrative heads of R001-17.",
    )
    deputy_employee_ids = fields.Many2many(
        "hr.employee",
        "hr_department_deputy_employee_rel",
        "department_id",
        "employee_id",
        string="Supervising Deputies",
        help="The department's deputies in charge (分管副职, R001-17).",
    )
    professional_line_head_id = fields.Many2one(
        "hr.employee",
        help="Manages the professional line the department belongs to; carries the "
        "linked share of its money penalties when seed 004's toggle is on (R004-18).",
    )

    def _people_units(self):
        """(department, section) of this unit: the top of its tree and the level
        below."""
        self.ensure_one()
        path = [
            int(part) for part in (self.sudo().parent_path or "").split("/") if part
        ]
        if not path:
            return self, self.browse()
        department = self.browse(path[0])
        section = self.browse(path[1]) if len(path) > 1 else self.browse()
        return department, section

    def _supervising_leader_employee(self):
        """The supervising leader (a user) as the employee payroll knows."""
        self.ensure_one()
        leader = self.sudo().supervising_leader_id
        return leader.employee_id or leader.employee_ids[:1]

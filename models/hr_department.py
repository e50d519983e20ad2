from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    supervising_leader_id = fields.Many2one(
        "res.users",
        string="Supervising Leader",
        help="The company leader in charge of this department (分管领导): follows its appeals "
        "and is told when their deadlines are missed (R000-24).",
    )
    # R002-03: every handling unit names three people for hotline appeals.
    complaint_principal_id = fields.Many2one(
        "res.users",
        string="Appeals Principal",
        help="Carries overall responsibility (主要负责同志).",
    )
    complaint_supervisor_id = fields.Many2one(
        "res.users",
        string="Appeals Supervisor",
        help="Runs the appeal work (分管负责同志).",
    )
    complaint_handler_id = fields.Many2one(
        "res.users",
        string="Dedicated Handler",
        help="Handles the unit's appeals full time (专职承办人员).",
    )

    month_deduction_points = fields.Float(
        compute="_compute_month_deduction_points",
        digits=(16, 2),
        help="Points deducted from the department this month, proposed or confirmed.",
    )

    def _compute_month_deduction_points(self):
        month_start = fields.Date.context_today(self).replace(day=1)
        totals = dict(
            self.env["helpdesk.deduction.line"]._read_group(
                [
                    ("department_id", "in", self.ids),
                    ("state", "!=", "cancelled"),
                    ("create_date", ">=", month_start),
                ],
                ["department_id"],
                ["points:sum"],
            )
        )
        for department in self:
            department.month_deduction_points = totals.get(department, 0.0)

    def action_open_month_deductions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_helpdesk_deduction_line"
        )
        action["domain"] = [
            ("department_id", "=", self.id),
            ("state", "!=", "cancelled"),
            ("create_date", ">=", fields.Date.context_today(self).replace(day=1)),
        ]
        return action

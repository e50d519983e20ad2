from odoo import fields, models
from odoo.fields import Domain


class HrDepartment(models.Model):
    _inherit = "hr.department"

    supervising_leader_id = fields.Many2one(
        "res.users",
        help="The company leader in charge of this department (分管领导): follows its "
        "appeals and is told when their deadlines are missed (R000-24).",
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
        help="Points deducted from the department in this month of the ledger: "
        "confirmed into it, or proposed and confirmed into it when their contest "
        "window ends (C-09).",
    )

    def _complaint_step_owner(self, section=None):
        """The one user who does this unit's step on the complaint desk (R002-03): its
        dedicated handler (专职承办人员), else the head of ``section`` when the work
        went to one, else its head, else its appeals supervisor (分管负责同志).

        Every activity addressed to a department goes to this user: accepting and
        reworking an appeal, a missed deadline, a liability notice (R001-29), an early
        warning (R000-76) and a supervision order (R002-43).
        """
        if not self:
            return self.env["res.users"]
        self.ensure_one()
        unit = self.sudo()
        owner = (
            unit.complaint_handler_id
            or (section and section.sudo().manager_id.user_id)
            or unit.manager_id.user_id
            or unit.complaint_supervisor_id
        )
        return owner[:1].with_env(self.env)

    def _complaint_report_owner(self):
        """Who answers for this unit's periodic report and its rectification measures
        (R000-10, R000-79): its head, else its dedicated handler (专职承办人员). Its
        appeal steps go to ``_complaint_step_owner``."""
        if not self:
            return self.env["res.users"]
        self.ensure_one()
        unit = self.sudo()
        owner = unit.manager_id.user_id or unit.complaint_handler_id
        return owner[:1].with_env(self.env)

    def _complaint_acts_for(self, user):
        """Whether ``user`` acts for one of these units on the complaint desk: works in
        it, or is its dedicated handler, head or appeals supervisor (R002-03)."""
        units = self.sudo()
        return bool(user.employee_ids.department_id & units) or user in (
            units.complaint_handler_id
            | units.manager_id.user_id
            | units.complaint_supervisor_id
        )

    def _month_deductions_domain(self):
        """This month's deductions of these departments, in their company's ledger."""
        Line = self.env["helpdesk.deduction.line"]
        return Domain("department_id", "in", self.ids) & Domain.OR(
            Line._current_month_domain(company)
            for company in self.company_id | self.env.companies
        )

    def _compute_month_deduction_points(self):
        totals = dict(
            self.env["helpdesk.deduction.line"]._read_group(
                self._month_deductions_domain(), ["department_id"], ["points:sum"]
            )
        )
        for department in self:
            department.month_deduction_points = totals.get(department, 0.0)

    def action_open_month_deductions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_helpdesk_deduction_line"
        )
        action["domain"] = list(self._month_deductions_domain())
        return action

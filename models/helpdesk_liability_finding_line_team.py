from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskLiabilityFindingLine(models.Model):
    """The team (a section of the liable department, or the department itself) the
    liable person works in (R004-02)."""

    _inherit = "helpdesk.liability.finding.line"

    team_id = fields.Many2one(
        "hr.department",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        domain="['|', ('id', '=', department_id), ('parent_id', '=', department_id)]",
        help="The team of the liable person (R004-02).",
    )

    @api.depends("employee_id", "department_id")
    def _compute_team_id(self):
        for line in self:
            team = line.employee_id.sudo().department_id
            unit = line.department_id
            line.team_id = team if team and team in (unit | unit.child_ids) else False

    @api.constrains("team_id", "employee_id", "department_id")
    def _check_team(self):
        for line in self.filtered("team_id"):
            unit = line.department_id
            if line.team_id not in (unit | unit.child_ids):
                raise ValidationError(
                    self.env._(
                        "Team %(team)s is not part of %(department)s.",
                        team=line.team_id.name,
                        department=unit.name or "-",
                    )
                )
            employee = line.employee_id.sudo()
            if employee and employee.department_id != line.team_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s does not work in team %(team)s.",
                        person=line.employee_id.name,
                        team=line.team_id.name,
                    )
                )

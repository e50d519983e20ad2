from odoo import fields, models


class HelpdeskSpecialTaskMilestone(models.Model):
    """A step of a special task's plan: what, by when, who (R003-42)."""

    _name = "helpdesk.special.task.milestone"
    _description = "Special Task Milestone"
    _order = "task_id, date, id"

    task_id = fields.Many2one(
        "helpdesk.special.task", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True)
    department_id = fields.Many2one(related="task_id.department_id", store=True)
    name = fields.Char(string="Step of the Plan", required=True)
    date = fields.Date(string="Due", required=True)
    responsible = fields.Char()
    done_on = fields.Date()

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskSpecialTask(models.Model):
    """A special task set by the upper authority or the company, e.g. the hazard
    survey before the heating season (R003-42): HR or the office assigns it to a unit
    with the plan's and the completion's deadlines; the unit submits its plan
    (milestones, who does what) and reports the completion with its quality result.

    The appraisal reads a task in the month it was finished: a plan not submitted by
    its due date, the calendar days late, and a quality result below the task's
    standard (R003-43). The standard and its points are the task's own (the source's
    threshold is cut off); the other points are on the scorecard item.
    """

    _name = "helpdesk.special.task"
    _description = "Special Task"
    _inherit = ["helpdesk.unit.record.mixin"]
    _order = "deadline desc, id desc"
    _unit_date_fields = ("finished_on",)

    name = fields.Char(required=True, tracking=True)
    origin = fields.Selection(
        [("upper", "Upper Authority"), ("company", "The Company")],
        string="Set By",
        default="company",
        required=True,
    )
    description = fields.Html(string="Task Requirements")
    state = fields.Selection(
        [
            ("assigned", "Assigned"),
            ("planned", "Plan Submitted"),
            ("done", "Finished"),
            ("cancelled", "Cancelled"),
        ],
        default="assigned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    plan_due_date = fields.Date(string="Plan Due", required=True, tracking=True)
    deadline = fields.Date(string="Complete By", required=True, tracking=True)
    plan = fields.Html(string="Implementation Plan")
    responsibility = fields.Text(string="Division of Responsibility")
    plan_attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_special_task_plan_attachment_rel",
        string="Plan Documents",
        copy=False,
    )
    milestone_ids = fields.One2many(
        "helpdesk.special.task.milestone",
        "task_id",
        string="Plan Milestones",
        copy=True,
    )
    plan_submitted_on = fields.Date(readonly=True, copy=False, tracking=True)
    finished_on = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="When the unit completed the task, or when HR closed it unfinished.",
    )
    completed = fields.Boolean(
        readonly=True, copy=False, help="Unticked: HR closed the task unfinished."
    )
    quality_measure = fields.Char(help="E.g. survey coverage (%).")
    quality_standard = fields.Float(
        digits=(16, 2),
        default=lambda self: self.env.company.complaint_preset_id.task_quality_standard,
        tracking=True,
        help="The quality result the task must reach; 0: no standard (R003-43).",
    )
    quality_points = fields.Float(
        string="Points Below Standard",
        digits=(16, 2),
        default=lambda self: self.env.company.complaint_preset_id.task_quality_points,
        tracking=True,
        help="Points the unit loses when the result is below the standard (R003-43).",
    )
    quality_result = fields.Float(digits=(16, 2), tracking=True)
    plan_late = fields.Boolean(
        string="Plan Not Submitted in Time",
        compute="_compute_assessment",
        store=True,
    )
    days_late = fields.Integer(compute="_compute_assessment", store=True)
    quality_failed = fields.Boolean(
        string="Below Standard", compute="_compute_assessment", store=True
    )

    @api.depends(
        "plan_due_date",
        "plan_submitted_on",
        "deadline",
        "finished_on",
        "quality_standard",
        "quality_result",
        "state",
        "completed",
    )
    def _compute_assessment(self):
        """R003-43 as of the finish: the plan was due, each calendar day after the
        deadline is a day late (C-05: dates, so whole days), the result of a completed
        task below the standard."""
        for task in self:
            finished = task.state == "done"
            task.plan_late = finished and (
                not task.plan_submitted_on
                or task.plan_submitted_on > task.plan_due_date
            )
            task.days_late = (
                max((task.finished_on - task.deadline).days, 0) if finished else 0
            )
            task.quality_failed = (
                finished
                and task.completed
                and bool(task.quality_standard)
                and task.quality_result < task.quality_standard
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_desk(self.env._("assign special tasks"))
        return super().create(vals_list)

    def write(self, vals):
        desk_only = {
            "name",
            "origin",
            "plan_due_date",
            "deadline",
            "department_id",
            "quality_standard",
            "quality_points",
        }
        if any(task.state == "done" for task in self):
            desk_only.add("quality_result")  # what was assessed stays, but for HR
        if set(vals) & desk_only:
            self._check_desk(self.env._("set a task's deadlines and standard"))
        return super().write(vals)

    def _cancel(self, reason):
        self._check_desk(self.env._("cancel special tasks"))
        return super()._cancel(reason)

    def action_submit_plan(self):
        """The unit submits its plan, with its milestones and who does what."""
        self._check_state("assigned")
        self._check_unit_member()
        for task in self:
            if not (task.plan or task.plan_attachment_ids) or not task.milestone_ids:
                raise UserError(
                    self.env._(
                        "The plan of %(task)s needs its text or document and its "
                        "milestones (R003-42).",
                        task=task.name,
                    )
                )
        self.write(
            {
                "state": "planned",
                "plan_submitted_on": fields.Date.context_today(self),
            }
        )

    def action_finish(self):
        """The unit reports the task completed, with its quality result."""
        self._check_state("planned")
        self._check_unit_member()
        self.write(
            {
                "state": "done",
                "completed": True,
                "finished_on": fields.Date.context_today(self),
            }
        )

    def action_close_unfinished(self):
        """HR ends a task the unit has not finished: the days late run until today."""
        self._check_desk(self.env._("close a task unfinished"))
        self._check_state("assigned", "planned")
        self.write(
            {
                "state": "done",
                "completed": False,
                "finished_on": fields.Date.context_today(self),
            }
        )

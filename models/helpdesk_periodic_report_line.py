from odoo import api, fields, models

DIMENSIONS = [
    ("total", "Total"),
    ("department", "Department"),
    ("category", "Category"),
    ("nature", "Nature"),
    ("channel", "Channel"),
    ("step", "Process Step"),
    ("area", "Service Area"),
    ("department_category", "Department and Category"),
    ("root_cause", "Root Cause"),
]

# Ticket fields each dimension groups on (step and root-cause lines are built apart).
DIMENSION_GROUPBY = {
    "total": (),
    "department": ("department_id",),
    "category": ("category_id",),
    "nature": ("nature_id",),
    "channel": ("channel_id",),
    "area": ("area_id",),
    "department_category": ("department_id", "category_id"),
}

COUNT_FIELDS = (
    "received",
    "completed",
    "resolved",
    "on_time",
    "correct",
    "callback",
    "rated",
    "satisfied",
    "basically_satisfied",
    "unsatisfied",
    "received_completed",
    "open",
    "overdue_open",
    "unsatisfied_open",
)


class HelpdeskPeriodicReportLine(models.Model):
    """One row of a periodic report's figures: the counts of
    ``helpdesk.complaint.rates`` for one group (a department, a category ...), frozen
    with the report."""

    _name = "helpdesk.periodic.report.line"
    _description = "Periodic Report Figures"
    _order = "report_id, dimension_sequence, sequence, id"

    report_id = fields.Many2one(
        "helpdesk.periodic.report", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    dimension = fields.Selection(DIMENSIONS, required=True)
    dimension_sequence = fields.Integer()
    sequence = fields.Integer()
    label = fields.Char(string="Name", compute="_compute_label")
    department_id = fields.Many2one("hr.department")
    category_id = fields.Many2one("helpdesk.ticket.category")
    nature_id = fields.Many2one("helpdesk.ticket.nature")
    channel_id = fields.Many2one("helpdesk.ticket.channel")
    area_id = fields.Many2one("helpdesk.service.area", string="Service Area")
    step_id = fields.Many2one("helpdesk.process.step", string="Process Step")
    root_cause_id = fields.Many2one("helpdesk.root.cause")

    received_count = fields.Integer(string="Appeals Received")
    completed_count = fields.Integer(string="Completed")
    resolved_count = fields.Integer(string="Resolved")
    on_time_count = fields.Integer(string="Completed on Time")
    correct_count = fields.Integer(string="Completed Correctly")
    callback_count = fields.Integer(string="Called Back")
    rated_count = fields.Integer(string="Rated")
    satisfied_count = fields.Integer(string="Satisfied")
    basically_satisfied_count = fields.Integer(string="Basically Satisfied")
    unsatisfied_count = fields.Integer(string="Unsatisfied")
    received_completed_count = fields.Integer(string="Received and Completed")
    open_count = fields.Integer(string="Open")
    overdue_open_count = fields.Integer(string="Open and Overdue")
    unsatisfied_open_count = fields.Integer(string="Unsatisfied, Not Cleared")
    reviewed_count = fields.Integer(
        string="Reviewed", help="Complaints the working group reviewed (R004-04)."
    )
    planned_outage_count = fields.Integer(
        string="Planned Outages",
        help="Planned outages of the area in the preset's window up to the end of the "
        "period (R004-06).",
    )
    outages_too_frequent = fields.Boolean(string="Too Many Planned Outages")
    hot_spot_rank = fields.Integer(
        help="Place of the area among the period's complaint hot spots (R004-07)."
    )

    satisfaction_rate = fields.Float(digits=(16, 2))
    composite_score = fields.Float(string="Composite Satisfaction", digits=(16, 2))
    resolution_rate = fields.Float(digits=(16, 2))
    on_time_rate = fields.Float(string="On-time Completion Rate", digits=(16, 2))
    correct_rate = fields.Float(string="Correct-completion Rate", digits=(16, 2))
    callback_rate = fields.Float(digits=(16, 2))
    completion_rate = fields.Float(digits=(16, 2))
    repeat_rate = fields.Float(string="Repeat-complaint Rate", digits=(16, 2))

    @api.depends_context("lang")
    @api.depends(
        "dimension",
        "department_id",
        "category_id",
        "nature_id",
        "channel_id",
        "area_id",
        "step_id",
        "root_cause_id",
    )
    def _compute_label(self):
        """What the row counts, in the reader's language."""
        for line in self:
            if line.dimension == "total":
                line.label = self.env._("Total")
            elif line.dimension == "step":
                line.label = f"{line.step_id.code} {line.step_id.name}"
            elif line.dimension == "root_cause":
                line.label = line.root_cause_id.name or self.env._("Not Reviewed Yet")
            else:
                groups = DIMENSION_GROUPBY[line.dimension]
                line.label = " / ".join(
                    line[name].display_name or self.env._("Not Set") for name in groups
                )

    @api.model
    def _values_from_counts(self, counts):
        """Line values of one group's counts and the rates defined from them."""
        values = {f"{name}_count": counts[name] for name in COUNT_FIELDS}
        values.update(self.env["helpdesk.complaint.rates"]._rates(counts))
        return values

from odoo import fields, models


class HelpdeskAnalysisReview(models.Model):
    """One complaint a joint-analysis working group went through (R004-04): the root
    cause it found and the weak point behind it."""

    _name = "helpdesk.analysis.review"
    _description = "Joint Analysis Review"
    _order = "report_id desc, id"

    report_id = fields.Many2one(
        "helpdesk.periodic.report",
        string="Joint Analysis",
        required=True,
        index=True,
        ondelete="cascade",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", required=True, index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    department_id = fields.Many2one(related="ticket_id.department_id", store=True)
    category_id = fields.Many2one(related="ticket_id.category_id", store=True)
    root_cause_id = fields.Many2one("helpdesk.root.cause")
    weak_point = fields.Text(help="The shortcoming the complaint reveals.")

    _ticket_uniq = models.Constraint(
        "UNIQUE(report_id, ticket_id)", "A complaint is reviewed once per analysis."
    )

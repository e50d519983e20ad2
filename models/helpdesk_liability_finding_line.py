from odoo import fields, models

from .helpdesk_deduction_rule import PARTIES


class HelpdeskLiabilityFindingLine(models.Model):
    """One liable department of a finding: its party under the rule, share, points."""

    _name = "helpdesk.liability.finding.line"
    _description = "Liable Unit"
    _order = "finding_id, id"

    finding_id = fields.Many2one(
        "helpdesk.liability.finding", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="finding_id.company_id", store=True)
    rule_line_id = fields.Many2one("helpdesk.deduction.rule.line", string="Table Line")
    party = fields.Selection(PARTIES, required=True)
    department_id = fields.Many2one("hr.department")
    employee_id = fields.Many2one(
        "hr.employee", string="Person", help="The person liable, where known (R004-02)."
    )
    share = fields.Float(string="Share (%)", digits=(16, 2), default=100.0)
    points = fields.Float(
        digits=(16, 2),
        help="Points of the table for this party, before share and repeat.",
    )

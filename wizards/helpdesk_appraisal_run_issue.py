from odoo import fields, models
from odoo.tools.safe_eval import safe_eval


class HelpdeskAppraisalRunIssue(models.TransientModel):
    """Something missing before a period's cards are right, with the records
    concerned."""

    _name = "helpdesk.appraisal.run.issue"
    _description = "Appraisal Preview Item"
    _order = "blocking desc, sequence, id"

    wizard_id = fields.Many2one(
        "helpdesk.appraisal.run.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    name = fields.Char(required=True)
    count = fields.Integer()
    blocking = fields.Boolean(string="Blocks the Lock")
    res_model = fields.Char(string="Kind")
    domain = fields.Char()

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.res_model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": safe_eval(self.domain or "[]"),
            "target": "current",
        }

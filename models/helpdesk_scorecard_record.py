from odoo import api, fields, models


class HelpdeskScorecardRecord(models.Model):
    """A record a locked card counted: the ledger line, appeal, callback or entry behind
    one of its numbers, kept as it was when the period was locked (C-09)."""

    _name = "helpdesk.scorecard.record"
    _description = "Record Counted by a Locked Scorecard"
    _order = "id"
    _log_access = False

    company_id = fields.Many2one("res.company", required=True, index=True)
    period_id = fields.Many2one(
        "helpdesk.appraisal.period", required=True, ondelete="restrict"
    )
    template_id = fields.Many2one(
        "helpdesk.scorecard.template", required=True, ondelete="restrict"
    )
    item_id = fields.Many2one(
        "helpdesk.scorecard.item", required=True, ondelete="restrict"
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        help="Empty: a whole-company figure, the same for every unit.",
    )
    role = fields.Selection(
        [("value", "Counted"), ("numerator", "Numerator"), ("deduction", "Deduction")],
        required=True,
    )
    res_model = fields.Char(string="Kind", required=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True
    )
    record_ref = fields.Reference(
        selection="_selection_record_ref", compute="_compute_record_ref", string="Fact"
    )

    _lookup_index = models.Index(
        "(period_id, template_id, item_id, role, department_id)"
    )

    @api.model
    def _selection_record_ref(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"].sudo().search([])
        ]

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        for record in self:
            record.record_ref = f"{record.res_model},{record.res_id}"

    def action_open_fact(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

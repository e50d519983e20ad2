from odoo import fields, models


class HelpdeskComplexityReason(models.Model):
    """Why an appeal is handled as a complex problem, e.g. pipe renovation or a fault
    across linked households (R003-25): the list the office picks from."""

    _name = "helpdesk.complexity.reason"
    _description = "Reason for a Complex Problem"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        index=True,
        ondelete="cascade",
        help="Empty: offered under every preset.",
    )

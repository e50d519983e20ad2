from odoo import fields, models


class HelpdeskRootCause(models.Model):
    """A root cause a working group assigns to a reviewed complaint (R004-04)."""

    _name = "helpdesk.root.cause"
    _description = "Root Cause of Complaints"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")
    description = fields.Text(translate=True)

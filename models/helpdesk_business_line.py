from odoo import fields, models


class HelpdeskBusinessLine(models.Model):
    """A business line typical cases are filed under (R004-05): connection, meter
    reading and fee collection, metering, supply quality, fault repair."""

    _name = "helpdesk.business.line"
    _description = "Business Line"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

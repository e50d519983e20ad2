from odoo import fields, models


class HelpdeskOutage(models.Model):
    """The supply area an outage affects, counted per area (R004-06)."""

    _inherit = "helpdesk.outage"

    area_id = fields.Many2one(
        "helpdesk.service.area",
        string="Service Area",
        index="btree_not_null",
        check_company=True,
        help="The area counted for the planned-outage frequency (R004-06); the text "
        "above describes the streets affected.",
    )

from odoo import fields, models


class HelpdeskTicket(models.Model):
    """The supply area an appeal comes from (R004-07 hot spots)."""

    _inherit = "helpdesk.ticket"

    area_id = fields.Many2one(
        "helpdesk.service.area",
        string="Service Area",
        index="btree_not_null",
        check_company=True,
        help="The supply area (片区) of the complainant's address.",
    )

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_service_leader_id = fields.Many2one(
        "res.users",
        string="Service Deputy GM",
        help="Reviews the day's appeals every day and signs off every unsatisfied one "
        "(R004-08).",
    )

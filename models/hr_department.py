from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    supervising_leader_id = fields.Many2one(
        "res.users",
        string="Supervising Leader",
        help="The company leader in charge of this department (分管领导): follows its appeals "
        "and is told when their deadlines are missed (R000-24).",
    )

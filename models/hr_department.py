from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    supervising_leader_id = fields.Many2one(
        "res.users",
        string="Supervising Leader",
        help="The company leader in charge of this department (分管领导): follows its appeals "
        "and is told when their deadlines are missed (R000-24).",
    )
    # R002-03: every handling unit names three people for hotline appeals.
    complaint_principal_id = fields.Many2one(
        "res.users", string="Appeals Principal", help="Carries overall responsibility (主要负责同志)."
    )
    complaint_supervisor_id = fields.Many2one(
        "res.users", string="Appeals Supervisor", help="Runs the appeal work (分管负责同志)."
    )
    complaint_handler_id = fields.Many2one(
        "res.users", string="Dedicated Handler", help="Handles the unit's appeals full time (专职承办人员)."
    )

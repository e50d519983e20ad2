from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    is_outsourced = fields.Boolean(
        string="Outsourced Staff",
        groups="hr.group_hr_user",
        help="Third-party staff working a service post (R001-02, R001-12).",
    )
    is_section_level_manager = fields.Boolean(
        string="Section-Level Manager",
        groups="hr.group_hr_user",
        help="Supervisors and section heads have their own service-star pool (R001-22).",
    )

from odoo import fields, models

from ..groups import HR_USER


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    is_outsourced = fields.Boolean(
        string="Outsourced Staff",
        groups=HR_USER,
        help="Third-party staff working a service post (R001-02, R001-12).",
    )
    is_section_level_manager = fields.Boolean(
        string="Section-Level Manager",
        groups=HR_USER,
        help="Supervisors and section heads have their own service-star pool "
        "(R001-22).",
    )

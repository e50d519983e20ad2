from odoo import fields, models

from ..groups import HR_USER


class HrEmployee(models.Model):
    """What the service rules need of a person beyond the post flags
    (hr_employee.py)."""

    _inherit = "hr.employee"

    staffing_vendor_id = fields.Many2one(
        "res.partner",
        groups=HR_USER,
        help="The third-party company that employs this outsourced person; dismissal "
        "recommendations are addressed to it (R001-12).",
    )

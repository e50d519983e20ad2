from odoo import fields, models


class ResCompany(models.Model):
    """The appeal-response leading group and its response office (R000-02)."""

    _inherit = "res.company"

    complaint_leading_group_ids = fields.One2many(
        "helpdesk.leading.group.member", "company_id", string="Leading Group"
    )
    complaint_office_head_id = fields.Many2one(
        "hr.employee",
        string="Response Office Head",
        related="complaint_office_department_id.manager_id",
        help="The customer service center's director heads the response office "
        "(R000-02): the manager of the Response Office Department.",
    )

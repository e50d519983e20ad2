from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    is_service_post = fields.Boolean(
        string="Customer Service Post",
        help="One of the customer-facing posts whose staff the service rules cover "
        "(R001-02).",
    )
    is_star_tier_high = fields.Boolean(
        string="Higher Service-Star Tier",
        help="Customer representatives and area managers earn the higher service-star "
        "award (R001-20, R001-21).",
    )

from odoo import fields, models

EXPORT_ROWS_PARAM = "helpdesk_utility_complaint.xlsx_background_rows"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_service_leader_id = fields.Many2one(
        related="company_id.complaint_service_leader_id", readonly=False
    )
    complaint_export_background_rows = fields.Integer(
        string="Export in the Background Above (rows)",
        config_parameter=EXPORT_ROWS_PARAM,
        default=20000,
        help="An XLSX export with more rows than this runs in the background and "
        "arrives as an attachment with a notification.",
    )

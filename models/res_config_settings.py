from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_preset_id = fields.Many2one(
        related="company_id.complaint_preset_id", readonly=False
    )
    complaint_calendar_id = fields.Many2one(
        related="company_id.complaint_calendar_id", readonly=False
    )
    complaint_office_department_id = fields.Many2one(
        related="company_id.complaint_office_department_id", readonly=False
    )
    complaint_hr_department_id = fields.Many2one(
        related="company_id.complaint_hr_department_id", readonly=False
    )
    complaint_chief_engineer_department_id = fields.Many2one(
        related="company_id.complaint_chief_engineer_department_id", readonly=False
    )
    complaint_general_manager_id = fields.Many2one(
        related="company_id.complaint_general_manager_id", readonly=False
    )

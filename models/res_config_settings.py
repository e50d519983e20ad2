from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_preset_id = fields.Many2one(
        related="company_id.complaint_preset_id", readonly=False
    )
    complaint_calendar_id = fields.Many2one(
        related="company_id.complaint_calendar_id", readonly=False
    )
    # On the company's contact: the language of the texts the system writes.
    complaint_lang = fields.Selection(
        related="company_id.partner_id.lang",
        readonly=False,
        string="Language of System Texts",
        help="The language of what the system writes: deadline notices, proposed "
        "supervision orders, early warnings, generated deductions. Times are shown in "
        "the calendar's time zone.",
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

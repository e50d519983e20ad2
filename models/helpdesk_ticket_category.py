from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    code = fields.Char(help="Stable technical key used by presets and reports.")
    default_nature_id = fields.Many2one(
        "helpdesk.ticket.nature",
        help="Nature proposed for new appeals of this category (R003-46).",
    )
    is_service_attitude = fields.Boolean(
        string="Service Attitude",
        help="Complaints in this category count as service-attitude complaints "
        "(R001-03, R001-11 to R001-17).",
    )
    requires_site_visit = fields.Boolean(
        help="Handling needs someone on site, so on-site deadlines apply (R002-08)."
    )
    is_complex = fields.Boolean(
        string="Complex Problem",
        help="Handled on the complex-problem deadline (R003-24, R003-46).",
    )
    is_emergency = fields.Boolean(
        string="Emergency",
        help="Emergency handling, e.g. sudden loss of heating (R003-46).",
    )
    is_major_emergency = fields.Boolean(
        string="Major Emergency",
        help="Falls in the reporting scope for major supply or drainage emergencies "
        "(R002-26).",
    )
    is_planned_outage = fields.Boolean(
        string="Planned Outage",
        help="An incident registered from an appeal of this category is a planned "
        "outage (R002-27).",
    )
    is_water_quality = fields.Boolean(
        string="Water Quality",
        help="Water-quality anomalies need a joint site visit with the testing center "
        "(R002-33).",
    )

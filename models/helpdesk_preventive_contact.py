from odoo import fields, models


class HelpdeskPreventiveContact(models.Model):
    """A visit or explanation to the households of a complaint hot spot whose problem
    cannot be fixed soon, to prevent repeat complaints (R004-07)."""

    _name = "helpdesk.preventive.contact"
    _description = "Preventive Contact"
    _order = "contacted_on desc, id desc"

    area_id = fields.Many2one(
        "helpdesk.service.area", string="Service Area", required=True, index=True
    )
    company_id = fields.Many2one(related="area_id.company_id", store=True)
    contacted_on = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Contacted By", default=lambda self: self.env.user
    )
    method = fields.Selection(
        [("visit", "Door-to-door Visit"), ("phone", "Phone"), ("notice", "Notice")],
        required=True,
        default="visit",
    )
    households = fields.Integer(string="Households Reached")
    explanation = fields.Text(required=True, help="What was explained.")

    _households_positive = models.Constraint(
        "CHECK(households >= 0)", "Households reached cannot be negative."
    )

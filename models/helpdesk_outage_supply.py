from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskOutageSupply(models.Model):
    """Emergency water supply while a pipe is repaired (R002-32): what was done, where
    and when."""

    _name = "helpdesk.outage.supply"
    _description = "Outage Emergency Water Supply"
    _order = "supplied_at, id"
    _rec_name = "delivery_point"

    outage_id = fields.Many2one(
        "helpdesk.outage",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="outage_id.company_id", store=True, index=True)
    measure = fields.Selection(
        [
            ("temporary_supply", "Temporary Supply"),
            ("water_delivery", "Water Delivery"),
            ("bottled_water", "Bottled Water"),
            ("other", "Other"),
        ],
        required=True,
    )
    description = fields.Text()
    delivery_point = fields.Char(required=True)
    supplied_at = fields.Datetime(
        string="From", required=True, default=fields.Datetime.now
    )
    supplied_until = fields.Datetime(string="Until")

    @api.constrains("supplied_at", "supplied_until")
    def _check_times(self):
        for supply in self:
            if supply.supplied_until and supply.supplied_until < supply.supplied_at:
                raise ValidationError(
                    self.env._("Emergency supply cannot end before it starts.")
                )

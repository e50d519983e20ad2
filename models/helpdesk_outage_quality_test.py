from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskOutageQualityTest(models.Model):
    """A sample the water-quality testing center took and tested (R002-34)."""

    _name = "helpdesk.outage.quality.test"
    _description = "Water-Quality Test"
    _order = "sampled_at, id"
    _rec_name = "sampling_point"

    outage_id = fields.Many2one(
        "helpdesk.outage",
        string="Incident",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="outage_id.company_id", store=True, index=True)
    sampling_point = fields.Char(required=True)
    sampled_at = fields.Datetime(required=True)
    tested_at = fields.Datetime()
    result = fields.Text(required=True, help="Parameters measured and their values.")
    within_standard = fields.Selection(
        [("yes", "Yes"), ("no", "No")],
        required=True,
        help="Whether the sample meets the drinking-water standard.",
    )

    @api.constrains("outage_id", "sampled_at", "tested_at")
    def _check_test(self):
        for test in self:
            if test.outage_id.kind != "water_quality":
                raise ValidationError(
                    self.env._(
                        "Water-quality tests belong to a water-quality incident."
                    )
                )
            if test.tested_at and test.tested_at < test.sampled_at:
                raise ValidationError(
                    self.env._("A sample cannot be tested before it is taken.")
                )

from odoo import api, fields, models


class HelpdeskPlatformShortfallShare(models.Model):
    """A department's responsibility share of a platform shortfall (R000-54)."""

    _name = "helpdesk.platform.shortfall.share"
    _description = "Platform Shortfall Share"
    _order = "shortfall_id, share desc, id"

    shortfall_id = fields.Many2one(
        "helpdesk.platform.shortfall", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="shortfall_id.company_id", store=True)
    department_id = fields.Many2one("hr.department", required=True)
    share = fields.Float(string="Share (%)", digits=(16, 2), required=True)
    unsatisfied_count = fields.Integer(
        string="Unsatisfied Appeals",
        readonly=True,
        help="The department's unsatisfied appeals on the platform in the month, which "
        "the proposed share is based on.",
    )

    _share_range = models.Constraint(
        "CHECK(share >= 0 AND share <= 100)", "A share runs from 0 to 100%."
    )
    _department_uniq = models.Constraint(
        "UNIQUE(shortfall_id, department_id)", "A department has one share."
    )

    @api.constrains("share", "shortfall_id")
    def _check_share_total(self):
        self.shortfall_id._check_share_total()

    @api.model_create_multi
    def create(self, vals_list):
        shares = super().create(vals_list)
        shares.shortfall_id._check_editable()
        return shares

    def write(self, vals):
        self.shortfall_id._check_editable()
        return super().write(vals)

    def unlink(self):
        self.shortfall_id._check_editable()
        return super().unlink()

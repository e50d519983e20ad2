from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import OFFICE


class HelpdeskConductReferral(models.Model):
    """A breach of the group's business-environment rules, or of discipline, found while
    handling a complaint, referred by the CSC to the business-environment inspection
    office (R001-32). The office's receipt and outcome are recorded."""

    _name = "helpdesk.conduct.referral"
    _description = "Referral to the Inspection Office"
    _inherit = ["hr.mixin", "mail.thread"]
    _order = "referred_at desc, id desc"

    name = fields.Char(
        readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    ticket_id = fields.Many2one("helpdesk.ticket", string="Appeal", index=True)
    kind = fields.Selection(
        [
            ("business_environment", "Business-Environment Rules"),
            ("discipline", "Discipline"),
        ],
        required=True,
    )
    department_id = fields.Many2one("hr.department")
    employee_ids = fields.Many2many(
        "hr.employee",
        "helpdesk_conduct_referral_employee_rel",
        "referral_id",
        "employee_id",
        string="People Concerned",
    )
    facts = fields.Text(required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment", "helpdesk_conduct_referral_attachment_rel", string="Evidence"
    )
    referred_at = fields.Datetime(default=fields.Datetime.now, readonly=True)
    referred_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    received_at = fields.Datetime(
        string="Received by the Office",
        help="When the inspection office acknowledged the referral.",
    )
    outcome = fields.Text(help="What the inspection office decided.")
    state = fields.Selection(
        [("referred", "Referred"), ("closed", "Closed")],
        default="referred",
        required=True,
        tracking=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or self.env.user.has_group(OFFICE)):
            raise AccessError(
                self.env._(
                    "The customer service center refers breaches to the inspection "
                    "office (R001-32)."
                )
            )
        for vals in vals_list:
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "helpdesk.conduct.referral"
            ) or self.env._("New")
        referrals = super().create(vals_list)
        for referral in referrals.filtered("ticket_id"):
            referral.ticket_id.sudo().message_post(
                body=self.env._(
                    "Referred to the business-environment inspection office: %(name)s",
                    name=referral.name,
                )
            )
        return referrals

    def action_close(self):
        if not (self.env.su or self.env.user.has_group(OFFICE)):
            raise AccessError(
                self.env._("The customer service center closes referrals.")
            )
        for referral in self:
            if not (referral.outcome or "").strip():
                raise UserError(self.env._("Record the inspection office's outcome."))
        self.write({"state": "closed"})

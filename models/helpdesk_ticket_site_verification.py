from odoo import api, fields, models
from odoo.exceptions import UserError

# After acceptance, while the appeal is still being handled or answered.
VERIFIABLE_STATES = (
    "accepted",
    "on_hold",
    "reported",
    "approved",
    "interim_replied",
    "replied",
    "unsatisfied",
)


class HelpdeskTicket(models.Model):
    """Go to the site and verify (R004-20): the department records whether the
    reported problem really exists; under the preset's toggle no liability finding is
    confirmed without that result."""

    _inherit = "helpdesk.ticket"

    site_verification = fields.Selection(
        [("confirmed", "Confirmed"), ("not_confirmed", "Not Confirmed")],
        readonly=True,
        copy=False,
        help="Whether the problem was found on site (R004-20).",
    )
    site_verification_note = fields.Text(
        string="Site Findings", readonly=True, copy=False
    )
    site_verified_at = fields.Datetime(readonly=True, copy=False)
    site_verified_by_id = fields.Many2one(
        "res.users", string="Verified By", readonly=True, copy=False
    )
    site_verification_enabled = fields.Boolean(
        compute="_compute_site_verification_enabled"
    )

    @api.depends("company_id.complaint_preset_id.feature_site_verification")
    def _compute_site_verification_enabled(self):
        for ticket in self:
            ticket.site_verification_enabled = (
                ticket.company_id.complaint_preset_id.feature_site_verification
            )

    def _record_site_verification(self, result, note):
        self.ensure_one()
        self._check_state(*VERIFIABLE_STATES)
        self._check_department_member(self.env._("record the site verification"))
        if result not in ("confirmed", "not_confirmed") or not (note or "").strip():
            raise UserError(
                self.env._("Record whether the problem exists and what was found.")
            )
        self.sudo().write(
            {
                "site_verification": result,
                "site_verification_note": note,
                "site_verified_at": fields.Datetime.now(),
                "site_verified_by_id": self.env.uid,
            }
        )
        label = dict(
            self._fields["site_verification"]._description_selection(self.env)
        )[result]
        self.message_post(
            body=self.env._(
                "Site verification: %(result)s. %(note)s", result=label, note=note
            ),
            subtype_xmlid="mail.mt_note",
        )

    def action_open_site_verification(self):
        self._check_state(*VERIFIABLE_STATES)
        return self._open_wizard(
            "helpdesk.ticket.site.verification.wizard",
            self.env._("Site Verification"),
        )

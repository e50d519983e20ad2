from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskConductReferral(models.Model):
    """Cadre accountability (R000-48): on top of the department's deductions, the
    department head and supervising leader are referred under the cadre rules; the
    outcome is entered by hand like any referral."""

    _inherit = "helpdesk.conduct.referral"

    kind = fields.Selection(
        selection_add=[("cadre", "Cadre Accountability")],
        ondelete={"cadre": "cascade"},
    )
    conduct = fields.Selection(
        [
            ("inaction", "Inaction"),
            ("slow_action", "Slow Action"),
            ("irresponsibility", "Weak Sense of Responsibility"),
            ("perfunctory", "Perfunctory Handling"),
            ("buck_passing", "Buck-passing"),
            ("box_ticking", "Box-ticking"),
            ("lax_review", "Lax Review"),
        ],
        string="Conduct Found",
    )
    department_head_id = fields.Many2one(
        "hr.employee",
        compute="_compute_cadres",
        store=True,
        readonly=False,
    )
    supervising_leader_id = fields.Many2one(
        "res.users",
        compute="_compute_cadres",
        store=True,
        readonly=False,
    )

    @api.depends("kind", "department_id")
    def _compute_cadres(self):
        for referral in self:
            if referral.kind != "cadre":
                continue
            department = referral.department_id.sudo()
            referral.department_head_id = department.manager_id
            referral.supervising_leader_id = department.supervising_leader_id

    @api.constrains("kind", "department_id", "department_head_id", "conduct")
    def _check_cadre_referral(self):
        for referral in self.filtered(lambda r: r.kind == "cadre"):
            if not (
                referral.department_id
                and referral.conduct
                and (referral.department_head_id or referral.supervising_leader_id)
            ):
                raise ValidationError(
                    self.env._(
                        "A cadre accountability referral names the department, the "
                        "conduct found and its head or supervising leader (R000-48)."
                    )
                )

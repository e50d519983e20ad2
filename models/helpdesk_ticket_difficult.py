from odoo import api, fields, models
from odoo.exceptions import UserError

from ..groups import OFFICE


class HelpdeskTicket(models.Model):
    """Difficult cases (R004-13): under the preset's toggle the office flags an appeal
    difficult, with the reason, and escalates it to the difficult-problems group."""

    _inherit = "helpdesk.ticket"

    difficult = fields.Boolean(readonly=True, copy=False, index=True)
    difficult_reason = fields.Text(
        string="Why It Is Difficult",
        copy=False,
        help="Written by the office before escalating the appeal (R004-13).",
    )
    difficult_at = fields.Datetime(string="Escalated At", readonly=True, copy=False)
    difficult_by_id = fields.Many2one(
        "res.users", string="Escalated By", readonly=True, copy=False
    )
    difficult_cases_enabled = fields.Boolean(compute="_compute_difficult_cases_enabled")

    @api.depends("company_id.complaint_preset_id.feature_difficult_cases")
    def _compute_difficult_cases_enabled(self):
        for ticket in self:
            ticket.difficult_cases_enabled = (
                ticket.company_id.complaint_preset_id.feature_difficult_cases
            )

    def action_escalate_difficult(self):
        """R004-13: to the difficult-problems group, each member with an activity."""
        self._check_role(OFFICE, self.env._("escalate a difficult appeal"))
        self._check_not_ended()
        self._check_filled(["difficult_reason"])
        for ticket in self:
            preset = ticket.company_id.complaint_preset_id
            group = preset.difficult_group_user_ids.filtered("active")
            if not preset.feature_difficult_cases or not group:
                raise UserError(
                    self.env._(
                        "The company's preset has no difficult-problems group "
                        "(R004-13)."
                    )
                )
            if ticket.difficult:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s is already with the difficult-problems "
                        "group.",
                        number=ticket.number,
                    )
                )
            ticket.sudo().write(
                {
                    "difficult": True,
                    "difficult_at": fields.Datetime.now(),
                    "difficult_by_id": self.env.uid,
                }
            )
            ticket._hand_to(
                group,
                self.env._(
                    "Difficult appeal %(number)s: decide how to solve it",
                    number=ticket.number,
                ),
                ticket.difficult_reason,
            )
            ticket.message_post(
                body=self.env._(
                    "Escalated to the difficult-problems group: %(reason)s",
                    reason=ticket.difficult_reason,
                ),
                partner_ids=group.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

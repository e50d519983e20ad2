from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import OFFICE

# How the callback team reaches customers (R004-09: by phone or in person).
CALLBACK_TEAM_CHANNELS = ("phone", "visit")


class HelpdeskTicket(models.Model):
    """Named callback staff (R004-09): under the preset's toggle, each appeal's callback
    goes to one named member of the callback team, the one with the fewest callbacks
    waiting, and only the team calls customers back, by phone or in person."""

    _inherit = "helpdesk.ticket"

    callback_user_id = fields.Many2one(
        "res.users",
        string="Named Callback Staff",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The member of the callback team who calls this customer back (R004-09).",
    )

    def _callback_team(self):
        self.ensure_one()
        preset = self.company_id.complaint_preset_id
        if not preset.feature_callback_team:
            return self.env["res.users"]
        return preset.callback_team_user_ids.filtered(
            lambda user: user.active and self.company_id in user.company_ids
        )

    def _name_callback_staff(self):
        """Keep the named member; otherwise the team member with fewest waiting."""
        for ticket in self:
            team = ticket._callback_team()
            if not team or ticket.callback_user_id in team:
                continue
            waiting = dict(
                self.sudo()._read_group(
                    [("callback_user_id", "in", team.ids), ("state", "=", "replied")],
                    ["callback_user_id"],
                    ["__count"],
                )
            )
            ticket.sudo().callback_user_id = min(
                team, key=lambda user: (waiting.get(user, 0), user.id)
            )

    def _office_users(self):
        if self.env.context.get("complaint_callback_step") and self.callback_user_id:
            return self.callback_user_id
        return super()._office_users()

    # The role is checked before the appeal is read, as the step itself does first.
    def action_answer_on_spot(self):
        self._check_role(OFFICE, self.env._("answer an appeal on the spot"))
        self._name_callback_staff()
        return super(
            HelpdeskTicket, self.with_context(complaint_callback_step=True)
        ).action_answer_on_spot()

    def action_final_reply(self):
        self._check_role(OFFICE, self.env._("send the final reply"))
        self._name_callback_staff()
        return super(
            HelpdeskTicket, self.with_context(complaint_callback_step=True)
        ).action_final_reply()

    def _log_callback(self, values):
        self._check_role(OFFICE, self.env._("call customers back"))
        team = self._callback_team()
        if team and not self.env.su:
            if self.env.user not in team:
                raise AccessError(
                    self.env._(
                        "Callbacks are made by the callback team (%(team)s) (R004-09).",
                        team=", ".join(team.mapped("name")),
                    )
                )
            if values.get("channel") not in CALLBACK_TEAM_CHANNELS:
                raise UserError(
                    self.env._(
                        "The callback team reaches the customer by phone or in person "
                        "(R004-09)."
                    )
                )
        return super()._log_callback(values)

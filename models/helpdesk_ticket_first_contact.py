from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The first contact hears back (R004-12): whoever first took the request is
    recorded and, under the preset's toggle, told of every step and of the outcome."""

    _inherit = "helpdesk.ticket"

    first_receiver_id = fields.Many2one(
        "res.users",
        string="First Received By",
        default=lambda self: self._default_first_receiver(),
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Who first took the request; told of its progress and outcome (R004-12).",
    )

    @api.model
    def _default_first_receiver(self):
        user = self.env.user
        return user if not user.share and not user._is_public() else False

    def _move(self, state, event_code=None, note=None, **event_values):
        before = {ticket: ticket.state for ticket in self}
        result = super()._move(state, event_code, note, **event_values)
        for ticket in self:
            receiver = ticket.first_receiver_id
            preset = ticket.company_id.complaint_preset_id
            if (
                before[ticket] == ticket.state
                or not preset.feature_first_contact_updates
                or not receiver.active
                or receiver == self.env.user
            ):
                continue
            ticket._notify_first_receiver()
        return result

    def _notify_first_receiver(self):
        self.ensure_one()
        ended = self.state in ("replied", "closed", "withdrawn")
        body = (
            self.env._(
                "Outcome of appeal %(number)s, which you first received: %(state)s.",
                number=self.number,
                state=self._state_label(self.state),
            )
            if ended
            else self.env._(
                "Progress of appeal %(number)s, which you first received: %(state)s.",
                number=self.number,
                state=self._state_label(self.state),
            )
        )
        self.message_post(
            body=body,
            partner_ids=self.first_receiver_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketRecusal(models.Model):
    """A staff member's declared conflict of interest with an appellant (R002-38).

    A declared conflict blocks assigning the appeal to that user and hides the
    complainant's personal data from them.
    """

    _name = "helpdesk.ticket.recusal"
    _description = "Appeal Recusal"
    _order = "declared_at desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Recused User",
        required=True,
        index=True,
        domain=[("share", "=", False)],
    )
    reason = fields.Text(required=True)
    declared_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
    )
    declared_at = fields.Datetime(default=fields.Datetime.now, readonly=True)

    _ticket_user_uniq = models.Constraint(
        "UNIQUE(ticket_id, user_id)",
        "This user has already declared a conflict of interest on this appeal.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        recusals = super().create(vals_list)
        for recusal in recusals:
            recusal._release_assignment()
        return recusals

    def _release_assignment(self):
        """Take the recused user off the appeal and say so in its chatter."""
        ticket = self.ticket_id.sudo()
        release = {}
        if ticket.user_id == self.user_id:
            release["user_id"] = False
        if ticket.handler_employee_id.user_id == self.user_id:
            release["handler_employee_id"] = False
        if release:
            ticket.write(release)
        ticket.message_post(
            body=self.env._(
                "%(user)s declared a conflict of interest and stands aside: %(reason)s",
                user=self.user_id.name,
                reason=self.reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    @api.constrains("reason")
    def _check_reason(self):
        for recusal in self:
            if not (recusal.reason or "").strip():
                raise ValidationError(self.env._("A recusal needs a reason."))

from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskTicketCommitment(models.Model):
    """A promise to the appellant: owner, due date, tracked until done (R002-40)."""

    _name = "helpdesk.ticket.commitment"
    _description = "Appeal Commitment"
    _inherit = ["mail.activity.mixin"]
    _order = "due_date, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    description = fields.Text(required=True)
    owner_id = fields.Many2one("res.users", required=True)
    due_date = fields.Date(required=True)
    state = fields.Selection(
        [("open", "Open"), ("fulfilled", "Fulfilled")],
        default="open",
        required=True,
        readonly=True,
    )
    fulfilled_at = fields.Datetime(readonly=True)
    progress_note = fields.Text()
    last_progress_at = fields.Datetime(
        readonly=True,
        default=fields.Datetime.now,
        help="The last progress entry, or when the promise was made; no progress for "
        "long puts the appeal under supervision (R002-43).",
    )

    def write(self, vals):
        if "progress_note" in vals:
            vals = dict(vals, last_progress_at=fields.Datetime.now())
        return super().write(vals)

    def _schedule_owner_activity(self):
        for commitment in self:
            commitment.ticket_id.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=commitment.due_date,
                summary=self.env._(
                    "Commitment due: %(what)s", what=commitment.description[:60]
                ),
                user_id=commitment.owner_id.id,
            )

    def action_fulfil(self):
        for commitment in self:
            if commitment.state != "open":
                raise UserError(self.env._("This commitment is already fulfilled."))
            commitment.write(
                {"state": "fulfilled", "fulfilled_at": fields.Datetime.now()}
            )
            commitment.ticket_id.message_post(
                body=self.env._(
                    "Commitment fulfilled: %(what)s", what=commitment.description
                ),
                subtype_xmlid="mail.mt_note",
            )

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import MANAGER


class HelpdeskTicketEvent(models.Model):
    """What happened to an appeal and when: the facts deadlines and appraisal count.

    Written by the workflow only (never edited through the UI), so a reached time always
    comes from a recorded step.
    """

    _name = "helpdesk.ticket.event"
    _description = "Appeal Event"
    _order = "occurred_at, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    event_id = fields.Many2one(
        "helpdesk.sla.event",
        required=True,
        index=True,
        ondelete="restrict",
    )
    event_code = fields.Char(related="event_id.code", store=True, index=True)
    occurred_at = fields.Datetime(required=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user
    )
    stage_id = fields.Many2one(
        "helpdesk.ticket.stage", help="The stage entered, for stage changes."
    )
    department_id = fields.Many2one(
        "hr.department",
        help="The department that acted (dispatched to, accepted, handed back).",
    )
    reason_code = fields.Char(
        help="Why, as a code the deduction rules match, e.g. no_basis."
    )
    note = fields.Text()
    contact_method = fields.Selection(
        [
            ("phone", "Phone"),
            ("text_message", "Text Message"),
            ("wechat", "WeChat Message"),
            ("visit", "Home Visit"),
            ("other", "Other"),
        ],
        string="Contacted By",
        help="How the customer was reached, for contact events logged by hand.",
    )
    pipe_diameter = fields.Integer(
        string="Pipe Diameter (DN, mm)", help="Given when a repair was logged."
    )
    backdate_reason = fields.Text(
        string="Why Recorded Late",
        help="A time logged earlier than the moment of logging carries its reason.",
    )

    def _correct(self, occurred_at, reason):
        """A complaint manager corrects a mistaken time; everything derived follows."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "Only complaint managers correct the time of a recorded event."
                )
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the recorded time is wrong."))
        for event in self:
            company = event.sudo().company_id
            event.ticket_id.message_post(
                body=self.env._(
                    "%(event)s corrected from %(old)s to %(new)s: %(reason)s",
                    event=event.event_id.name,
                    old=company._complaint_format_datetime(event.occurred_at),
                    new=company._complaint_format_datetime(occurred_at),
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.sudo().write({"occurred_at": occurred_at})
        self.ticket_id._sla_recompute()

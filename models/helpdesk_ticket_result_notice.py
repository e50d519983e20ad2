from odoo import api, fields, models
from odoo.exceptions import UserError

from ..groups import OFFICE
from .helpdesk_result_notice import NOTICE_METHODS

# Events that answer the complainant: the reply milestones stop on them.
REPLY_EVENTS = ("final_reply", "answered_on_spot")


class HelpdeskTicket(models.Model):
    """Tell the complainant the result within the limit (R004-22): under the preset's
    toggle the final reply (or the answer on the spot) says how the complainant was
    told, and the notice is logged with the reply deadline it was due by."""

    _inherit = "helpdesk.ticket"

    result_notice_method = fields.Selection(
        NOTICE_METHODS,
        string="Result Told By",
        copy=False,
        help="How the complainant is told the result with the final reply (R004-22).",
    )
    result_notice_ids = fields.One2many(
        "helpdesk.result.notice", "ticket_id", string="Result Notices", copy=False
    )
    result_notice_enabled = fields.Boolean(compute="_compute_result_notice_enabled")

    @api.depends("company_id.complaint_preset_id.feature_result_notice")
    def _compute_result_notice_enabled(self):
        for ticket in self:
            ticket.result_notice_enabled = (
                ticket.company_id.complaint_preset_id.feature_result_notice
            )

    def _reply_deadline(self):
        """The deadline of the result: the earliest among the milestones a final reply
        stops, leaving out those an interim reply already meets (R000-28) when
        others remain."""
        self.ensure_one()
        lines = self.sudo().deadline_ids.filtered(
            lambda line: (
                line.deadline
                and set(line.milestone_id.stop_event_ids.mapped("code"))
                & set(REPLY_EVENTS)
            )
        )
        final_only = lines.filtered(
            lambda line: (
                "interim_reply" not in line.milestone_id.stop_event_ids.mapped("code")
            )
        )
        return min((final_only or lines).mapped("deadline"), default=False)

    def _check_result_notice_method(self):
        for ticket in self.filtered("result_notice_enabled"):
            if not ticket.result_notice_method:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s: choose how the complainant is told the "
                        "result (R004-22).",
                        number=ticket.number,
                    )
                )

    def _log_result_notice(self):
        for ticket in self.filtered("result_notice_enabled"):
            when = ticket.replied_at or fields.Datetime.now()
            deadline = ticket._reply_deadline()
            on_time = not deadline or when <= deadline
            self.env["helpdesk.result.notice"].sudo().create(
                {
                    "ticket_id": ticket.id,
                    "notified_at": when,
                    "notified_by_id": self.env.uid,
                    "method": ticket.result_notice_method,
                    "reply_deadline": deadline,
                    "on_time": on_time,
                }
            )
            method = dict(
                ticket._fields["result_notice_method"]._description_selection(self.env)
            )[ticket.result_notice_method]
            ticket.message_post(
                body=self.env._(
                    "The complainant was told the result (%(method)s), %(timing)s.",
                    method=method,
                    timing=self.env._("within the limit")
                    if on_time
                    else self.env._("after the limit"),
                ),
                subtype_xmlid="mail.mt_note",
            )

    # The role is checked before the appeal is read, as the step itself does first.
    def action_answer_on_spot(self):
        self._check_role(OFFICE, self.env._("answer an appeal on the spot"))
        self._check_result_notice_method()
        result = super().action_answer_on_spot()
        self._log_result_notice()
        return result

    def action_final_reply(self):
        self._check_role(OFFICE, self.env._("send the final reply"))
        self._check_result_notice_method()
        result = super().action_final_reply()
        self._log_result_notice()
        return result

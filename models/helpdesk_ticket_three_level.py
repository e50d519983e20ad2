from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import LEADER, OFFICE


class HelpdeskTicket(models.Model):
    """The three-level reply (R004-16): under the preset's toggle, an unsatisfied
    customer is answered by the handling department, then, if still unsatisfied, by
    the customer-service office, then by a company leader: one level at a time. A
    rating other than unsatisfied closes the appeal; after the third level the office
    reviews the cause as usual."""

    _inherit = "helpdesk.ticket"

    level_reply_ids = fields.One2many(
        "helpdesk.ticket.level.reply", "ticket_id", string="Level Replies", copy=False
    )
    next_reply_level = fields.Integer(compute="_compute_next_reply_level")

    @api.depends(
        "state",
        "closure_pending",
        "level_reply_ids.result",
        "company_id.complaint_preset_id.feature_three_level_reply",
    )
    def _compute_next_reply_level(self):
        """0 when no level is due: toggle off, not unsatisfied, or all three used."""
        for ticket in self:
            level = len(ticket.level_reply_ids) + 1
            due = (
                ticket.company_id.complaint_preset_id.feature_three_level_reply
                and ticket.state == "unsatisfied"
                and not ticket.closure_pending
                and level <= 3
                and all(r.result == "unsatisfied" for r in ticket.level_reply_ids)
            )
            ticket.next_reply_level = level if due else 0

    def _check_reply_level_role(self, level):
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        allowed = {
            1: self._is_handling_department_user,
            2: lambda: user.has_group(OFFICE),
            3: lambda: user.has_group(LEADER),
        }[level]()
        if not allowed:
            role = dict(
                self.env["helpdesk.ticket.level.reply"]
                ._fields["level"]
                ._description_selection(self.env)
            )[str(level)]
            raise AccessError(
                self.env._(
                    "Level %(level)s of the reply belongs to: %(role)s (R004-16).",
                    level=level,
                    role=role,
                )
            )

    def _reply_at_level(self, reply, result):
        """Record the next level's reply and the customer's rating of it."""
        self.ensure_one()
        level = self.next_reply_level
        if not level:
            raise UserError(
                self.env._(
                    "Appeal %(number)s has no level of the three-level reply due: it "
                    "needs the preset's toggle, an unsatisfied customer, and the "
                    "previous level answered without satisfying them (R004-16).",
                    number=self.number,
                )
            )
        self._check_reply_level_role(level)
        if not (reply or "").strip() or not result:
            raise UserError(self.env._("Write the reply and the customer's rating."))
        line = (
            self.env["helpdesk.ticket.level.reply"]
            .sudo()
            .create(
                {
                    "ticket_id": self.id,
                    "level": str(level),
                    "reply": reply,
                    "result": result,
                    "replied_by_id": self.env.uid,
                    "replied_at": fields.Datetime.now(),
                }
            )
        )
        label = dict(line._fields["level"]._description_selection(self.env))[line.level]
        self.message_post(
            body=self.env._(
                "Reply at level %(level)s (%(role)s): %(reply)s",
                level=level,
                role=label,
                reply=reply,
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._close_step_activities()
        if result != "unsatisfied":
            self._close(
                self.env._(
                    "Customer satisfied with the reply at level %(level)s.", level=level
                )
            )
        elif level == 1:
            self._hand_to(
                self._office_users(),
                self.env._("Reply at level 2 on appeal %(number)s", number=self.number),
            )
        elif level == 2:
            self._hand_to(
                self.approver_office_leader_id | self.approver_general_manager_id,
                self.env._("Reply at level 3 on appeal %(number)s", number=self.number),
            )
        return line

    def action_open_level_reply(self):
        if not self.next_reply_level:
            self._reply_at_level("", False)  # raises why no level is due
        return self._open_wizard(
            "helpdesk.ticket.level.reply.wizard", self.env._("Three-Level Reply")
        )

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..groups import OFFICE


class HelpdeskTicket(models.Model):
    """The "four not let go" (R004-03): under the preset's toggle an appeal closes
    only once its four checks are recorded with evidence. A close the workflow would
    make by itself (a satisfied callback, an explained rating) waits for them."""

    _inherit = "helpdesk.ticket"

    closure_check_ids = fields.One2many(
        "helpdesk.closure.check", "ticket_id", string="Closure Checks", copy=False
    )
    closure_gates_required = fields.Boolean(compute="_compute_closure_gates_required")
    closure_pending = fields.Boolean(
        string="Waiting for Closure Checks",
        readonly=True,
        copy=False,
        help="The appeal would have closed; it closes once the four checks are in.",
    )
    closure_pending_note = fields.Char(readonly=True, copy=False)

    @api.depends("company_id.complaint_preset_id.feature_closure_gates")
    def _compute_closure_gates_required(self):
        for ticket in self:
            ticket.closure_gates_required = (
                ticket.company_id.complaint_preset_id.feature_closure_gates
            )

    def _missing_closure_gates(self):
        """Labels of the checks the appeal still lacks (none without the toggle)."""
        self.ensure_one()
        if not self.closure_gates_required:
            return []
        gates = self.env["helpdesk.closure.check"]._fields["gate"]
        done = set(self.closure_check_ids.mapped("gate"))
        return [
            label
            for value, label in gates._description_selection(self.env)
            if value not in done
        ]

    def _closure_gate_error(self, missing):
        return UserError(
            self.env._(
                "Appeal %(number)s is not let go yet: record %(checks)s (R004-03).",
                number=self.number,
                checks=self.env._(", ").join(missing),
            )
        )

    def action_close(self):
        self._check_role(OFFICE, self.env._("close an appeal"))
        for ticket in self:
            missing = ticket._missing_closure_gates()
            if missing:
                raise ticket._closure_gate_error(missing)
        return super().action_close()

    def _close(self, note):
        waiting = self.filtered(lambda ticket: ticket._missing_closure_gates())
        for ticket in waiting:
            ticket.sudo().write({"closure_pending": True, "closure_pending_note": note})
            ticket.message_post(
                body=self.env._(
                    "%(note)s The appeal closes once its four checks are recorded "
                    "(R004-03).",
                    note=note,
                ),
                subtype_xmlid="mail.mt_note",
            )
            ticket._hand_to(
                ticket._office_users(),
                self.env._(
                    "Record the closure checks of appeal %(number)s",
                    number=ticket.number,
                ),
            )
        return super(HelpdeskTicket, self - waiting)._close(note)

    def action_close_checked(self):
        """Close an appeal that waited for its closure checks (R004-03)."""
        self._check_role(OFFICE, self.env._("close an appeal"))
        for ticket in self:
            if not ticket.closure_pending:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s is not waiting for its closure checks.",
                        number=ticket.number,
                    )
                )
            missing = ticket._missing_closure_gates()
            if missing:
                raise ticket._closure_gate_error(missing)
            ticket.sudo().closure_pending = False
            ticket._close(ticket.closure_pending_note or self.env._("Closed."))

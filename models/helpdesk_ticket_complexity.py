from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import LEADER, MANAGER

# States before the appeal reaches a department: the office still classifies it.
UNDISPATCHED = ("registered", "awaiting_instruction")


class HelpdeskTicket(models.Model):
    """Who marks an appeal complex and who changes its type later (R003-25): the office
    sets the type when it registers the appeal, a complex one with its reason; once
    dispatched, only a supervisor changes the nature or makes the problem complex or
    not, which is logged and counts the deadlines again from the receipt."""

    _inherit = "helpdesk.ticket"

    is_complex = fields.Boolean(
        related="category_id.is_complex", string="Complex Problem"
    )
    complex_reason_id = fields.Many2one(
        "helpdesk.complexity.reason",
        string="Why Complex",
        tracking=True,
        domain="['|', ('preset_id', '=', False), "
        "('preset_id', '=', complex_reason_preset_id)]",
        help="Required by the preset when the category is a complex problem (R003-25).",
    )
    complex_reason_preset_id = fields.Many2one(
        related="company_id.complaint_preset_id", string="Company Preset"
    )
    complex_reason_required = fields.Boolean(
        related="company_id.complaint_preset_id.complex_reason_required"
    )

    def _check_classified(self):
        result = super()._check_classified()
        self._check_complex_reason()
        return result

    def _check_complex_reason(self):
        for ticket in self:
            preset = ticket.company_id.complaint_preset_id
            if (
                preset.complex_reason_required
                and ticket.category_id.is_complex
                and not ticket.complex_reason_id
            ):
                raise UserError(
                    self.env._(
                        "Appeal %(number)s is a complex problem: choose why before "
                        "dispatching it (R003-25).",
                        number=ticket.number,
                    )
                )

    def write(self, vals):
        if {"nature_id", "category_id"} & set(vals):
            before = {ticket: ticket._type_label() for ticket in self}
            supervised = self._type_change_supervised()
            result = super().write(vals)
            changed = supervised.filtered(
                lambda ticket: ticket._type_label() != before[ticket]
            )
            if changed:
                changed._check_type_change_supervisor()
                changed._check_complex_reason()
                for ticket in changed:
                    ticket.message_post(
                        body=self.env._(
                            "Type changed from %(before)s to %(after)s by %(user)s; "
                            "the deadlines count again from the receipt (R003-25).",
                            before=before[ticket],
                            after=ticket._type_label(),
                            user=self.env.user.name,
                        ),
                        subtype_xmlid="mail.mt_note",
                    )
            return result
        return super().write(vals)

    def _type_change_supervised(self):
        """Appeals already dispatched whose preset has type changes supervised."""
        return self.filtered(
            lambda ticket: (
                ticket.company_id.complaint_preset_id.type_change_supervised
                and ticket.state not in UNDISPATCHED
            )
        )

    def _type_label(self):
        """The petition type (R003-25): the nature, and whether it is complex."""
        self.ensure_one()
        label = self.nature_id.name or ""
        if self.category_id.is_complex:
            label = self.env._("%(nature)s (complex)", nature=label)
        return label

    def _check_type_change_supervisor(self):
        user = self.env.user
        if self.env.su or user.has_group(LEADER) or user.has_group(MANAGER):
            return
        raise AccessError(
            self.env._(
                "Appeal %(number)s is already with its department: a leader or a "
                "complaint manager changes its type (R003-25).",
                number=", ".join(self.mapped("number")),
            )
        )

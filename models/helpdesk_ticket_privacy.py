import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..groups import COMPLAINANT_DATA, PORTAL

# Mainland China numbers as complainants give them: mobiles, landlines with or without
# area code and extension, 400/800 lines, and short service numbers (12345, 95598 ...).
PHONE_PATTERN = re.compile(
    r"""^(?:\+86|0086)?-?(?:
        1[3-9]\d{9}
      | (?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?
      | [48]00-?\d{3}-?\d{4}
      | 1\d{4}
      | 9[56]\d{3,6}
    )$""",
    re.VERBOSE,
)


def mask_text(value, keep_start, keep_end):
    """Keep the first/last characters of a personal value and star out the rest."""
    if not value:
        return value
    if len(value) <= keep_start + keep_end:
        return value[:1] + "*" * (len(value) - 1)
    hidden = len(value) - keep_start - keep_end
    return (
        value[:keep_start]
        + "*" * min(hidden, 4)
        + (value[-keep_end:] if keep_end else "")
    )


class HelpdeskTicket(models.Model):
    """Complainant data readable only by those handling the appeal (R002-37), masked for
    everyone else and on documents that leave the appeal; recusal (R002-38)."""

    _inherit = "helpdesk.ticket"

    # --- Complainant (R003-10); readable only by the appeal's handlers (R002-37) ---
    partner_name = fields.Char(
        string="Complainant Name",
        groups=f"{PORTAL},{COMPLAINANT_DATA}",
    )
    partner_email = fields.Char(groups=f"{PORTAL},{COMPLAINANT_DATA}")
    complainant_phone = fields.Char(groups=COMPLAINANT_DATA, tracking=True)
    complainant_address = fields.Char(groups=COMPLAINANT_DATA)
    # What the current user may see of the complainant: clear or masked.
    complainant_name_display = fields.Char(
        string="Complainant (Protected)", compute="_compute_complainant_display"
    )
    complainant_phone_display = fields.Char(
        string="Complainant Phone (Protected)", compute="_compute_complainant_display"
    )
    complainant_address_display = fields.Char(
        string="Complainant Address (Protected)", compute="_compute_complainant_display"
    )

    recusal_ids = fields.One2many(
        "helpdesk.ticket.recusal", "ticket_id", string="Recusals"
    )
    has_recusal = fields.Boolean(
        string="Conflict Declared", compute="_compute_has_recusal", store=True
    )

    @api.depends("recusal_ids")
    def _compute_has_recusal(self):
        for ticket in self:
            ticket.has_recusal = bool(ticket.recusal_ids)

    @api.depends_context("uid")
    @api.depends(
        "partner_name",
        "complainant_phone",
        "complainant_address",
        "user_id",
        "handler_employee_id",
        "department_id",
        "section_id",
        "recusal_ids",
        "company_id.complaint_preset_id.mask_name_keep",
        "company_id.complaint_preset_id.mask_phone_keep_start",
        "company_id.complaint_preset_id.mask_phone_keep_end",
        "company_id.complaint_preset_id.mask_address_keep",
    )
    def _compute_complainant_display(self):
        for ticket, clear in zip(self, self._may_read_complainant_data(), strict=True):
            data = ticket.sudo()
            if clear:
                ticket.complainant_name_display = data.partner_name
                ticket.complainant_phone_display = data.complainant_phone
                ticket.complainant_address_display = data.complainant_address
            else:
                ticket.complainant_name_display = ticket._mask_complainant(
                    "name", data.partner_name
                )
                ticket.complainant_phone_display = ticket._mask_complainant(
                    "phone", data.complainant_phone
                )
                ticket.complainant_address_display = ticket._mask_complainant(
                    "address", data.complainant_address
                )

    def _mask_complainant(self, kind, value):
        """``value``, the complainant's name, phone or address (``kind``), masked
        with the widths of the company's preset (R002-37)."""
        self.ensure_one()
        preset = self.sudo().company_id.complaint_preset_id
        keep_start, keep_end = {
            "name": (preset.mask_name_keep, 0),
            "phone": (preset.mask_phone_keep_start, preset.mask_phone_keep_end),
            "address": (preset.mask_address_keep, 0),
        }[kind]
        return mask_text(value, keep_start=keep_start, keep_end=keep_end)

    def _may_read_complainant_data(self):
        """Whether the current user handles each appeal (R002-37, R002-38).

        The response office and appraisal officers handle every appeal; otherwise only
        the assigned user, the handling employee and the head of the handling department
        or section do. Anyone who declared a conflict of interest never does.
        """
        user = self.env.user
        office = self.env.su or user.has_group(COMPLAINANT_DATA)
        result = []
        for ticket in self.sudo():
            if user in ticket.recusal_ids.user_id:
                result.append(False)
                continue
            handlers = (
                ticket.user_id
                | ticket.handler_employee_id.user_id
                | ticket.department_id.manager_id.user_id
                | ticket.section_id.manager_id.user_id
            )
            result.append(office or user in handlers)
        return result

    @api.constrains("complainant_phone")
    def _check_complainant_phone(self):
        for ticket in self.sudo():
            phone = ticket.complainant_phone
            if phone and not PHONE_PATTERN.match(re.sub(r"[\s()（）]", "", phone)):
                raise ValidationError(
                    self.env._(
                        "“%(phone)s” is not a valid phone number. Enter an 11-digit "
                        "mobile number or a landline such as 0533-1234567.",
                        phone=phone,
                    )
                )

    @api.constrains("user_id", "handler_employee_id", "recusal_ids")
    def _check_recusal(self):
        for ticket in self:
            assigned = ticket.user_id | ticket.handler_employee_id.user_id
            conflicted = assigned & ticket.recusal_ids.user_id
            if conflicted:
                raise ValidationError(
                    self.env._(
                        "%(users)s declared a conflict of interest with the "
                        "complainant of appeal %(number)s and cannot handle it "
                        "(R002-38).",
                        users=", ".join(conflicted.mapped("name")),
                        number=ticket.number,
                    )
                )

    def _message_add_default_recipients(self):
        # The complainant's e-mail is personal data (R002-37): the chatter of someone
        # who may not read it suggests no recipient built from it, instead of failing.
        if self.env.su or self.env.user.has_group(COMPLAINANT_DATA):
            return super()._message_add_default_recipients()
        empty = self.env["res.partner"]
        return {
            ticket.id: {"email_cc_lst": [], "email_to_lst": [], "partners": empty}
            for ticket in self
        }

    def action_declare_conflict(self):
        """The current user stands aside from the appeal (R002-38)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declare a Conflict of Interest"),
            "res_model": "helpdesk.ticket.recusal",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_user_id": self.env.uid,
            },
        }

    def _complainant_masked(self):
        """(name, phone) of the complainant, masked for documents that leave the appeal
        (warnings, printed notices), whoever prints them (R002-37)."""
        self.ensure_one()
        data = self.sudo()
        name = data.partner_name or data.partner_id.name
        return (
            self._mask_complainant("name", name) or "",
            self._mask_complainant("phone", data.complainant_phone) or "",
        )

    def _complainant_masked_label(self):
        self.ensure_one()
        return " / ".join(value for value in self._complainant_masked() if value)

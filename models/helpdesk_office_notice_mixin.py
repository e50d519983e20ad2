from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import OFFICE as OFFICE_GROUP


def is_office_user(user):
    return bool(user) and user._has_group(OFFICE_GROUP)


class HelpdeskOfficeNoticeMixin(models.AbstractModel):
    """A numbered document the response office addresses to a department, which answers
    it (early warnings, supervision orders).

    Only the office creates and changes it; the department changes its answer fields
    (``_department_fields``) while the document is open, and nothing else.
    """

    _name = "helpdesk.office.notice.mixin"
    _description = "Office Notice to a Department"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.company.number.mixin"]

    # Set by the models that use the mixin.
    _department_fields = frozenset()

    user_is_office = fields.Boolean(compute="_compute_user_is_office")

    @api.depends_context("uid")
    def _compute_user_is_office(self):
        self.user_is_office = self._is_office()

    def _is_office(self):
        return self.env.su or self.env.user.has_group(OFFICE_GROUP)

    def _check_office(self, message):
        if not self._is_office():
            raise AccessError(message)

    def _office_only_message(self):
        """Why a department user may not make this change."""
        raise NotImplementedError

    def _answer_final_message(self):
        """Why the department's answer can no longer change."""
        raise NotImplementedError

    def write(self, vals):
        if not self._is_office():
            changed = {
                name for name in vals if not name.startswith(("message_", "activity_"))
            }
            if changed - self._department_fields:
                raise AccessError(self._office_only_message())
            if changed and any(record.state != "open" for record in self):
                raise UserError(self._answer_final_message())
        return super().write(vals)

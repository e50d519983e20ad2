from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskPeopleCancel(models.TransientModel):
    """The reason a service case, inspection or money line is cancelled: evidence is
    cancelled with its reason, never deleted."""

    _name = "helpdesk.people.cancel"
    _description = "Cancel with a Reason"

    res_model = fields.Char(string="Model", required=True)
    res_ids = fields.Json(string="Records", required=True)
    reason = fields.Text(required=True)

    def _open(self, records):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Cancel with a Reason"),
            "context": {
                "default_res_model": records._name,
                "default_res_ids": records.ids,
            },
        }

    def action_cancel(self):
        self.ensure_one()
        if self.res_model not in (
            "helpdesk.service.case",
            "helpdesk.service.inspection",
            "helpdesk.money.line",
        ):
            raise UserError(self.env._("This record cannot be cancelled here."))
        records = self.env[self.res_model].browse(self.res_ids)
        records._check_cancel_access()
        records._cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}

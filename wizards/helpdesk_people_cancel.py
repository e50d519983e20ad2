from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskPeopleCancel(models.TransientModel):
    """The reason a piece of appraisal evidence is cancelled (service case,
    inspection, money line, a unit's heating record): evidence is cancelled with its
    reason, never deleted. A model takes part by defining ``_check_cancel_access`` (who
    may cancel) and ``_cancel(reason)``."""

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
        records = self.env.get(self.res_model)
        if records is None or not hasattr(records, "_check_cancel_access"):
            raise UserError(self.env._("This record cannot be cancelled here."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Write why the record is cancelled."))
        records = records.browse(self.res_ids)
        records._check_cancel_access()
        records._cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}

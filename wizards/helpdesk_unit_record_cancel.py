from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskUnitRecordCancel(models.TransientModel):
    """The reason a unit's record (policy, training, channel failure, special task) is
    cancelled: evidence of the appraisal is cancelled with its reason, never deleted."""

    _name = "helpdesk.unit.record.cancel"
    _description = "Cancel a Unit's Record with a Reason"

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
        mixin = type(self.env["helpdesk.unit.record.mixin"])
        records = self.env.get(self.res_model)
        if records is None or not isinstance(records, mixin):
            raise UserError(self.env._("This record cannot be cancelled here."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Write why the record is cancelled."))
        records = records.browse(self.res_ids)
        records.check_access("write")
        records._cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}

from odoo import api, fields, models, tools
from odoo.exceptions import UserError


class HelpdeskSlaEvent(models.Model):
    """A kind of fact in an appeal's life (dispatch, acceptance, reply ...).

    The workflow records events on tickets; SLA milestones start, stop, pause or lapse on
    them. Kept as records so policies are configured by picking events, not by code.
    """

    _name = "helpdesk.sla.event"
    _description = "Appeal Event Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)

    _code_uniq = models.Constraint(
        "UNIQUE(code)", "Each event type needs its own code."
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _id_by_code
        return super().create(vals_list)

    @api.model
    def _by_code(self, code):
        event_type = self.browse(self._id_by_code(code))
        if not event_type:
            raise UserError(self.env._("Unknown appeal event “%(code)s”.", code=code))
        return event_type

    @tools.ormcache("code")
    def _id_by_code(self, code):
        return self.sudo().search([("code", "=", code)], limit=1).id

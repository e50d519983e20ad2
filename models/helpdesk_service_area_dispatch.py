from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskServiceArea(models.Model):
    """Area responsibility (R004-11): each area has its first responsible person, a
    sales-unit or department head or an agent store, inside the area's unit."""

    _inherit = "helpdesk.service.area"

    first_responsible_id = fields.Many2one(
        "hr.employee",
        string="First Responsible Person",
        check_company=True,
        help="Appeals of the area are handed to this person when dispatched (R004-11).",
    )
    responsible_kind = fields.Selection(
        [
            ("unit_head", "Sales-Unit Head"),
            ("department_head", "Department Head"),
            ("agent_store", "Agent Store"),
        ],
        string="Kind of Responsibility",
    )

    @api.constrains("first_responsible_id", "department_id")
    def _check_first_responsible(self):
        for area in self.filtered("first_responsible_id"):
            unit = area.department_id
            if not unit or area.first_responsible_id.sudo().department_id not in (
                unit | unit.child_ids
            ):
                raise ValidationError(
                    self.env._(
                        "The first responsible person of area %(area)s works in its "
                        "responsible unit or one of its sections (R004-11).",
                        area=area.name,
                    )
                )

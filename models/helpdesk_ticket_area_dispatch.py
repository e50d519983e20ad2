from odoo import api, models

from ..groups import OFFICE


class HelpdeskTicket(models.Model):
    """Dispatch by area (R004-11): under the preset's toggle, an appeal of an area goes
    to the area's unit and to its first responsible person, unless the office chose
    another department or handler."""

    _inherit = "helpdesk.ticket"

    def _area_dispatch(self):
        self.ensure_one()
        area = self.area_id
        if not (
            self.company_id.complaint_preset_id.feature_area_dispatch
            and area.department_id
        ):
            return {}
        values = {}
        if not self.department_id:
            values["department_id"] = area.department_id.id
        # Employees' work details are HR's; the office only reads the person's unit.
        person = area.sudo().first_responsible_id
        if (
            person
            and not self.handler_employee_id
            and (self.department_id or area.department_id) == area.department_id
        ):
            values["handler_employee_id"] = person.id
            if person.department_id != area.department_id:
                values["section_id"] = person.department_id.id
        return values

    @api.onchange("area_id")
    def _onchange_area_dispatch(self):
        values = self._area_dispatch()
        if "department_id" in values:
            self.department_id = values["department_id"]

    def action_dispatch(self):
        self._check_role(OFFICE, self.env._("dispatch an appeal"))
        for ticket in self.filtered(
            lambda t: t.state in ("registered", "awaiting_instruction", "handed_back")
        ):
            values = ticket._area_dispatch()
            if values:
                ticket.with_context(appeal_workflow=True).write(values)
        return super().action_dispatch()

from odoo import api, models

# Changing only these never moves working time.
NEUTRAL_FIELDS = {"name", "sequence"}


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        attendances.calendar_id._working_time_changed()
        return attendances

    def write(self, vals):
        if not set(vals) - NEUTRAL_FIELDS:
            return super().write(vals)
        calendars = self.calendar_id
        result = super().write(vals)
        (calendars | self.calendar_id)._working_time_changed()
        return result

    def unlink(self):
        calendars = self.calendar_id
        result = super().unlink()
        calendars.exists()._working_time_changed()
        return result

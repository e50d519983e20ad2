from odoo import models

# Changing only these never moves working time.
NEUTRAL_FIELDS = {"name", "sequence"}


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "resource.calendar.working.time.mixin"]

    def _moves_working_time(self, vals):
        return bool(set(vals) - NEUTRAL_FIELDS)

    def _working_time_spans(self):
        # Weekly hours apply to every date.
        return [(calendar, False, False) for calendar in self.calendar_id]

import pytz

from odoo import fields, models

from .resource_calendar_makeup_day import HOLIDAY_SOURCES

# Changing only these never moves working time.
NEUTRAL_FIELDS = {"name", "holiday_source"}


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "resource.calendar.working.time.mixin"]

    holiday_source = fields.Selection(
        HOLIDAY_SOURCES,
        default="manual",
        help="Who entered this time off. A holiday import replaces only what an import "
        "created for that year, never what was entered by hand.",
    )

    def _moves_working_time(self, vals):
        return bool(set(vals) - NEUTRAL_FIELDS)

    def _working_time_spans(self):
        """(calendar, first local date, last local date) for each global time off.

        Time off of one resource does not change a calendar's working time; a global one
        without a calendar applies to every calendar (see ``_leave_intervals_batch``).
        """
        spans = []
        all_calendars = None
        for leave in self.filtered(lambda leave: not leave.resource_id):
            calendars = leave.calendar_id
            if not calendars:
                if all_calendars is None:
                    # A leave of no calendar applies to every calendar (few).
                    # pylint: disable-next=no-search-all
                    all_calendars = self.env["resource.calendar"].sudo().search([])
                calendars = all_calendars
            for calendar in calendars:
                tz = pytz.timezone(calendar.tz or "UTC")
                spans.append(
                    (
                        calendar,
                        calendar._sla_local(leave.date_from, tz).date(),
                        calendar._sla_local(leave.date_to, tz).date(),
                    )
                )
        return spans

from odoo import fields, models

HOLIDAY_SOURCES = [
    ("chinesecalendar", "Official arrangement (chinesecalendar)"),
    ("holidays", "Statutory days (holidays)"),
    ("manual", "Entered by hand"),
]
# Sources an import owns and may replace; "manual" records are never touched by it.
IMPORT_SOURCES = ("chinesecalendar", "holidays")

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class ResourceCalendarMakeupDay(models.Model):
    """A rest day that is worked to make up for a holiday bridge (调休).

    It works like a normal weekday of its calendar: the attendance lines of
    ``weekday_pattern`` apply on that date (see resource.calendar's
    ``_attendance_intervals_batch``).
    """

    _name = "resource.calendar.makeup.day"
    _inherit = ["resource.calendar.working.time.mixin"]
    _description = "Make-up Working Day"
    _order = "date, id"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(required=True)
    name = fields.Char(string="Reason")
    weekday_pattern = fields.Selection(
        WEEKDAYS,
        string="Works Like",
        required=True,
        default="0",
        help="The day is worked with the working hours of this weekday of the "
        "calendar.",
    )
    source = fields.Selection(HOLIDAY_SOURCES, required=True, default="manual")
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)

    _calendar_date_uniq = models.Constraint(
        "UNIQUE(calendar_id, date)",
        "A calendar has at most one make-up working day per date.",
    )

    def _moves_working_time(self, vals):
        return bool({"calendar_id", "date", "weekday_pattern"} & set(vals))

    def _working_time_spans(self):
        return [(day.calendar_id, day.date, day.date) for day in self]

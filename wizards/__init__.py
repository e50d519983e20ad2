from . import resource_calendar_holiday_import

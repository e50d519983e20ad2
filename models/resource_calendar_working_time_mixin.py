from odoo import api, models


class ResourceCalendarWorkingTimeMixin(models.AbstractModel):
    """Records that shape a calendar's working time (attendances, holidays, make-up
    days, holiday years): creating, changing or deleting one drops the cached SLA
    schedules and calls the calendar's ``_on_working_time_changed`` hook once per
    calendar."""

    _name = "resource.calendar.working.time.mixin"
    _description = "Working Time Change Notifier"

    def _working_time_spans(self):
        """``[(calendar, date_from, date_to)]`` the records cover; False: open end."""
        raise NotImplementedError

    def _moves_working_time(self, vals):
        """Whether writing ``vals`` can move working time."""
        return True

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["resource.calendar"]._working_time_changed_batch(
            records._working_time_spans()
        )
        return records

    def write(self, vals):
        if not self._moves_working_time(vals):
            return super().write(vals)
        spans = self._working_time_spans()
        result = super().write(vals)
        self.env["resource.calendar"]._working_time_changed_batch(
            spans + self._working_time_spans()
        )
        return result

    def unlink(self):
        spans = self._working_time_spans()
        result = super().unlink()
        self.env["resource.calendar"]._working_time_changed_batch(spans)
        return result

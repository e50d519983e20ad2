from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..groups import MANAGER
from .resource_calendar_makeup_day import HOLIDAY_SOURCES

ARRANGEMENT_ACTIVITY = "mail.mail_activity_data_todo"


class ResourceCalendarHolidayYear(models.Model):
    """The holiday arrangement of one year on one calendar, and how far to trust it.

    The State Council publishes each year's arrangement (holidays and make-up working
    days) only late in the previous year. Until it is in ``chinesecalendar`` or entered
    by hand, a year is provisional and so is every deadline that crosses it.
    """

    _name = "resource.calendar.holiday.year"
    _description = "Holiday Arrangement Year"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "resource.calendar.working.time.mixin",
    ]
    _order = "calendar_id, year"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        required=True,
        index=True,
        ondelete="cascade",
    )
    year = fields.Integer(required=True)
    state = fields.Selection(
        [("provisional", "Provisional"), ("confirmed", "Confirmed")],
        required=True,
        default="provisional",
        tracking=True,
        help="Provisional: only the statutory holidays are known, make-up working days "
        "may be missing, and deadlines crossing this year are flagged provisional.",
    )
    source = fields.Selection(
        HOLIDAY_SOURCES,
        required=True,
        default="manual",
        tracking=True,
        help="Where the year's arrangement comes from.",
    )
    loaded_at = fields.Datetime(string="Loaded On", readonly=True)
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)

    _calendar_year_uniq = models.Constraint(
        "UNIQUE(calendar_id, year)",
        "A calendar has one holiday arrangement per year.",
    )

    @api.depends("calendar_id.name", "year")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.calendar_id.name} {record.year}"

    @api.constrains("year")
    def _check_year(self):
        if any(record.year < 1 for record in self):
            raise ValidationError(
                self.env._("A holiday arrangement needs a valid year.")
            )

    def _moves_working_time(self, vals):
        return bool({"calendar_id", "year", "state"} & set(vals))

    def _working_time_spans(self):
        # A year's state decides whether deadlines crossing it are provisional.
        return [
            (record.calendar_id, date(record.year, 1, 1), date(record.year, 12, 31))
            for record in self
        ]

    def action_confirm_arrangement(self):
        """The administrator has entered the year's official arrangement by hand."""
        provisional = self.filtered(lambda record: record.state == "provisional")
        provisional.write({"state": "confirmed", "source": "manual"})
        provisional.activity_feedback(
            [ARRANGEMENT_ACTIVITY], feedback=self.env._("Arrangement confirmed.")
        )
        return True

    def _ensure_arrangement_activity(self):
        """Ask a complaint manager, once per provisional year, for the official days."""
        group = self.env.ref(MANAGER)
        managers = group.all_user_ids.filtered(
            lambda user: user.active and not user.share
        )
        for record in self.filtered(lambda record: record.state == "provisional"):
            if record.activity_search([ARRANGEMENT_ACTIVITY], only_automated=False):
                continue
            company = record.calendar_id.company_id
            user = managers.filtered(
                lambda u, company=company: not company or company in u.company_ids
            ).sorted("id")[:1]
            if not user:
                continue
            record = record.with_context(lang=user.lang)
            record.activity_schedule(
                ARRANGEMENT_ACTIVITY,
                user_id=user.id,
                summary=record.env._(
                    "Enter the %(year)s holiday arrangement", year=record.year
                ),
                note=record.env._(
                    "No official holiday arrangement is available for %(year)s yet: "
                    "only the statutory holidays are loaded, make-up working days are "
                    "missing, and deadlines that cross %(year)s are provisional. Enter "
                    "the published holidays and make-up working days on the calendar "
                    "%(calendar)s, then click Confirm Arrangement.",
                    year=record.year,
                    calendar=record.calendar_id.name,
                ),
            )

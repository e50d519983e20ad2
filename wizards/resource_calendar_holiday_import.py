from odoo import api, fields, models


class ResourceCalendarHolidayImport(models.TransientModel):
    """Load Chinese holidays and make-up working days into a calendar for some years."""

    _name = "resource.calendar.holiday.import"
    _description = "Load Chinese Holidays"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        required=True,
        ondelete="cascade",
        default=lambda self: self._default_calendar_id(),
    )
    from_year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    to_year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year + 1
    )

    @api.model
    def _default_calendar_id(self):
        if self.env.context.get("active_model") == "resource.calendar":
            return self.env.context.get("active_id")
        return False

    @api.constrains("from_year", "to_year")
    def _check_years(self):
        for wizard in self:
            self.env["resource.calendar"]._check_holiday_years(
                wizard.from_year, wizard.to_year
            )

    def action_import(self):
        self.ensure_one()
        years = self.calendar_id._load_china_holidays(self.from_year, self.to_year)
        provisional = years.filtered(lambda year: year.state == "provisional")
        if provisional:
            message = self.env._(
                "Holidays loaded for %(from_year)s–%(to_year)s. Provisional (statutory "
                "holidays only, enter the official arrangement): %(years)s.",
                from_year=self.from_year,
                to_year=self.to_year,
                years=", ".join(str(year) for year in provisional.mapped("year")),
            )
        else:
            message = self.env._(
                "Holidays and make-up working days loaded for "
                "%(from_year)s–%(to_year)s.",
                from_year=self.from_year,
                to_year=self.to_year,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "warning" if provisional else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

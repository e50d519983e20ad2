import pytz

from odoo import models

# Times in texts: date and minutes, the same in every language (2026-11-07 10:00).
TIME_FORMAT = "%Y-%m-%d %H:%M"


class ResCompany(models.Model):
    """The company's locale for the texts the addon writes: the time zone its complaint
    desk works in (the complaint calendar's) and the language of its staff."""

    _inherit = "res.company"

    def _complaint_tz(self):
        self.ensure_one()
        calendar = self._get_complaint_calendar()
        return pytz.timezone(
            (calendar and calendar.tz) or self.partner_id.tz or "Asia/Shanghai"
        )

    def _complaint_local(self, value):
        """A naive UTC datetime as the naive local time of the complaint desk."""
        if not value:
            return value
        return (
            pytz.utc.localize(value)
            .astimezone(self._complaint_tz())
            .replace(tzinfo=None)
        )

    def _complaint_local_date(self, value):
        return value and self._complaint_local(value).date()

    def _complaint_format_datetime(self, value):
        """A stored (UTC) datetime as users read it: ``2026-11-07 10:00`` local time.

        Every text that shows a time (errors, chatter notes, activities, printed
        documents) formats it here, so no reader sees UTC.
        """
        return value and self._complaint_local(value).strftime(TIME_FORMAT) or ""

    def _complaint_lang(self):
        """The language of the company's staff (its partner's), if it is installed."""
        self.ensure_one()
        lang = self.sudo().partner_id.lang
        return lang if lang and self.env["res.lang"]._get_data(code=lang) else False

    def _complaint_text_context(self):
        """Context for texts the system writes for this company (crons, generators,
        notices): its language and time zone, not those of whoever runs the code.

        Use as ``records.with_context(**company._complaint_text_context())``.
        """
        self.ensure_one()
        context = {"tz": self._complaint_tz().zone}
        lang = self._complaint_lang()
        if lang:
            context["lang"] = lang
        return context

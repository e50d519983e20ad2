from datetime import timedelta

from odoo import api, fields, models


class HelpdeskServiceArea(models.Model):
    """A supply area (片区): where appeals come from and outages happen, for the
    planned-outage frequency (R004-06) and the complaint hot spots (R004-07)."""

    _name = "helpdesk.service.area"
    _description = "Service Area"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Unit",
        check_company=True,
        help="The unit in charge of the area.",
    )
    recent_planned_outage_count = fields.Integer(
        string="Recent Planned Outages",
        compute="_compute_outage_frequency",
        help="Planned outages started in the preset's window up to today (R004-06).",
    )
    outages_too_frequent = fields.Boolean(
        string="Too Many Planned Outages",
        compute="_compute_outage_frequency",
        search="_search_outages_too_frequent",
        help="More planned outages in the window than the preset allows: combine works "
        "into one outage (R004-06).",
    )

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)", "An area name is used once per company."
    )

    @api.model
    def _planned_outage_counts(self, company, date_from, date_to):
        """{area: planned outages starting between two naive UTC datetimes}."""
        return dict(
            self.env["helpdesk.outage"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("kind", "=", "planned"),
                    ("state", "!=", "cancelled"),
                    ("area_id", "!=", False),
                    ("start_at", ">=", date_from),
                    ("start_at", "<", date_to),
                ],
                ["area_id"],
                ["__count"],
            )
        )

    def _compute_outage_frequency(self):
        now = fields.Datetime.now()
        for company in self.company_id:
            preset = company.complaint_preset_id
            counts = self._planned_outage_counts(
                company,
                now - timedelta(days=preset.outage_frequency_days or 30),
                now + timedelta(days=1),
            )
            for area in self.filtered(lambda a, c=company: a.company_id == c):
                area.recent_planned_outage_count = counts.get(area, 0)
                area.outages_too_frequent = (
                    bool(preset)
                    and area.recent_planned_outage_count > preset.outage_frequency_limit
                )

    def _search_outages_too_frequent(self, operator, value):
        if operator != "in":
            return NotImplemented
        # A company has tens of areas; the flag is computed from their outages.
        # pylint: disable-next=no-search-all
        flagged = self.search([]).filtered("outages_too_frequent")
        domain = fields.Domain("id", "in", flagged.ids)
        return domain if True in value else ~domain

    def action_open_outages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_helpdesk_outage"
        )
        action["domain"] = [("area_id", "=", self.id)]
        action["context"] = {"default_area_id": self.id, "search_default_planned": 1}
        return action

    def action_open_appeals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_appeal_ledger"
        )
        action["domain"] = [("area_id", "=", self.id)]
        action["context"] = {"default_area_id": self.id}
        return action

from odoo import api, fields, models

from ..groups import OFFICE

APPEAL_SEQUENCE_CODE = "helpdesk.ticket.appeal"


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        string="Complaint Rule Preset",
        help="The rule set this company's complaint desk runs under.",
    )
    complaint_office_department_id = fields.Many2one(
        "hr.department",
        string="Response Office Department",
        check_company=True,
        help="The department the response office belongs to (the customer service "
        "center, R000-02); its supervising leader is the CSC supervising leader.",
    )
    complaint_general_manager_id = fields.Many2one(
        "res.users",
        string="General Manager",
        check_company=True,
        help="Approves replies and extensions (R000-06, R000-28).",
    )
    complaint_hr_department_id = fields.Many2one(
        "hr.department",
        string="HR Department",
        check_company=True,
        help="Investigates liability and is appraised by the response office's rules "
        "(R000-44 to R000-47).",
    )
    complaint_chief_engineer_department_id = fields.Many2one(
        "hr.department",
        string="Chief Engineer's Office",
        check_company=True,
        help="Carries overall responsibility for supply accidents handled late "
        "(R000-66).",
    )
    complaint_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Complaint Desk Calendar",
        check_company=True,
        help="Working days and hours that working-day deadlines are counted on. "
        "Empty: the shipped calendar with Chinese holidays.",
    )

    @api.constrains(
        "complaint_office_department_id",
        "complaint_general_manager_id",
        "complaint_hr_department_id",
        "complaint_chief_engineer_department_id",
        "complaint_calendar_id",
    )
    def _check_complaint_settings_company(self):
        """The complaint desk's departments, calendar and general manager are the
        company's own (or shared, without a company)."""
        self._check_company(
            [
                "complaint_office_department_id",
                "complaint_general_manager_id",
                "complaint_hr_department_id",
                "complaint_chief_engineer_department_id",
                "complaint_calendar_id",
            ]
        )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._create_appeal_sequences()
        return companies

    @api.model
    def _create_all_appeal_sequences(self):
        # Every company needs its numbering, and companies are few.
        # pylint: disable-next=no-search-all
        self.sudo().search([])._create_appeal_sequences()

    def _create_appeal_sequences(self):
        """Give each company its own appeal numbering, e.g. SQ2026-000001.

        The year is in the prefix, but the counter does not restart each year: a
        date-range sequence costs a lookup per appeal, which doubled the cost of
        registering one."""
        sequences = self.env["ir.sequence"].sudo()
        existing = sequences.search(
            [("code", "=", APPEAL_SEQUENCE_CODE), ("company_id", "in", self.ids)]
        ).company_id
        sequences.create(
            [
                {
                    "name": self.env._(
                        "Appeal number (%(company)s)", company=company.name
                    ),
                    "code": APPEAL_SEQUENCE_CODE,
                    "company_id": company.id,
                    "prefix": "SQ%(year)s-",
                    "padding": 6,
                }
                for company in self - existing
            ]
        )

    def _get_complaint_calendar(self):
        """The calendar this company's deadlines are counted on."""
        self.ensure_one()
        if self.complaint_calendar_id:
            return self.complaint_calendar_id
        # The xmlid lookup is cached; env.ref would query the record's existence on
        # every call, and this runs per appeal. Unlinking the calendar drops its xmlid
        # too.
        calendar_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "helpdesk_utility_complaint.resource_calendar_china_complaint_desk"
        )
        return self.env["resource.calendar"].browse(calendar_id)

    def _complaint_office_owner(self):
        """Who does the response office's step in the company's periodic reports and
        rectification actions (R000-09, R000-10, R000-79): the head of the office
        department, else the company's first internal office user."""
        self.ensure_one()
        head = self.sudo().complaint_office_department_id.manager_id.user_id
        if head:
            return head[:1].with_env(self.env)
        return (
            self.env.ref(OFFICE)
            .all_user_ids.filtered(
                lambda user: self in user.company_ids and not user.share
            )
            .sorted("id")[:1]
        )

    def _complaint_contest_deadline(self, moment):
        """The end of the window in which a department contests liability notified at
        ``moment`` (R001-29): the preset's working days on the complaint calendar,
        counted from the next working day (C-03); no window when it has none.

        Deduction lines (generated or from a finding) and service cases with their
        money lines all take their contest deadline from here.
        """
        self.ensure_one()
        days = self.complaint_preset_id.contest_working_days
        if not days:
            return moment
        calendar = self._get_complaint_calendar()
        return calendar._sla_deadline(moment, days, "working_days", "next_day")[0]

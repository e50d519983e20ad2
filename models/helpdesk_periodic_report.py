import base64
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..groups import DEPARTMENT_MANAGER, LEADER, MANAGER, OFFICE
from .helpdesk_periodic_report_line import DIMENSION_GROUPBY, DIMENSIONS

# The figures each kind of report shows, in this order (R000-77, R000-78, R000-10 ...).
KIND_DIMENSIONS = {
    "daily_monitor": ("total", "category", "department"),
    "weekly_statistics": (
        "total",
        "department",
        "category",
        "nature",
        "channel",
        "step",
    ),
    "monthly_analysis": (
        "total",
        "department",
        "category",
        "nature",
        "channel",
        "step",
    ),
    "month_end_count": ("total", "department", "department_category"),
    "meeting_pack": ("total", "department"),
    "unit_analysis": ("total", "category", "nature"),
    "circular": ("total", "department"),
    "joint_analysis": ("total", "department", "category", "root_cause"),
}
# What a unit analyses: its complaints and its criticisms and suggestions (R002-41).
UNIT_ANALYSIS_KINDS = ("complaint", "suggestion")


class HelpdeskPeriodicReport(models.Model):
    """A periodic report the desk owes by a due date: the weekly statistics (R000-77),
    the monthly classified analysis (R000-78), the month-end count per department
    (R000-10), the monthly meeting pack (R000-09), a unit's analysis (R002-41), the
    CSC's circular (R002-42) and seed 004's daily monitor, weekly circular, monthly
    analysis and joint analysis (R004-01, R004-04, R004-08).

    The cron creates each report when its period closes, with its figures and an
    activity for whoever owes it; a report not submitted by its due time is late, and
    one submitted after it stays marked late. Submitting freezes the figures; the GM
    reviews where the schedule says so; circulating mails it with its XLSX.
    """

    _name = "helpdesk.periodic.report"
    _description = "Periodic Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, schedule_id, id"

    name = fields.Char(compute="_compute_name")
    schedule_id = fields.Many2one(
        "helpdesk.report.schedule", required=True, readonly=True, ondelete="restrict"
    )
    kind = fields.Selection(related="schedule_id.kind", store=True)
    rule_ref = fields.Char(related="schedule_id.rule_ref")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    preset_id = fields.Many2one(related="company_id.complaint_preset_id")
    department_id = fields.Many2one(
        "hr.department",
        readonly=True,
        index=True,
        help="The unit a unit analysis is of.",
    )
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    due_date = fields.Date(readonly=True, index=True)
    due_at = fields.Datetime(string="Due By", readonly=True)
    presented_on = fields.Date(
        readonly=True, help="When the report is presented, e.g. Monday's meeting."
    )
    responsible_user_id = fields.Many2one("res.users", string="Owed By", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Being Prepared"),
            ("to_review", "Awaiting GM Review"),
            ("approved", "Approved"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    submitted_at = fields.Datetime(readonly=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    submitted_late = fields.Boolean(readonly=True)
    approved_at = fields.Datetime(readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    circulated_at = fields.Datetime(readonly=True)
    review_note = fields.Text(
        string="Reviewer's Note", help="Why the GM returned the report."
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Not submitted by its due time, or submitted after it.",
    )
    analysis = fields.Html(
        string="Analysis, Opinions and Suggestions",
        help="The classified analysis and the office's opinions and suggestions "
        "(R000-10, R000-78), or the unit's own analysis (R002-41).",
    )
    figures_at = fields.Datetime(
        string="Figures Counted At",
        readonly=True,
        help="Open and overdue appeals are a snapshot of this moment.",
    )
    line_ids = fields.One2many(
        "helpdesk.periodic.report.line", "report_id", string="Figures", readonly=True
    )
    signoff_ids = fields.One2many(
        "helpdesk.unsatisfied.signoff", "report_id", string="Unsatisfied Sign-offs"
    )
    review_ids = fields.One2many(
        "helpdesk.analysis.review", "report_id", string="Reviewed Complaints"
    )
    action_ids = fields.One2many(
        "helpdesk.rectification.action", "report_id", string="Rectification Actions"
    )
    investigated_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_periodic_report_investigated_rel",
        "report_id",
        "ticket_id",
        string="Investigated Appeals",
        readonly=True,
        help="Appeals HR reported on in the period, presented with their findings and "
        "proposals at the meeting (R000-09, D1).",
    )
    signoff_pending_count = fields.Integer(
        string="Sign-offs Pending", compute="_compute_signoff_pending_count"
    )

    # Headline figures (R004-23) and the gap to the targets (R004-17).
    satisfaction_rate = fields.Float(compute="_compute_headline", digits=(16, 2))
    composite_score = fields.Float(
        string="Composite Satisfaction", compute="_compute_headline", digits=(16, 2)
    )
    resolution_rate = fields.Float(compute="_compute_headline", digits=(16, 2))
    on_time_rate = fields.Float(
        string="On-time Completion Rate", compute="_compute_headline", digits=(16, 2)
    )
    correct_rate = fields.Float(
        string="Correct-completion Rate", compute="_compute_headline", digits=(16, 2)
    )
    callback_rate = fields.Float(compute="_compute_headline", digits=(16, 2))
    completion_rate = fields.Float(compute="_compute_headline", digits=(16, 2))
    repeat_rate = fields.Float(
        string="Repeat-complaint Rate", compute="_compute_headline", digits=(16, 2)
    )
    callback_gap = fields.Float(
        string="Callback Rate Gap", compute="_compute_headline", digits=(16, 2)
    )
    on_time_gap = fields.Float(
        string="On-time Reply Rate Gap", compute="_compute_headline", digits=(16, 2)
    )
    completion_gap = fields.Float(
        string="Completion Rate Gap", compute="_compute_headline", digits=(16, 2)
    )
    satisfaction_gap = fields.Float(
        string="Satisfaction Rate Gap", compute="_compute_headline", digits=(16, 2)
    )
    show_targets = fields.Boolean(related="preset_id.feature_targets")

    _period_uniq = models.UniqueIndex(
        "(schedule_id, company_id, COALESCE(department_id, 0), date_from)",
        "A report covers its period once.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends_context("lang")
    @api.depends("schedule_id.name", "date_from", "date_to", "department_id")
    def _compute_name(self):
        for report in self:
            period = (
                str(report.date_from)
                if report.date_from == report.date_to
                else f"{report.date_from} ~ {report.date_to}"
            )
            parts = [report.schedule_id.name, report.department_id.name, period]
            report.name = " ".join(part for part in parts if part)

    @api.depends("due_at", "submitted_at", "submitted_late")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for report in self:
            report.is_late = report.submitted_late or bool(
                not report.submitted_at and report.due_at and report.due_at < now
            )

    def _search_is_late(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = Domain("submitted_late", "=", True) | Domain(
            [("submitted_at", "=", False), ("due_at", "<", fields.Datetime.now())]
        )
        return domain if True in value else ~domain

    @api.depends("signoff_ids.signed_at")
    def _compute_signoff_pending_count(self):
        for report in self:
            report.signoff_pending_count = len(
                report.signoff_ids.filtered(lambda signoff: not signoff.signed_at)
            )

    @api.depends("line_ids", "preset_id")
    def _compute_headline(self):
        rates = self.env["helpdesk.complaint.rates"].RATES
        for report in self:
            total = report.line_ids.filtered(lambda line: line.dimension == "total")[:1]
            for rate in rates:
                report[rate] = total[rate] if total else 0.0
            preset = report.preset_id
            targets = {
                "callback_gap": (preset.target_callback_rate, report.callback_rate),
                "on_time_gap": (preset.target_on_time_rate, report.on_time_rate),
                "completion_gap": (
                    preset.target_completion_rate,
                    report.completion_rate,
                ),
                "satisfaction_gap": (
                    preset.target_satisfaction_rate,
                    report.satisfaction_rate,
                ),
            }
            for name, (target, actual) in targets.items():
                report[name] = max(target - actual, 0.0) if preset else 0.0

    # ------------------------------------------------------------------
    # Creating reports when their period closes
    # ------------------------------------------------------------------

    @api.model
    def _cron_generate(self, today=None):
        """Create every report whose period has closed and is not there yet
        (``today``: the company's local date by default)."""
        Schedule = self.env["helpdesk.report.schedule"].sudo()
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("complaint_preset_id", "!=", False)])
        )
        created = self.browse()
        for company in companies:
            day = today or company._complaint_local_date(fields.Datetime.now())
            for schedule in Schedule._for_company(company):
                date_from, date_to = schedule._last_closed_period(day)
                created |= self._generate(schedule, company, date_from, date_to)
        return created

    @api.model
    def _generate(self, schedule, company, date_from, date_to):
        """The reports of one schedule's period for a company, created if missing."""
        if schedule.per_department:
            departments = self._departments_to_analyse(company, date_from, date_to)
        else:
            departments = [self.env["hr.department"]]
        existing = {
            report.department_id.id
            for report in self.sudo().search(
                [
                    ("schedule_id", "=", schedule.id),
                    ("company_id", "=", company.id),
                    ("date_from", "=", date_from),
                ]
            )
        }
        due_date, due_at = schedule._due(company, date_to)
        reports = (
            self.sudo()
            .with_context(mail_create_nolog=True)
            .create(
                [
                    {
                        "schedule_id": schedule.id,
                        "company_id": company.id,
                        "department_id": department.id,
                        "date_from": date_from,
                        "date_to": date_to,
                        "due_date": due_date,
                        "due_at": due_at,
                        "presented_on": schedule._presented_on(date_to),
                    }
                    for department in departments
                    if department.id not in existing
                ]
            )
        )
        for report in reports:
            report._refresh_figures()
            report._assign_responsible()
        return reports

    @api.model
    def _departments_to_analyse(self, company, date_from, date_to):
        start, end = self.env["helpdesk.complaint.rates"]._period_bounds(
            company, date_from, date_to
        )
        groups = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("department_id", "!=", False),
                    ("nature_kind", "in", UNIT_ANALYSIS_KINDS),
                    ("received_at", ">=", start),
                    ("received_at", "<", end),
                ],
                ["department_id"],
            )
        )
        return [department for (department,) in groups]

    def _assign_responsible(self):
        for report in self:
            user = report._responsible_user()
            if not user:
                continue
            report.responsible_user_id = user
            report.message_subscribe(partner_ids=user.partner_id.ids)
            # A system text: in the company's language.
            texts = report.with_context(**report.company_id._complaint_text_context())
            report.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=report.due_date,
                summary=texts.env._(
                    "%(report)s is due by %(due)s",
                    report=texts.schedule_id.name,
                    due=report.due_date,
                ),
                user_id=user.id,
            )

    def _responsible_user(self):
        self.ensure_one()
        company = self.company_id
        who = self.schedule_id.responsible
        if who == "department":
            return self.department_id._complaint_report_owner()
        if who == "service_leader" and company.complaint_service_leader_id:
            return company.complaint_service_leader_id
        return company._complaint_office_owner()

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    def _ticket_domain(self):
        """The appeals this report counts."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.kind == "unit_analysis":
            domain += [
                ("department_id", "=", self.department_id.id),
                ("nature_kind", "in", UNIT_ANALYSIS_KINDS),
            ]
        return domain

    def _dimensions(self):
        self.ensure_one()
        dimensions = KIND_DIMENSIONS[self.kind]
        preset = self.preset_id
        if self.kind == "monthly_analysis" and (
            preset.feature_hot_spots or preset.feature_outage_frequency
        ):
            dimensions += ("area",)
        return dimensions

    def action_refresh(self):
        """Count the figures again (only while the report is being prepared)."""
        self._check_editor()
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "%(report)s is submitted: its figures are frozen.",
                        report=report.name,
                    )
                )
        self._refresh_figures()

    def _refresh_figures(self):
        Rates = self.env["helpdesk.complaint.rates"].sudo()
        Line = self.env["helpdesk.periodic.report.line"].sudo()
        order = {key: index for index, (key, _label) in enumerate(DIMENSIONS)}
        for report in self.sudo():
            report.line_ids.unlink()
            if report.kind == "daily_monitor":
                report._add_signoffs()
            if report.kind == "joint_analysis":
                report._add_reviews()
            if report.kind == "meeting_pack":
                report._collect_investigations()
            start, end = Rates._period_bounds(
                report.company_id, report.date_from, report.date_to
            )
            values = []
            for dimension in report._dimensions():
                for index, line in enumerate(
                    report._dimension_lines(dimension, start, end)
                ):
                    line.update(
                        report_id=report.id,
                        dimension=dimension,
                        dimension_sequence=order[dimension],
                        sequence=index,
                    )
                    values.append(line)
            Line.create(values)
            report.figures_at = fields.Datetime.now()

    def _dimension_lines(self, dimension, start, end):
        """Line values of one dimension of the report, largest groups first."""
        Rates = self.env["helpdesk.complaint.rates"]
        Line = self.env["helpdesk.periodic.report.line"]
        domain = self._ticket_domain()
        if dimension == "step":
            return self._step_lines(domain, start, end)
        if dimension == "root_cause":
            return self._root_cause_lines()
        groupby = DIMENSION_GROUPBY[dimension]
        if dimension == "area":
            # Hot spots are ranked by complaints (R004-07).
            domain = Domain.AND([domain, [("nature_kind", "=", "complaint")]])
        counts = Rates._counts(domain, start, end, groupby, company=self.company_id)
        if dimension == "total" and not counts:
            counts = {(): Rates._zero_counts()}
        lines = []
        for key, group_counts in counts.items():
            values = Line._values_from_counts(group_counts)
            for field_name, record in zip(groupby, key, strict=True):
                values[field_name] = record.id
            lines.append(values)
        lines.sort(key=lambda v: (-v["received_count"], -v["open_count"]))
        if dimension == "area":
            self._add_area_figures(lines, end)
        return lines

    def _add_area_figures(self, lines, end):
        """Planned-outage frequency (R004-06) and the hot-spot ranking (R004-07)."""
        preset = self.preset_id
        Area = self.env["helpdesk.service.area"]
        window = fields.Datetime.subtract(end, days=preset.outage_frequency_days or 30)
        outages = Area._planned_outage_counts(self.company_id, window, end)
        seen = {values.get("area_id") for values in lines}
        for area in outages:
            if area.id not in seen:
                values = self.env["helpdesk.periodic.report.line"]._values_from_counts(
                    self.env["helpdesk.complaint.rates"]._zero_counts()
                )
                values["area_id"] = area.id
                lines.append(values)
        rank = 0
        for values in lines:
            area = Area.browse(values.get("area_id"))
            values["planned_outage_count"] = outages.get(area, 0) if area else 0
            values["outages_too_frequent"] = bool(
                preset.feature_outage_frequency
                and values["planned_outage_count"] > preset.outage_frequency_limit
            )
            if (
                preset.feature_hot_spots
                and area
                and values["received_count"]
                and rank < preset.hot_spot_count
            ):
                rank += 1
                values["hot_spot_rank"] = rank

    def _step_lines(self, domain, start, end):
        """Open appeals per step code of the source's flowchart (R000-80)."""
        Rates = self.env["helpdesk.complaint.rates"]
        Step = self.env["helpdesk.process.step"]
        by_state = Step._by_state()
        counts = Rates._counts(domain, start, end, ("state",), ("open", "overdue_open"))
        per_step = defaultdict(Rates._zero_counts)
        reported = Domain.AND(
            [
                domain,
                Rates._count_domains(start, end)["open"],
                [("state", "=", "reported")],
            ]
        )
        for (state,), state_counts in counts.items():
            if state == "reported":
                continue
            step = by_state.get(state)
            if step:
                for name in ("open", "overdue_open"):
                    per_step[step][name] += state_counts[name]
        for ticket in self.env["helpdesk.ticket"].search(reported):
            step = ticket.process_step_id
            if step:
                per_step[step]["open"] += 1
                per_step[step]["overdue_open"] += ticket.deadline_state == "breached"
        Line = self.env["helpdesk.periodic.report.line"]
        lines = []
        # The counted steps in the steps' order, archived ones left out.
        for step in Step.search([("id", "in", [counted.id for counted in per_step])]):
            values = Line._values_from_counts(per_step[step])
            values["step_id"] = step.id
            lines.append(values)
        return lines

    def _root_cause_lines(self):
        """Reviewed complaints per root cause (R004-04)."""
        lines = []
        zero = self.env["helpdesk.complaint.rates"]._zero_counts()
        groups = (
            self.env["helpdesk.analysis.review"]
            .sudo()
            ._read_group([("report_id", "=", self.id)], ["root_cause_id"], ["__count"])
        )
        for cause, count in sorted(groups, key=lambda group: -group[1]):
            values = self.env["helpdesk.periodic.report.line"]._values_from_counts(zero)
            values.update(root_cause_id=cause.id, reviewed_count=count)
            lines.append(values)
        return lines

    def _add_signoffs(self):
        """Every unsatisfied rating of the day, for the service deputy GM (R004-08)."""
        start, end = self.env["helpdesk.complaint.rates"]._period_bounds(
            self.company_id, self.date_from, self.date_to
        )
        signed = self.env["helpdesk.unsatisfied.signoff"].sudo()._search([])
        callbacks = (
            self.env["helpdesk.ticket.callback"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("result", "=", "unsatisfied"),
                    ("called_at", ">=", start),
                    ("called_at", "<", end),
                    ("id", "not in", signed.subselect("callback_id")),
                ]
            )
        )
        self.env["helpdesk.unsatisfied.signoff"].sudo().create(
            [
                {"report_id": self.id, "callback_id": callback.id}
                for callback in callbacks
            ]
        )

    def _add_reviews(self):
        """The period's complaints, for the working group to review (R004-04)."""
        start, end = self.env["helpdesk.complaint.rates"]._period_bounds(
            self.company_id, self.date_from, self.date_to
        )
        reviewed = self.review_ids.ticket_id
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                self._ticket_domain()
                + [
                    ("nature_kind", "=", "complaint"),
                    ("received_at", ">=", start),
                    ("received_at", "<", end),
                    ("id", "not in", reviewed.ids),
                ]
            )
        )
        self.env["helpdesk.analysis.review"].sudo().create(
            [{"report_id": self.id, "ticket_id": ticket.id} for ticket in tickets]
        )

    def _collect_investigations(self):
        """Appeals HR reported on in the period (R000-09)."""
        start, end = self.env["helpdesk.complaint.rates"]._period_bounds(
            self.company_id, self.date_from, self.date_to
        )
        events = (
            self.env["helpdesk.ticket.event"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("event_code", "=", "hr_report"),
                    ("occurred_at", ">=", start),
                    ("occurred_at", "<", end),
                ]
            )
        )
        self.investigated_ticket_ids = events.ticket_id

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def _check_editor(self):
        """The office prepares company reports; a department its own analysis."""
        user = self.env.user
        if self.env.su or user.has_group(OFFICE):
            return
        for report in self:
            if not (
                report.kind == "unit_analysis"
                and user.has_group(DEPARTMENT_MANAGER)
                and report.department_id in user.employee_ids.department_id
            ):
                raise AccessError(
                    self.env._(
                        "Only the response office prepares %(report)s.",
                        report=report.name,
                    )
                )

    def action_submit(self):
        """Hand the report in: its figures freeze; it goes to the GM or is done."""
        self._check_editor()
        self._submit()

    def _submit(self):
        now = fields.Datetime.now()
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("%(report)s was already submitted.", report=report.name)
                )
            if report.signoff_pending_count:
                raise UserError(
                    self.env._(
                        "%(report)s: the service deputy GM has not signed off "
                        "%(count)s unsatisfied appeals yet (R004-08).",
                        report=report.name,
                        count=report.signoff_pending_count,
                    )
                )
            report.write(
                {
                    "state": "to_review"
                    if report.schedule_id.review_required
                    else "approved",
                    "submitted_at": report.submitted_at or now,
                    "submitted_by_id": report.submitted_by_id.id or self.env.uid,
                    "submitted_late": report.submitted_late
                    or bool(report.due_at and now > report.due_at),
                }
            )
            report.activity_feedback(["mail.mail_activity_data_todo"])
            if report.state == "to_review":
                gm = report.company_id.complaint_general_manager_id
                if gm:
                    report.activity_schedule(
                        "mail.mail_activity_data_todo",
                        summary=self.env._("Review %(report)s", report=report.name),
                        user_id=gm.id,
                    )
            elif not report._circulation_partners():
                report.state = "done"

    def action_approve(self):
        """The GM reviews and agrees (R000-78)."""
        self._check_reviewer()
        for report in self:
            if report.state != "to_review":
                raise UserError(
                    self.env._("%(report)s awaits no review.", report=report.name)
                )
            report.write(
                {
                    "state": "approved",
                    "approved_at": fields.Datetime.now(),
                    "approved_by_id": self.env.uid,
                }
            )
            report.activity_feedback(["mail.mail_activity_data_todo"])
            if not report._circulation_partners():
                report.state = "done"

    def action_return(self):
        """The GM sends the report back to be prepared again, with a note."""
        self._check_reviewer()
        for report in self:
            if report.state != "to_review":
                raise UserError(
                    self.env._("%(report)s awaits no review.", report=report.name)
                )
            if not report.review_note:
                raise UserError(
                    self.env._("Write in the reviewer's note why it goes back.")
                )
            report.state = "draft"
            report.activity_feedback(["mail.mail_activity_data_todo"])
            report.message_post(
                body=self.env._("Returned: %(note)s", note=report.review_note),
                subtype_xmlid="mail.mt_note",
            )
            if report.responsible_user_id:
                report.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Revise %(report)s", report=report.name),
                    note=report.review_note,
                    user_id=report.responsible_user_id.id,
                )

    def _check_reviewer(self):
        user = self.env.user
        for report in self:
            if not (
                self.env.su
                or user == report.company_id.complaint_general_manager_id
                or user.has_group(MANAGER)
            ):
                raise AccessError(
                    self.env._(
                        "Only the general manager reviews %(report)s.",
                        report=report.name,
                    )
                )

    def _circulation_partners(self):
        """Who receives the report by mail: the leadership and the heads of the
        departments in its figures (R000-78)."""
        self.ensure_one()
        schedule = self.schedule_id
        users = self.env["res.users"]
        if schedule.circulate_leaders:
            users |= self.env.ref(LEADER).all_user_ids.filtered(
                lambda user: self.company_id in user.company_ids
            )
        if schedule.circulate_departments:
            departments = self.line_ids.filtered(
                lambda line: (
                    line.department_id
                    and (line.received_count or line.completed_count or line.open_count)
                )
            ).department_id
            users |= departments.manager_id.user_id | departments.complaint_handler_id
        return users.filtered(lambda user: user.active and not user.share).partner_id

    def action_circulate(self):
        """Mail the approved report with its XLSX to its audience."""
        self._check_editor()
        for report in self:
            if report.state != "approved":
                raise UserError(
                    self.env._(
                        "%(report)s is circulated once it is approved.",
                        report=report.name,
                    )
                )
            partners = report._circulation_partners()
            content, _type = (
                self.env["ir.actions.report"]
                .sudo()
                ._render_xlsx(
                    "helpdesk_utility_complaint.periodic_report_xlsx", report.ids, {}
                )
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": f"{report.name}.xlsx",
                    "datas": base64.b64encode(content),
                    "res_model": report._name,
                    "res_id": report.id,
                }
            )
            report.message_post(
                body=self.env._(
                    "%(report)s, circulated by the response office.",
                    report=report.name,
                ),
                partner_ids=partners.ids,
                attachment_ids=attachment.ids,
                subtype_xmlid="mail.mt_comment",
            )
            report.write({"state": "done", "circulated_at": fields.Datetime.now()})

    def action_export_xlsx(self):
        return self.env.ref(
            "helpdesk_utility_complaint.periodic_report_xlsx"
        ).report_action(self)

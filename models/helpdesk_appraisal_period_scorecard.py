from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_appraisal_period import PERIOD_MONTHS


class HelpdeskAppraisalPeriod(models.Model):
    """The appraisal of a period: its cards, its runs, what is missing before a lock."""

    _inherit = "helpdesk.appraisal.period"

    scorecard_ids = fields.One2many(
        "helpdesk.scorecard", "period_id", string="Scorecards"
    )
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")
    run_ids = fields.One2many("helpdesk.appraisal.run", "period_id", string="Runs")
    appraisal_template_id = fields.Many2one(
        "helpdesk.scorecard.template",
        compute="_compute_appraisal_template_id",
        string="Scorecard",
    )

    @api.depends("company_id.complaint_preset_id", "period_type")
    def _compute_appraisal_template_id(self):
        for period in self:
            period.appraisal_template_id = self._default_template(
                period.company_id, period.period_type
            )

    def _compute_scorecard_count(self):
        counts = dict(
            self.env["helpdesk.scorecard"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.scorecard_count = counts.get(period, 0)

    @api.model
    def _for_period(self, company, period_type, day):
        """The month, quarter or year of ``day``, created on first use."""
        day = fields.Date.to_date(day)
        if period_type == "month":
            return self._for_date(company, day)
        period = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", period_type),
                ("date_start", "<=", day),
                ("date_end", ">=", day),
            ],
            limit=1,
        )
        if period:
            return period
        if period_type == "year":
            start = day.replace(month=1, day=1)
        else:
            start = day.replace(month=day.month - (day.month - 1) % 3, day=1)
        return self.sudo().create(
            {"company_id": company.id, "period_type": period_type, "date_start": start}
        )

    def _months(self):
        """The month periods inside this period."""
        self.ensure_one()
        if self.period_type == "month":
            return self
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", "month"),
                ("date_start", ">=", self.date_start),
                ("date_end", "<=", self.date_end),
            ]
        )

    @api.model
    def _default_template(self, company, period_type):
        """The company preset's scorecard for a cycle."""
        return self.env["helpdesk.scorecard.template"].search(
            [
                ("preset_id", "=", company.complaint_preset_id.id or False),
                ("is_sandbox", "=", False),
                (f"in_{period_type}", "=", True),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_appraisal_computable(self, template):
        """Refuse, with the reason, a run that cannot give valid cards."""
        self.ensure_one()
        company = self.company_id
        if self.state == "locked":
            raise UserError(
                self.env._(
                    "The appraisal of %(period)s is locked: its cards cannot be "
                    "computed again. Corrections go into an open period (C-09).",
                    period=self.name,
                )
            )
        if not company.complaint_preset_id:
            raise UserError(
                self.env._(
                    "%(company)s runs under no complaint rule preset: choose one in "
                    "the settings before running the appraisal.",
                    company=company.name,
                )
            )
        if not template:
            raise UserError(
                self.env._(
                    "The preset %(preset)s has no scorecard template for this cycle.",
                    preset=company.complaint_preset_id.name,
                )
            )
        if template.is_sandbox:
            raise UserError(
                self.env._(
                    "%(template)s is a what-if copy: it can be replayed, not run.",
                    template=template.name,
                )
            )
        if template.preset_id != company.complaint_preset_id:
            raise UserError(
                self.env._(
                    "%(template)s belongs to the preset %(preset)s, but %(company)s "
                    "runs under %(company_preset)s.",
                    template=template.name,
                    preset=template.preset_id.name,
                    company=company.name,
                    company_preset=company.complaint_preset_id.name,
                )
            )
        if not template._runs_cycle(self.period_type):
            raise UserError(
                self.env._(
                    "%(template)s does not run for a %(cycle)s.",
                    template=template.name,
                    cycle=dict(
                        self._fields["period_type"]._description_selection(self.env)
                    )[self.period_type].lower(),
                )
            )

    def _check_lock_blockers(self, template, ignore_run=None):
        blockers = [
            issue
            for issue in self._appraisal_issues(template, ignore_run=ignore_run)
            if issue["blocking"]
        ]
        if blockers:
            raise UserError(
                self.env._(
                    "%(period)s cannot be locked yet:\n%(blockers)s",
                    period=self.name,
                    blockers="\n".join(
                        f"- {issue['name']} ({issue['count']})" for issue in blockers
                    ),
                )
            )

    # ------------------------------------------------------------------
    # Preview: what is missing, and what blocks the lock
    # ------------------------------------------------------------------

    def _appraisal_issues(self, template, ignore_run=None):
        """[{name, count, blocking, res_model, domain}] for the preview and the lock."""
        self.ensure_one()
        env = self.env
        company = self.company_id
        engine = env["helpdesk.scorecard.engine"]
        frame = engine._frame(self, template)
        months = frame.months
        issues = []

        def add(model, domain, blocking=False, count=None, name=None):
            if count is None:
                count = env[model].sudo().search_count(domain)
            if count:
                issues.append(
                    {
                        "name": name,
                        "count": count,
                        "blocking": blocking,
                        "res_model": model,
                        "domain": domain,
                    }
                )

        pending = (
            env["helpdesk.appraisal.run"]
            .sudo()
            .search(
                [
                    ("period_id", "=", self.id),
                    ("state", "in", ("queued", "running")),
                    ("id", "!=", ignore_run.id if ignore_run else False),
                ]
            )
        )
        add(
            "helpdesk.appraisal.run",
            [("id", "in", pending.ids)],
            blocking=True,
            name=env._("A run of this period is still computing"),
        )
        start = fields.Datetime.to_string(frame.start_utc)
        end = fields.Datetime.to_string(frame.end_utc)
        add(
            "helpdesk.deduction.line",
            [
                ("company_id", "=", company.id),
                ("state", "=", "contested"),
                ("create_date", "<", end),
            ],
            blocking=True,
            name=env._("Contested deductions awaiting a decision"),
        )
        add(
            "helpdesk.deduction.line",
            [
                ("company_id", "=", company.id),
                ("state", "=", "draft"),
                ("create_date", "<", end),
            ],
            name=env._(
                "Proposed deductions still in their contest window (they count in the "
                "month they are confirmed in, C-09)"
            ),
        )
        add(
            "helpdesk.ticket",
            [
                ("company_id", "=", company.id),
                ("replied_at", ">=", start),
                ("replied_at", "<", end),
                ("satisfaction", "=", False),
            ],
            name=env._(
                "Appeals replied in the period without a callback result (R000-49)"
            ),
        )
        add(
            "helpdesk.ticket.deadline",
            [
                ("company_id", "=", company.id),
                ("provisional", "=", True),
                ("deadline", ">=", start),
                ("deadline", "<", end),
            ],
            name=env._(
                "Deadlines in the period counted on a provisional holiday calendar"
            ),
        )
        units = frame.units
        add(
            "helpdesk.deduction.line",
            [
                ("company_id", "=", company.id),
                ("period_id", "in", months.ids),
                ("state", "=", "confirmed"),
                ("department_id", "not in", units.ids),
            ],
            name=env._("Confirmed deductions of units that get no card"),
        )
        shortfall_rules = (
            env["helpdesk.deduction.rule"]
            .sudo()
            .search(
                [
                    ("preset_id", "=", template.preset_id.id),
                    ("generator", "=", "platform_shortfall"),
                ]
            )
        )
        table_codes = engine._table_codes(frame)
        counted = set()
        for item in frame.items:
            counted |= frame.item_codes(item, table_codes)
        for rule in shortfall_rules.filtered(lambda rule: rule.code in counted):
            entered = (
                env["helpdesk.platform.shortfall"]
                .sudo()
                .search(
                    [
                        ("period_id", "in", months.ids),
                        ("rule_id", "=", rule.id),
                        ("state", "=", "confirmed"),
                    ]
                )
            )
            missing = months - entered.period_id
            add(
                "helpdesk.platform.shortfall",
                [("period_id", "in", months.ids), ("rule_id", "=", rule.id)],
                blocking=True,
                count=len(missing),
                name=env._(
                    "Platform results not entered and confirmed for %(months)s "
                    "(%(rule)s)",
                    months=", ".join(missing.mapped("name")),
                    rule=rule.code,
                ),
            )
        manual = frame.items.filtered(
            lambda item: item.measure == "manual" and item._assessed_in(self)
        )
        if manual and units:
            activity = engine._activity(frame, units)
            entered = {
                (score.item_code, score.department_id.id)
                for score in env["helpdesk.scorecard.manual.score"]
                .sudo()
                .search(
                    [
                        ("period_id", "=", self.id),
                        ("item_code", "in", manual.mapped("code")),
                    ]
                )
            }
            missing = sum(
                1
                for item in manual
                for unit in units
                if activity.get(unit.id, True) and (item.code, unit.id) not in entered
            )
            add(
                "helpdesk.scorecard.manual.score",
                [("period_id", "=", self.id)],
                blocking=True,
                count=missing,
                name=env._("Scores HR enters by hand, not entered yet"),
            )
        if template._reported_rate_item() and self.period_type == "month":
            report = (
                env["helpdesk.satisfaction.report"]
                .sudo()
                .search([("period_id", "=", self.id)], limit=1)
            )
            if report.state != "submitted":
                add(
                    "helpdesk.satisfaction.report",
                    [("period_id", "=", self.id)],
                    count=1,
                    name=env._(
                        "The satisfaction report to HR is not submitted (due "
                        "%(due)s, R000-50): the rate counts every clearing until now",
                        due=report.due_date or self._satisfaction_report_due(),
                    ),
                )
            elif report.is_late:
                add(
                    "helpdesk.satisfaction.report",
                    [("id", "=", report.id)],
                    name=env._("The satisfaction report reached HR late (R000-50)"),
                )
        if self.period_type != "month":
            add(
                "helpdesk.appraisal.period",
                [("id", "in", months.ids), ("state", "=", "open")],
                name=env._("Months of the period still open"),
            )
        if self.period_type == "year" and template.in_year:
            sub_cycles = [
                cycle for cycle in ("month", "quarter") if template[f"in_{cycle}"]
            ]
            expected = sum(12 // PERIOD_MONTHS[cycle] for cycle in sub_cycles) * len(
                units
            )
            cards = (
                env["helpdesk.scorecard"]
                .sudo()
                .search_count(
                    [
                        ("template_id", "=", template.id),
                        ("period_type", "in", sub_cycles),
                        ("date_start", ">=", self.date_start),
                        ("date_start", "<=", self.date_end),
                    ]
                )
            )
            add(
                "helpdesk.scorecard",
                [
                    ("template_id", "=", template.id),
                    ("period_type", "in", sub_cycles),
                    ("date_start", ">=", self.date_start),
                    ("date_start", "<=", self.date_end),
                ],
                count=max(expected - cards, 0),
                name=env._(
                    "Monthly and quarterly cards of the year not computed (the annual "
                    "result uses those that are)"
                ),
            )
        return issues

    def _satisfaction_report_due(self):
        """R000-50: the month's satisfaction report to HR is due when R000-78's
        monthly analysis is (the 28th of the next month, the 26th in February; on a
        rest day kept or moved to the working day before, CONFIG): one due rule, the
        preset's monthly-analysis schedule; False when the preset has none."""
        self.ensure_one()
        schedule = (
            self.env["helpdesk.report.schedule"]
            .sudo()
            ._for_company(self.company_id)
            .filtered(lambda schedule: schedule.kind == "monthly_analysis")[:1]
        )
        if not schedule:
            return False
        return schedule._due(self.company_id, self.date_end)[0]

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_open_run_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Run Appraisal"),
            "res_model": "helpdesk.appraisal.run.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_company_id": self.company_id.id,
                "default_period_type": self.period_type,
                "default_date": fields.Date.to_string(self.date_start),
            },
        }

    def action_open_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_helpdesk_scorecard"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {}
        return action

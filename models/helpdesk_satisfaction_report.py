from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import OFFICE


class HelpdeskSatisfactionReport(models.Model):
    """The response office's monthly satisfaction figures for HR (R000-50).

    It covers one month and is due on the 28th of the next (26th in February). Its
    submission is the cut-off of R000-51: a clearing recorded before it counts as
    satisfied in the month's rate, a later one does not change the rate. The figures are
    those of the company scorecard's satisfaction rate (R000-49), frozen at submission.
    """

    _name = "helpdesk.satisfaction.report"
    _description = "Monthly Satisfaction Report"
    _inherit = ["mail.thread"]
    _order = "period_id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, string="Company"
    )
    period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        string="Month",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('period_type', '=', 'month')]",
    )
    due_date = fields.Date(compute="_compute_due_date", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted to HR")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    submitted_at = fields.Datetime(readonly=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    is_late = fields.Boolean(string="Late", compute="_compute_is_late", store=True)
    answered_count = fields.Integer(
        string="Appeals Rated",
        readonly=True,
        help="Appeals with a final reply in the month and a callback result.",
    )
    satisfied_total = fields.Float(
        string="Counted as Satisfied", digits=(16, 2), readonly=True
    )
    rate = fields.Float(string="Satisfaction Rate (%)", digits=(16, 2), readonly=True)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
    basically_satisfied_count = fields.Integer(
        string="Basically Satisfied", readonly=True
    )
    unsatisfied_count = fields.Integer(string="Unsatisfied", readonly=True)
    cleared_count = fields.Integer(
        string="Cleared in Time",
        readonly=True,
        help="Unsatisfied appeals cleared before the report: they count as satisfied "
        "(R000-51).",
    )
    no_result_count = fields.Integer(
        string="Without a Callback Result",
        readonly=True,
        help="Listed separately, not in the rate (R000-49).",
    )
    refreshed_at = fields.Datetime(readonly=True)

    _period_uniq = models.Constraint(
        "UNIQUE(period_id)", "A month has one satisfaction report."
    )

    @api.depends("period_id.name")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "Satisfaction %(month)s", month=report.period_id.name or ""
            )

    @api.depends("period_id.date_end", "company_id.complaint_preset_id")
    def _compute_due_date(self):
        for report in self:
            report.due_date = (
                report.period_id._satisfaction_report_due()
                if report.period_id
                else False
            )

    @api.depends("submitted_at", "due_date")
    def _compute_is_late(self):
        for report in self:
            if not (report.submitted_at and report.due_date):
                report.is_late = False
                continue
            calendar = report.company_id._get_complaint_calendar()
            local = calendar._sla_local(report.submitted_at, calendar._sla_tz())
            report.is_late = local.date() > report.due_date

    @api.model
    def _for_period(self, period):
        report = self.search([("period_id", "=", period.id)], limit=1)
        return report or self.create({"period_id": period.id})

    def _template(self):
        self.ensure_one()
        template = self.env["helpdesk.appraisal.period"]._default_template(
            self.company_id, "month"
        )
        if not template._reported_rate_item():
            raise UserError(
                self.env._(
                    "The scorecard of %(company)s reports no satisfaction rate.",
                    company=self.company_id.name,
                )
            )
        return template

    def _figures(self):
        """The month's figures with every clearing recorded until now."""
        self.ensure_one()
        engine = self.env["helpdesk.scorecard.engine"]
        template = self._template()
        frame = engine._frame(self.period_id, template, real=False)
        item = template._reported_rate_item().sudo()
        value, numerator, denominator = engine._value(
            item, engine._measure(frame, item, frame.units)["company"]
        )
        Ticket = self.env["helpdesk.ticket"].sudo()
        replied = engine._period_domain(frame, Ticket, "replied_at") + [
            ("company_id", "=", self.company_id.id)
        ]
        levels = dict(Ticket._read_group(replied, ["satisfaction"], ["__count"]))
        cleared = Ticket.search_count(
            replied
            + [
                ("unsatisfied_at", "!=", False),
                ("cleared_at", "!=", False),
                ("cleared_at", "<=", frame.variables["cutoff"]),
            ]
        )
        return {
            "answered_count": int(denominator),
            "satisfied_total": numerator,
            "rate": value or 0.0,
            "satisfied_count": levels.get("satisfied", 0),
            "basically_satisfied_count": levels.get("basically_satisfied", 0),
            "unsatisfied_count": levels.get("unsatisfied", 0),
            "cleared_count": cleared,
            "no_result_count": levels.get(False, 0),
            "refreshed_at": fields.Datetime.now(),
        }

    def action_refresh(self):
        for report in self.filtered(lambda report: report.state == "draft"):
            report.write(report._figures())

    def action_submit(self):
        """R000-50: the office sends the figures to HR; they are frozen from now on."""
        if not self.env.user.has_group(OFFICE):
            raise AccessError(
                self.env._("The response office submits the satisfaction report.")
            )
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("%(report)s is already submitted.", report=report.name)
                )
            report.period_id._check_open()
            figures = report._figures()
            report.write(
                dict(
                    figures,
                    state="submitted",
                    submitted_at=figures["refreshed_at"],
                    submitted_by_id=self.env.uid,
                )
            )

    def action_open_appeals(self):
        self.ensure_one()
        engine = self.env["helpdesk.scorecard.engine"]
        frame = engine._frame(self.period_id, self._template(), real=False)
        Ticket = self.env["helpdesk.ticket"]
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": engine._period_domain(frame, Ticket, "replied_at")
            + [("company_id", "=", self.company_id.id)],
            "context": {"group_by": ["satisfaction"], "create": False},
        }

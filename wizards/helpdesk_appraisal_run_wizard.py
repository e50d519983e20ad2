from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

BACKGROUND_PARAM = "helpdesk_utility_complaint.appraisal_background_appeals"


class HelpdeskAppraisalRunWizard(models.TransientModel):
    """Run Appraisal: pick a company and a period, preview what is missing, compute the
    cards, lock the period."""

    _name = "helpdesk.appraisal.run.wizard"
    _description = "Run Appraisal"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        string="Cycle",
        required=True,
        default="month",
    )
    date = fields.Date(
        string="Any Day of the Period",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        ),
    )
    template_id = fields.Many2one(
        "helpdesk.scorecard.template",
        string="Scorecard",
        compute="_compute_template_id",
        store=True,
        readonly=False,
        domain="[('preset_id', '=', preset_id), ('is_sandbox', '=', False)]",
    )
    preset_id = fields.Many2one(related="company_id.complaint_preset_id")
    period_id = fields.Many2one("helpdesk.appraisal.period", readonly=True)
    period_state = fields.Selection(related="period_id.state")
    background = fields.Boolean(
        string="Run in the Background",
        help="Large periods are computed in batches by a scheduled job; follow it "
        "under Appraisal Runs.",
    )
    step = fields.Selection(
        [("choose", "Choose"), ("preview", "Preview"), ("done", "Computed")],
        default="choose",
        required=True,
    )
    issue_ids = fields.One2many(
        "helpdesk.appraisal.run.issue", "wizard_id", string="What Is Missing"
    )
    blocking_count = fields.Integer(compute="_compute_blocking_count")
    run_id = fields.Many2one(
        "helpdesk.appraisal.run", string="Appraisal Run", readonly=True
    )
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")

    @api.depends("company_id", "period_type")
    def _compute_template_id(self):
        Period = self.env["helpdesk.appraisal.period"]
        for wizard in self:
            wizard.template_id = Period._default_template(
                wizard.company_id, wizard.period_type
            )

    @api.depends("issue_ids.blocking")
    def _compute_blocking_count(self):
        for wizard in self:
            wizard.blocking_count = len(wizard.issue_ids.filtered("blocking"))

    @api.depends("period_id", "template_id", "run_id.state")
    def _compute_scorecard_count(self):
        for wizard in self:
            wizard.scorecard_count = self.env["helpdesk.scorecard"].search_count(
                [
                    ("period_id", "=", wizard.period_id.id),
                    ("template_id", "=", wizard.template_id.id),
                ]
            )

    def _period(self):
        """The chosen period, created on first use, checked to be computable."""
        self.ensure_one()
        if not self.company_id.complaint_preset_id:
            raise UserError(
                self.env._(
                    "%(company)s runs under no complaint rule preset: choose one in "
                    "the settings before running the appraisal.",
                    company=self.company_id.name,
                )
            )
        period = self.env["helpdesk.appraisal.period"]._for_period(
            self.company_id, self.period_type, self.date
        )
        self.period_id = period
        period._check_appraisal_computable(self.template_id)
        return period

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Run Appraisal"),
        }

    def _background_suggested(self, period):
        limit = int(
            self.env["ir.config_parameter"].sudo().get_param(BACKGROUND_PARAM, "0") or 0
        )
        if not limit:
            return False
        return (
            self.env["helpdesk.ticket"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", self.company_id.id),
                    ("received_at", ">=", period.date_start),
                    ("received_at", "<=", period.date_end),
                ],
                limit=limit + 1,
            )
            > limit
        )

    def action_preview(self):
        self.ensure_one()
        period = self._period()
        self.issue_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "sequence": index,
                    "name": issue["name"],
                    "count": issue["count"],
                    "blocking": issue["blocking"],
                    "res_model": issue["res_model"],
                    "domain": repr(issue["domain"]),
                }
            )
            for index, issue in enumerate(period._appraisal_issues(self.template_id))
        ]
        self.background = self.background or self._background_suggested(period)
        self.step = "preview"
        return self._reopen()

    def action_compute(self):
        self.ensure_one()
        period = self._period()
        self.run_id = self.env["helpdesk.appraisal.run"]._start(
            period, self.template_id, background=self.background
        )
        self.step = "done"
        return self.action_preview() if self.background else self._done()

    def action_lock(self):
        self.ensure_one()
        period = self._period()
        self.run_id = self.env["helpdesk.appraisal.run"]._start(
            period, self.template_id, lock=True, background=self.background
        )
        self.step = "done"
        return self._reopen() if self.background else self._done()

    def _done(self):
        self.issue_ids = [fields.Command.clear()]
        return self._reopen()

    def action_open_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_helpdesk_scorecard"
        )
        action["domain"] = [
            ("period_id", "=", self.period_id.id),
            ("template_id", "=", self.template_id.id),
        ]
        action["context"] = {}
        return action

    def action_open_run(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.appraisal.run",
            "res_id": self.run_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

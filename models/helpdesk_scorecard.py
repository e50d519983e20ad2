from markupsafe import Markup, escape

from odoo import api, fields, models


class HelpdeskScorecard(models.Model):
    """The card of one appraised unit for one period under one template.

    Derived data: an appraisal run computes it (twice gives the same card) and locking
    the period freezes it with every record it counted. Nobody edits a card.
    """

    _name = "helpdesk.scorecard"
    _description = "Scorecard"
    _order = "date_start desc, template_id, rank, department_id"
    _rec_names_search = ["department_id", "period_id"]

    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, string="Company"
    )
    period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    period_type = fields.Selection(related="period_id.period_type", store=True)
    date_start = fields.Date(related="period_id.date_start", store=True)
    period_state = fields.Selection(
        related="period_id.state", store=True, string="Period Status"
    )
    template_id = fields.Many2one(
        "helpdesk.scorecard.template",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    base_score = fields.Float(digits=(16, 2), readonly=True)
    total = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    deduction_total = fields.Float(
        string="Deductions", digits=(16, 2), readonly=True, aggregator="sum"
    )
    bonus_total = fields.Float(
        string="Bonuses", digits=(16, 2), readonly=True, aggregator="sum"
    )
    rank = fields.Integer(readonly=True, aggregator=None)
    unit_count = fields.Integer(string="Units Ranked", readonly=True, aggregator=None)
    has_activity = fields.Boolean(
        string="Had Appeals",
        default=True,
        readonly=True,
        help="The unit had appeals in the period; inactive periods can be left out of "
        "the annual mean (R003-02).",
    )
    missing_count = fields.Integer(
        string="Scores Not Entered", readonly=True, aggregator="sum"
    )
    annual_result = fields.Float(
        digits=(16, 2),
        readonly=True,
        aggregator="avg",
        help="Yearly cards: the weighted mean of the monthly, quarterly and annual "
        "totals (R003-02).",
    )
    month_mean = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    month_count = fields.Integer(
        string="Months Counted", readonly=True, aggregator=None
    )
    quarter_mean = fields.Float(digits=(16, 2), readonly=True, aggregator="avg")
    quarter_count = fields.Integer(
        string="Quarters Counted", readonly=True, aggregator=None
    )
    computed_at = fields.Datetime(readonly=True)
    frozen_at = fields.Datetime(
        readonly=True,
        help="When the lock kept the records behind every number of the card.",
    )
    run_id = fields.Many2one(
        "helpdesk.appraisal.run", string="Appraisal Run", readonly=True
    )
    line_ids = fields.One2many(
        "helpdesk.scorecard.line", "scorecard_id", string="Items", readonly=True
    )
    dimension_summary = fields.Html(
        compute="_compute_dimension_summary", sanitize=False
    )

    _period_template_unit_uniq = models.Constraint(
        "UNIQUE(period_id, template_id, department_id)",
        "A unit has one card per period and template.",
    )

    @api.depends("department_id", "period_id")
    def _compute_display_name(self):
        for card in self:
            card.display_name = (
                f"{card.department_id.name or ''} {card.period_id.name or ''}".strip()
            )

    @api.depends("line_ids.score", "line_ids.weight", "line_ids.dimension_id")
    def _compute_dimension_summary(self):
        for card in self:
            rows = []
            for dimension in card.line_ids.dimension_id.sorted("sequence"):
                lines = card.line_ids.filtered(
                    lambda line, dimension=dimension: line.dimension_id == dimension
                )
                rows.append(
                    Markup("<tr><td>%s</td><td class='text-end'>%.2f</td>")
                    % (dimension.name, sum(lines.mapped("score")))
                    + Markup("<td class='text-end'>%.2f</td></tr>") % dimension.weight
                )
            card.dimension_summary = (
                Markup(
                    "<table class='table table-sm o_scorecard_dimensions'><thead><tr>"
                    "<th>%s</th><th class='text-end'>%s</th>"
                    "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
                )
                % (
                    escape(self.env._("Dimension")),
                    escape(self.env._("Score")),
                    escape(self.env._("Weight")),
                    Markup("").join(rows),
                )
                if rows
                else False
            )

    # Cards of a locked period are read-only for everyone (C-09).
    def write(self, vals):
        self.period_id._check_open()
        return super().write(vals)

    def unlink(self):
        self.period_id._check_open()
        return super().unlink()

    def action_open_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": "helpdesk.scorecard.line",
            "view_mode": "list,pivot",
            "domain": [("scorecard_id", "=", self.id)],
        }

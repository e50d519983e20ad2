from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .stored_domain import parse_stored_domain


class HelpdeskScorecardTemplate(models.Model):
    """The scorecard a preset appraises its units with: a base, dimensions and items.

    Water-supply company (seed 000): base 100 minus the period's confirmed points
    (C-08), plus the satisfaction items. Heating (seed 003): base 0 and a 100-point
    card of four dimensions (R003-03) run monthly, quarterly and yearly, combined
    40/30/30 (R003-02).
    A complaint manager may copy a template for a what-if replay; such copies never run
    for real.
    """

    _name = "helpdesk.scorecard.template"
    _description = "Scorecard Template"
    _order = "preset_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    is_sandbox = fields.Boolean(
        string="What-If Copy",
        readonly=True,
        help="An edited copy for what-if replays: it is never used by a real run.",
    )
    copied_from_id = fields.Many2one("helpdesk.scorecard.template", readonly=True)
    base_score = fields.Float(
        digits=(16, 2),
        help="Every card starts from this score; items then add their scores (C-08: "
        "100 for the water-supply company; 0 for a card whose items carry the points).",
    )
    total_cap = fields.Float(
        string="Highest Total",
        digits=(16, 2),
        help="A card's total never exceeds this; 0: no cap (R003-04).",
    )
    in_month = fields.Boolean(string="Monthly", default=True)
    in_quarter = fields.Boolean(string="Quarterly")
    in_year = fields.Boolean(
        string="Yearly",
        help="The annual review; its card also carries the annual result (R003-02).",
    )
    month_weight = fields.Float(
        string="Monthly Weight (%)",
        digits=(16, 2),
        help="Share of the mean of the monthly totals in the annual result (R003-02).",
    )
    quarter_weight = fields.Float(string="Quarterly Weight (%)", digits=(16, 2))
    year_weight = fields.Float(string="Annual Review Weight (%)", digits=(16, 2))
    exclude_inactive = fields.Boolean(
        string="Leave Out Inactive Periods",
        help="A unit's months (and quarters) without an appeal, e.g. outside the "
        "heating season, do not count in its annual mean (R003-02).",
    )
    activity_domain = fields.Char(
        default="[]",
        help="Appeals received in the period by the unit that make it active.",
    )
    unit_domain = fields.Char(
        string="Appraised Units",
        default="[('parent_id', '=', False)]",
        required=True,
        help="The departments that get a card, e.g. every top-level department.",
    )
    dimension_ids = fields.One2many(
        "helpdesk.scorecard.dimension", "template_id", string="Dimensions"
    )
    item_ids = fields.One2many("helpdesk.scorecard.item", "template_id", string="Items")
    item_weight_total = fields.Float(
        compute="_compute_item_weight_total", digits=(16, 2)
    )

    @api.depends("item_ids.weight")
    def _compute_item_weight_total(self):
        for template in self:
            template.item_weight_total = sum(template.item_ids.mapped("weight"))

    @api.constrains("unit_domain", "activity_domain")
    def _check_domains(self):
        variables = self.env["helpdesk.scorecard.item"]._domain_placeholders()
        for template in self:
            for text, model, variables_of in (
                (template.unit_domain, self.env["hr.department"], {}),
                (template.activity_domain, self.env["helpdesk.ticket"], variables),
            ):
                try:
                    parse_stored_domain(model, text, variables_of)
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "Template %(template)s: %(domain)s is not a valid filter "
                            "of %(model)s (%(problem)s).",
                            template=template.name,
                            domain=text,
                            model=model._description,
                            problem=error,
                        )
                    ) from error

    @api.constrains("month_weight", "quarter_weight", "year_weight", "in_year")
    def _check_annual_weights(self):
        for template in self.filtered("in_year"):
            total = template.month_weight + template.quarter_weight
            total += template.year_weight
            if round(total, 2) != 100:
                raise ValidationError(
                    self.env._(
                        "Template %(template)s: the monthly, quarterly and annual "
                        "weights must add up to 100%% (they add up to %(total)s%%).",
                        template=template.name,
                        total=round(total, 2),
                    )
                )

    def _runs_cycle(self, period_type):
        self.ensure_one()
        return self[f"in_{period_type}"]

    def _appraised_units(self, company):
        """The departments of ``company`` that get a card."""
        self.ensure_one()
        return (
            self.env["hr.department"]
            .sudo()
            .search(
                safe_eval(self.unit_domain or "[]")
                + [("company_id", "in", [company.id, False])],
                order="id",
            )
        )

    def copy(self, default=None):
        """Dimensions and items are copied with the template, items keeping their
        dimension in the copy."""
        templates = super().copy(default)
        for origin, template in zip(self, templates, strict=True):
            dimensions = {
                dimension: dimension.copy({"template_id": template.id})
                for dimension in origin.dimension_ids
            }
            for item in origin.item_ids:
                dimension = dimensions.get(item.dimension_id)
                item.copy(
                    {
                        "template_id": template.id,
                        "dimension_id": dimension.id if dimension else False,
                    }
                )
        return templates

    def _reported_rate_item(self):
        """The satisfaction rate the response office reports to HR (R000-50)."""
        self.ensure_one()
        return self.item_ids.filtered(
            lambda item: item.reported_to_hr and item.measure == "rate"
        )[:1]

    def copy_data(self, default=None):
        vals_list = super().copy_data(default)
        for template, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%(name)s (copy)", name=template.name))
        return vals_list

    def action_copy_for_whatif(self):
        """A sandbox copy a complaint manager edits and replays (never run for real)."""
        self.ensure_one()
        copy = self.copy(
            {
                "is_sandbox": True,
                "copied_from_id": self.id,
                "name": self.env._("%(name)s (what-if)", name=self.name),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": copy.id,
            "view_mode": "form",
            "target": "current",
        }

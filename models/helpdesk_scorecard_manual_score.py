from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..groups import APPRAISAL


class HelpdeskScorecardManualScore(models.Model):
    """A score HR enters for an item measured by hand, per unit and period.

    R000-56: HR appraises the response office and the office appraises the departments;
    nobody scores their own unit.
    """

    _name = "helpdesk.scorecard.manual.score"
    _description = "Scorecard Score Entered by Hand"
    _inherit = ["mail.thread"]
    _order = "period_id desc, item_id, department_id"

    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, string="Company"
    )
    period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('state', '=', 'open')]",
    )
    item_id = fields.Many2one(
        "helpdesk.scorecard.item",
        required=True,
        ondelete="restrict",
        domain="[('measure', '=', 'manual'), ('template_id.is_sandbox', '=', False)]",
    )
    item_code = fields.Char(related="item_id.code", store=True, index=True)
    weight = fields.Float(related="item_id.weight")
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True
    )
    score = fields.Float(digits=(16, 2), required=True, tracking=True)
    note = fields.Text(tracking=True)
    entered_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
    )

    _period_item_unit_uniq = models.Constraint(
        "UNIQUE(period_id, item_id, department_id)",
        "An item has one score per unit and period.",
    )

    @api.constrains("score", "item_id")
    def _check_score(self):
        for entry in self:
            if entry.item_id.measure != "manual":
                raise ValidationError(
                    self.env._(
                        "%(item)s is measured from its records: it takes no score "
                        "entered by hand.",
                        item=entry.item_id.display_name,
                    )
                )
            if entry.score < 0 or entry.score > entry.item_id.weight:
                raise ValidationError(
                    self.env._(
                        "%(item)s scores from 0 to %(weight)s: %(score)s is outside.",
                        item=entry.item_id.display_name,
                        weight=entry.item_id.weight,
                        score=entry.score,
                    )
                )

    @api.depends("item_id", "department_id", "period_id")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = " / ".join(
                filter(
                    None,
                    (
                        entry.item_id.code,
                        entry.department_id.name,
                        entry.period_id.name,
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries.period_id._check_open()
        entries._check_who_scores()
        return entries

    def write(self, vals):
        self.period_id._check_open()
        result = super().write(vals)
        self.period_id._check_open()
        self._check_who_scores()
        return result

    def _check_who_scores(self):
        """R000-56: HR scores the response office, the office (or HR) the departments
        (the access rights let no one else enter a score); nobody their own unit."""
        if self.env.su:
            return
        user = self.env.user
        own = user.employee_ids.department_id
        for entry in self:
            unit = entry.department_id
            if unit in own:
                raise AccessError(
                    self.env._(
                        "You cannot score your own unit %(unit)s (R000-56).",
                        unit=unit.name,
                    )
                )
            office = entry.company_id.complaint_office_department_id
            if unit == office and not user.has_group(APPRAISAL):
                raise AccessError(
                    self.env._(
                        "Only HR's appraisal officers score the response office; the "
                        "office scores the departments (R000-56)."
                    )
                )

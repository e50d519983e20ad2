from odoo import api, fields, models


class HelpdeskScorecardLine(models.Model):
    """One item of a card: what was measured and what it scored. Each number opens the
    lines or records it counts: live while the period is open, frozen once locked."""

    _name = "helpdesk.scorecard.line"
    _description = "Scorecard Item Result"
    _order = "scorecard_id, sequence, id"

    scorecard_id = fields.Many2one(
        "helpdesk.scorecard", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
    period_id = fields.Many2one(related="scorecard_id.period_id", store=True)
    department_id = fields.Many2one(related="scorecard_id.department_id", store=True)
    template_id = fields.Many2one(related="scorecard_id.template_id")
    item_id = fields.Many2one(
        "helpdesk.scorecard.item", required=True, index=True, ondelete="restrict"
    )
    measure = fields.Selection(related="item_id.measure")
    dimension_id = fields.Many2one("helpdesk.scorecard.dimension", readonly=True)
    sequence = fields.Integer()
    code = fields.Char(readonly=True)
    name = fields.Char(related="item_id.name")
    weight = fields.Float(digits=(16, 2), readonly=True)
    assessed = fields.Boolean(
        readonly=True, help="Not assessed in this period: the item scores in full."
    )
    missing = fields.Boolean(
        string="Not Entered", readonly=True, help="HR has not entered this score."
    )
    value = fields.Float(
        string="Measured",
        digits=(16, 2),
        readonly=True,
        aggregator=None,
        help="The rate (%), the count or sum, the ledger lines, or the score entered.",
    )
    numerator = fields.Float(digits=(16, 2), readonly=True, aggregator=None)
    denominator = fields.Float(digits=(16, 2), readonly=True, aggregator=None)
    deduction = fields.Float(digits=(16, 2), readonly=True)
    bonus = fields.Float(digits=(16, 2), readonly=True)
    score = fields.Float(digits=(16, 2), readonly=True)

    def write(self, vals):
        self.period_id._check_open()
        return super().write(vals)

    def unlink(self):
        self.period_id._check_open()
        return super().unlink()

    # ------------------------------------------------------------------
    # Drill-down: every number opens exactly what it counts
    # ------------------------------------------------------------------

    def _drill_domain(self, role):
        """(model, domain) of what the cell ``role`` counts, from the live facts."""
        self.ensure_one()
        engine = self.env["helpdesk.scorecard.engine"]
        card = self.scorecard_id
        frame = engine._frame(card.period_id, card.template_id)
        item = self.item_id
        unit = card.department_id
        if item.measure == "manual":
            return "helpdesk.scorecard.manual.score", [
                ("period_id", "=", card.period_id.id),
                ("item_code", "=", item.code),
                ("department_id", "=", unit.id),
            ]
        if item.measure == "ledger" or (
            role == "deduction" and item.ledger_rule_id and frame.ledger_has_run_lines
        ):
            return "helpdesk.deduction.line", engine._ledger_domain(frame, item, unit)
        units = None if item.scope == "company" else unit
        if role == "numerator" or (item.measure == "records" and item.term_ids):
            return item.model_name, list(engine._numerator_domain(frame, item, units))
        return item.model_name, engine._records_domain(frame, item, units)

    def _frozen_domain(self, role):
        self.ensure_one()
        card = self.scorecard_id
        return [
            ("period_id", "=", card.period_id.id),
            ("template_id", "=", card.template_id.id),
            ("item_id", "=", self.item_id.id),
            ("role", "=", self._frozen_role(role)),
            ("department_id", "in", [card.department_id.id, False]),
        ]

    def _frozen_role(self, role):
        item = self.item_id
        if item.measure in ("ledger", "manual"):
            return "value"
        if role == "deduction" and not (
            item.ledger_rule_id and self.period_id.period_type == "month"
        ):
            return "value"
        return role

    def _drill(self, role, title):
        self.ensure_one()
        if self.scorecard_id.frozen_at:
            model, domain = "helpdesk.scorecard.record", self._frozen_domain(role)
        else:
            # Open, or locked without the run (no records kept): the live facts.
            model, domain = self._drill_domain(role)
        return {
            "type": "ir.actions.act_window",
            "name": f"{self.code} {self.scorecard_id.display_name}: {title}",
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }

    def action_open_value(self):
        return self._drill("value", self.env._("Counted"))

    def action_open_numerator(self):
        return self._drill("numerator", self.env._("Numerator"))

    def action_open_deduction(self):
        return self._drill("deduction", self.env._("Deductions"))

    @api.model
    def _freeze_roles(self, item, period):
        """The drill-down roles a locked line keeps the records of."""
        if item.measure in ("ledger", "manual"):
            return ["value"]
        roles = ["value"]
        if item.measure == "rate":
            roles.append("numerator")
        if item.ledger_rule_id and period.period_type == "month":
            roles.append("deduction")
        return roles

from odoo import api, fields, models
from odoo.exceptions import ValidationError

LANES = [
    ("A", "A: Handling Department"),
    ("B", "B: Response Office"),
    ("C", "C: Leaders"),
    ("D", "D: HR"),
]


class HelpdeskProcessStep(models.Model):
    """A step code of seed 000's flowchart (B1, C1, A2, C3 ... B8, R000-80), so that
    appeals and reports cite the source table. The letter is the lane."""

    _name = "helpdesk.process.step"
    _description = "Process Step Code"
    _order = "sequence, id"

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    lane = fields.Selection(LANES, required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    workflow_states = fields.Char(
        help="Comma-separated workflow states of an appeal at this step, e.g. "
        "'dispatched,accepted'.",
    )
    reviewer_field = fields.Char(
        help="While the department report awaits approval, the step whose approver "
        "field (e.g. approver_general_manager_id) names the pending approver.",
    )
    rule_ref = fields.Char(string="Rule", default="R000-80")

    _code_uniq = models.Constraint("UNIQUE(code)", "Each step code is used once.")

    @api.constrains("workflow_states")
    def _check_workflow_states(self):
        known = set(self.env["helpdesk.ticket"]._fields["state"].get_values(self.env))
        for step in self:
            unknown = set(step._states()) - known
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Step %(code)s names unknown workflow states: %(states)s.",
                        code=step.code,
                        states=", ".join(sorted(unknown)),
                    )
                )

    def _states(self):
        self.ensure_one()
        return [s.strip() for s in (self.workflow_states or "").split(",") if s.strip()]

    @api.model
    def _by_state(self):
        """{workflow state: the first step (by sequence) listing it}."""
        result = {}
        # The step table is a short preset list (R000-80).
        for step in self.search([]):  # pylint: disable=no-search-all
            for state in step._states():
                result.setdefault(state, step)
        return result

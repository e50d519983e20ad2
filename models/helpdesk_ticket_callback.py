from odoo import fields, models

from .helpdesk_ticket_workflow import SATISFACTION


class HelpdeskTicketCallback(models.Model):
    """One callback to the customer and, if reached, their rating (R002-21, R003-36)."""

    _name = "helpdesk.ticket.callback"
    _description = "Appeal Callback"
    _order = "called_at, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    called_at = fields.Datetime(required=True, default=fields.Datetime.now)
    called_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    channel = fields.Selection(
        [("phone", "Phone"), ("online", "Online Questionnaire"), ("visit", "Visit")],
        required=True,
        default="phone",
        help="The mix of phone and online evaluations is reported (R003-36).",
    )
    reached = fields.Boolean(
        default=True, help="Unticked: the attempt failed (R002-21)."
    )
    result = fields.Selection(SATISFACTION)
    cause = fields.Selection(
        [("subjective", "The Unit's Own Failings"), ("objective", "Objective Reasons")],
        string="Cause of Dissatisfaction",
    )
    comment = fields.Text()

    _reached_needs_result = models.Constraint(
        "CHECK(NOT reached OR result IS NOT NULL)",
        "A callback that reached the customer records their rating.",
    )

    def _description_result(self):
        self.ensure_one()
        return dict(self._fields["result"]._description_selection(self.env)).get(
            self.result, ""
        )

from odoo import fields, models

from .helpdesk_ticket_workflow import SATISFACTION

REPLY_LEVELS = [
    ("1", "Handling Department"),
    ("2", "Customer-Service Office"),
    ("3", "Company Leader"),
]


class HelpdeskTicketLevelReply(models.Model):
    """One level of the three-level reply to an unsatisfied customer (R004-16): who
    answered at that level and how the customer took it."""

    _name = "helpdesk.ticket.level.reply"
    _description = "Three-Level Reply"
    _order = "ticket_id, level"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    level = fields.Selection(REPLY_LEVELS, required=True)
    reply = fields.Text(required=True)
    replied_by_id = fields.Many2one("res.users", required=True)
    replied_at = fields.Datetime(required=True)
    result = fields.Selection(SATISFACTION, string="Customer's Rating", required=True)

    _level_once = models.Constraint(
        "UNIQUE(ticket_id, level)", "Each level replies once per appeal."
    )

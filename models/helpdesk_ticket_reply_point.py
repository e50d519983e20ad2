from odoo import fields, models


class HelpdeskTicketReplyPoint(models.Model):
    """One point of the appeal and its answer: replies go point by point (R002-39)."""

    _name = "helpdesk.ticket.reply.point"
    _description = "Appeal Reply Point"
    _order = "ticket_id, sequence, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    point = fields.Text(string="Point Raised", required=True)
    answer = fields.Text(required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment", "helpdesk_ticket_reply_point_attachment_rel", string="Evidence"
    )

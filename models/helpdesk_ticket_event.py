from odoo import fields, models


class HelpdeskTicketEvent(models.Model):
    """What happened to an appeal and when: the facts deadlines and appraisal count.

    Written by the workflow only (never edited through the UI), so a reached time always
    comes from a recorded step.
    """

    _name = "helpdesk.ticket.event"
    _description = "Appeal Event"
    _order = "occurred_at, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    event_id = fields.Many2one(
        "helpdesk.sla.event", string="Event", required=True, index=True, ondelete="restrict"
    )
    event_code = fields.Char(related="event_id.code", store=True, index=True)
    occurred_at = fields.Datetime(required=True, index=True)
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user)
    stage_id = fields.Many2one(
        "helpdesk.ticket.stage", help="The stage entered, for stage changes."
    )
    department_id = fields.Many2one(
        "hr.department", string="Department", help="The department that acted (dispatched to, accepted, handed back)."
    )
    note = fields.Text()

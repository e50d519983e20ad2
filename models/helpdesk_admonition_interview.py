from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskAdmonitionInterview(models.Model):
    """An admonition interview the CSC held with a unit's person in charge: who, when,
    why, about which appeals, and what follows (R002-42, R002-44)."""

    _name = "helpdesk.admonition.interview"
    _description = "Admonition Interview"
    _inherit = ["mail.thread"]
    _order = "interview_at desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    interview_at = fields.Datetime(
        string="Held At", required=True, default=fields.Datetime.now, tracking=True
    )
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, check_company=True
    )
    interviewee_id = fields.Many2one(
        "hr.employee",
        string="Person Interviewed",
        required=True,
        check_company=True,
    )
    interviewer_id = fields.Many2one(
        "res.users", string="Held By", default=lambda self: self.env.user, required=True
    )
    reason = fields.Text(required=True, help="Why the interview was held.")
    ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_admonition_interview_ticket_rel",
        "interview_id",
        "ticket_id",
        string="Appeals",
    )
    outcome = fields.Text(help="What was agreed.")
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
    )
    action_ids = fields.One2many(
        "helpdesk.rectification.action", "interview_id", string="Follow-up Actions"
    )

    def action_held(self):
        for interview in self:
            if not interview.outcome:
                raise UserError(
                    self.env._("Record what the interview agreed before closing it.")
                )
        self.write({"state": "held"})

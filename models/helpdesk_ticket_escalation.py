from odoo import api, fields, models


class HelpdeskTicketEscalation(models.Model):
    """A problem that moved up a handling-authority tier because its deadline passed
    unsolved (R003-08): which deadline, from which tier to which, who was told. Written
    by the system, read by the unit and HR."""

    _name = "helpdesk.ticket.escalation"
    _description = "Appeal Escalation"
    _order = "escalated_at desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        readonly=True,
        index=True,
        help="The unit handling the appeal when its deadline passed.",
    )
    deadline_id = fields.Many2one(
        "helpdesk.ticket.deadline", string="Missed Deadline", readonly=True
    )
    milestone_id = fields.Many2one(
        related="deadline_id.milestone_id", string="Milestone"
    )
    deadline = fields.Datetime(string="Was Due", readonly=True)
    escalated_at = fields.Datetime(required=True, readonly=True, index=True)
    from_tier_id = fields.Many2one("helpdesk.authority.tier", readonly=True)
    to_tier_id = fields.Many2one(
        "helpdesk.authority.tier", required=True, readonly=True
    )
    notified_user_ids = fields.Many2many("res.users", string="Told", readonly=True)

    _deadline_uniq = models.Constraint(
        "UNIQUE(deadline_id)", "A missed deadline moves its appeal up once."
    )

    @api.depends("ticket_id", "to_tier_id")
    def _compute_display_name(self):
        for escalation in self:
            escalation.display_name = (
                f"{escalation.ticket_id.number or ''} → {escalation.to_tier_id.name}"
            )

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import LEADER


class HelpdeskUnsatisfiedSignoff(models.Model):
    """The service deputy GM went through one unsatisfied rating (R004-08): every
    unsatisfied callback of a day is listed in that day's monitor and signed off
    once."""

    _name = "helpdesk.unsatisfied.signoff"
    _description = "Unsatisfied Appeal Sign-off"
    _order = "report_id desc, id"

    report_id = fields.Many2one(
        "helpdesk.periodic.report",
        string="Daily Monitor",
        required=True,
        index=True,
        ondelete="cascade",
    )
    callback_id = fields.Many2one(
        "helpdesk.ticket.callback", required=True, index=True, ondelete="cascade"
    )
    ticket_id = fields.Many2one(
        related="callback_id.ticket_id", store=True, string="Appeal", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    department_id = fields.Many2one(related="ticket_id.department_id", store=True)
    category_id = fields.Many2one(related="ticket_id.category_id", store=True)
    called_at = fields.Datetime(related="callback_id.called_at")
    comment = fields.Text(related="callback_id.comment", string="Customer's Comment")
    signed_by_id = fields.Many2one("res.users", string="Signed Off By", readonly=True)
    signed_at = fields.Datetime(string="Signed Off At", readonly=True)
    note = fields.Text(string="Instruction")

    _callback_uniq = models.Constraint(
        "UNIQUE(callback_id)", "An unsatisfied rating is signed off once."
    )

    def action_sign(self):
        """The service deputy GM has gone through the appeal (R004-08)."""
        for signoff in self:
            leader = signoff.company_id.complaint_service_leader_id
            allowed = (
                self.env.user == leader if leader else self.env.user.has_group(LEADER)
            )
            if not (self.env.su or allowed):
                raise AccessError(
                    self.env._(
                        "Only the service deputy GM signs off unsatisfied appeals."
                    )
                )
            if signoff.signed_at:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s is already signed off.",
                        number=signoff.ticket_id.number,
                    )
                )
        self.write({"signed_by_id": self.env.uid, "signed_at": fields.Datetime.now()})
        done = self.report_id.filtered(
            lambda report: report.state == "draft" and not report.signoff_pending_count
        )
        done.sudo()._submit()

from odoo import fields, models


class HelpdeskTicket(models.Model):
    """HR's investigation of an appeal (R000-43): its records, and the report going to
    the CSC supervising leader and the general manager for review before the
    appraisal meeting turns it into a liability finding."""

    _inherit = "helpdesk.ticket"

    investigation_record_ids = fields.One2many(
        "helpdesk.investigation.record", "ticket_id", string="Investigation Records"
    )

    def action_submit_hr_report(self):
        result = super().action_submit_hr_report()
        for ticket in self:
            ticket._hand_to(
                ticket.approver_office_leader_id | ticket.approver_general_manager_id,
                self.env._(
                    "Review HR's investigation report on appeal %(number)s",
                    number=ticket.number,
                ),
                self.env._(
                    "%(count)s investigation records; the appraisal meeting then "
                    "decides the liability finding.",
                    count=len(ticket.investigation_record_ids),
                ),
            )
        return result

from odoo import fields, models


class HelpdeskTicketCoHandlingWizard(models.TransientModel):
    """The first unit keeps the appeal and asks other units to help (R002-12)."""

    _name = "helpdesk.ticket.co.handling.wizard"
    _description = "Ask Units to Help on an Appeal"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    department_ids = fields.Many2many(
        "hr.department", string="Units Asked to Help", required=True
    )
    note = fields.Text(string="What They Are Asked to Do", required=True)

    def action_confirm(self):
        self.ticket_id._add_co_handling(self.department_ids, self.note)

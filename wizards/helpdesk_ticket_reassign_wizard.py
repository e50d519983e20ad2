from odoo import fields, models


class HelpdeskTicketReassignWizard(models.TransientModel):
    """The unit passes an appeal to one of its sections or people (R002-07)."""

    _name = "helpdesk.ticket.reassign.wizard"
    _description = "Re-assign an Appeal Within the Unit"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    department_id = fields.Many2one(related="ticket_id.department_id")
    section_id = fields.Many2one(
        "hr.department",
        domain="[('parent_id', '=', department_id)]",
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Handling Employee",
        domain="[('department_id', 'child_of', department_id)]",
    )
    note = fields.Text()

    def action_confirm(self):
        self.ticket_id._reassign_within_unit(
            self.section_id, self.employee_id, self.note
        )

from odoo import fields, models


class HelpdeskTicketHandBackWizard(models.TransientModel):
    """The department says why an appeal isn't theirs and where it goes (R002-13)."""

    _name = "helpdesk.ticket.hand.back.wizard"
    _description = "Hand an Appeal Back"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True)
    reason = fields.Text(required=True)
    suggested_department_id = fields.Many2one(
        "hr.department",
        string="Should Go To",
        required=True,
        help="The unit it belongs to.",
    )

    def action_confirm(self):
        self.ticket_id._hand_back(self.reason, self.suggested_department_id)

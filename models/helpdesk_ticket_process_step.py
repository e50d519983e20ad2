from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The step code of seed 000's flowchart where the appeal stands (R000-80)."""

    _inherit = "helpdesk.ticket"

    process_step_id = fields.Many2one(
        "helpdesk.process.step",
        compute="_compute_process_step_id",
        help="Where the appeal stands in the source's flowchart (R000-80): B1 "
        "register, C1 leader instruction, A2 department handling, C3–C5 approvals, B6 "
        "reply.",
    )

    @api.depends("state", "review_ids.status")
    def _compute_process_step_id(self):
        Step = self.env["helpdesk.process.step"]
        by_state = Step._by_state()
        by_reviewer = {
            step.reviewer_field: step
            for step in Step.search([("reviewer_field", "!=", False)])
        }
        for ticket in self:
            step = by_state.get(ticket.state, Step)
            if ticket.state == "reported" and by_reviewer:
                # The reviewer's field is technical data (ir.model.fields).
                pending = (
                    ticket.sudo()
                    .review_ids.filtered(lambda review: review.status == "pending")
                    .sorted("sequence")[:1]
                )
                step = by_reviewer.get(pending.reviewer_field_id.name, step)
            ticket.process_step_id = step

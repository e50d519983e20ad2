from odoo import api, fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    complaint_states = fields.Char(
        string="Appeal States",
        help="Comma-separated workflow states shown in this stage, e.g. dispatched,accepted. "
        "The workflow moves an appeal to the stage of its new state.",
    )

    @api.model
    def _stage_for_state(self, state, team):
        stages = team._get_applicable_stages()
        return stages.filtered(
            lambda stage: (
                state in (stage.complaint_states or "").replace(" ", "").split(",")
            )
        )[:1]

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    complaint_states = fields.Char(
        string="Appeal States",
        help="Comma-separated workflow states shown in this stage, e.g. "
        "dispatched,accepted. The workflow moves an appeal to the stage of its new "
        "state.",
    )

    def _complaint_state_list(self):
        """The workflow states of this stage (of no stage: none); empty: the stage
        is not the workflow's."""
        return [
            state.strip()
            for state in (self.complaint_states or "").split(",")
            if state.strip()
        ]

    @api.constrains("complaint_states")
    def _check_complaint_states(self):
        states = dict(
            self.env["helpdesk.ticket"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        for stage in self:
            unknown = [
                state for state in stage._complaint_state_list() if state not in states
            ]
            if unknown:
                raise ValidationError(
                    self.env._(
                        "Stage %(stage)s: %(unknown)s is not a workflow state; the "
                        "states are %(states)s.",
                        stage=stage.name,
                        unknown=", ".join(unknown),
                        states=", ".join(states),
                    )
                )

    @api.model
    def _stage_for_state(self, state, team):
        stages = team._get_applicable_stages()
        return stages.filtered(lambda stage: state in stage._complaint_state_list())[:1]

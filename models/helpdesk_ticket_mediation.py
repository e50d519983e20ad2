from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class HelpdeskTicketMediation(models.Model):
    """A mediation of an appeal (R004-21): both parties, the steps taken, the outcome
    and the feedback given to the complainant."""

    _name = "helpdesk.ticket.mediation"
    _description = "Mediation Record"
    _order = "ticket_id, mediated_at, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    mediated_at = fields.Datetime(required=True, default=fields.Datetime.now)
    mediator_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user
    )
    complainant_party = fields.Char(string="Complainant Side", required=True)
    other_party = fields.Char(
        string="Other Side", required=True, help="The unit or person complained about."
    )
    steps = fields.Text(string="Steps Taken", required=True)
    outcome = fields.Selection(
        [
            ("agreement", "Agreement Reached"),
            ("partial", "Partial Agreement"),
            ("no_agreement", "No Agreement"),
        ],
        required=True,
    )
    outcome_note = fields.Text(string="Outcome Details")
    feedback = fields.Text(
        string="Feedback to the Complainant",
        required=True,
        help="What the complainant was told about the mediation and when.",
    )
    feedback_at = fields.Datetime(string="Feedback Given At", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for record in records:
            ticket = record.ticket_id
            if not ticket.company_id.complaint_preset_id.feature_mediation:
                raise UserError(
                    self.env._(
                        "The company's preset keeps no mediation records (R004-21)."
                    )
                )
        records._check_mediator()
        records._check_feedback_time()
        return records

    def write(self, vals):
        self._check_mediator()
        result = super().write(vals)
        self._check_feedback_time()
        return result

    def _check_mediator(self):
        for ticket in self.ticket_id:
            if not ticket._is_handling_department_user():
                raise AccessError(
                    self.env._(
                        "Only the handling department or the office records a "
                        "mediation of appeal %(number)s.",
                        number=ticket.number,
                    )
                )

    def _check_feedback_time(self):
        for record in self:
            if record.feedback_at < record.mediated_at:
                raise UserError(
                    self.env._("The feedback follows the mediation it reports on.")
                )

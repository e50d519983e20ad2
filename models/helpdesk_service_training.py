from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..groups import APPRAISAL, OFFICE


class HelpdeskServiceTraining(models.Model):
    """A training session with its closed-book exam, run by the CSC and HR on the
    standards of the service posts (R001-04): who attended, their scores, make-ups."""

    _name = "helpdesk.service.training"
    _description = "Service Training"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    topics = fields.Text()
    pass_score = fields.Float(
        digits=(16, 2),
        default=lambda self: self.env.company.complaint_preset_id.exam_pass_score,
        help="The exam is passed at this score (R001-04).",
    )
    exam_ids = fields.One2many(
        "helpdesk.service.exam", "training_id", string="Participants"
    )
    participant_count = fields.Integer(compute="_compute_counts")
    failed_count = fields.Integer(compute="_compute_counts")

    @api.depends("exam_ids.attended", "exam_ids.failed_makeup")
    def _compute_counts(self):
        for training in self:
            training.participant_count = len(training.exam_ids)
            training.failed_count = len(training.exam_ids.filtered("failed_makeup"))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_organiser()
        return super().create(vals_list)

    def write(self, vals):
        self._check_organiser()
        return super().write(vals)

    @api.model
    def _check_organiser(self):
        user = self.env.user
        if not (self.env.su or user.has_group(OFFICE) or user.has_group(APPRAISAL)):
            raise AccessError(
                self.env._("The CSC and HR organise service training (R001-04).")
            )

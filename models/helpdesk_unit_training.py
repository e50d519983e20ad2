from odoo import api, fields, models
from odoo.exceptions import UserError

# The three kinds of evidence a training keeps (R003-13).
EVIDENCE = ("sign_in_attachment_ids", "slides_attachment_ids", "photo_attachment_ids")


class HelpdeskUnitTraining(models.Model):
    """A petition training a unit held, with its three kinds of evidence (R003-13):
    the sign-in sheet, the slides and photos of the session. Each unit holds at least
    one a quarter; the appraisal reads the quarter's recorded trainings and whether
    their evidence is complete (R003-14)."""

    _name = "helpdesk.unit.training"
    _description = "Unit Petition Training"
    _inherit = ["helpdesk.unit.record.mixin"]
    _order = "date desc, id desc"
    _unit_date_fields = ("date",)

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(required=True, index=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("recorded", "Recorded"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    topic_policy = fields.Boolean(
        string="Policy Briefing",
        help="E.g. heating service standards, charging rules.",
    )
    topic_communication = fields.Boolean(
        string="Communication", help="E.g. calming emotions, confirming the request."
    )
    topic_emergency = fields.Boolean(
        string="Emergencies", help="E.g. sudden loss of heating, metering disputes."
    )
    trainer = fields.Char()
    attendee_count = fields.Integer(string="Attendees")
    sign_in_attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_unit_training_sign_in_rel",
        string="Sign-in Sheet",
        copy=False,
    )
    slides_attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_unit_training_slides_rel",
        string="Slides",
        copy=False,
    )
    photo_attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_unit_training_photo_rel",
        string="Photos",
        copy=False,
    )
    evidence_complete = fields.Boolean(
        compute="_compute_evidence_complete",
        store=True,
        help="Sign-in sheet, slides and photos are all kept (R003-13).",
    )
    missing_evidence = fields.Char(compute="_compute_missing_evidence")

    def _missing_evidence(self):
        self.ensure_one()
        return [
            self._fields[name].get_description(self.env)["string"]
            for name in EVIDENCE
            if not self[name]
        ]

    @api.depends(*EVIDENCE)
    def _compute_evidence_complete(self):
        for training in self:
            training.evidence_complete = not training._missing_evidence()

    @api.depends(*EVIDENCE)
    def _compute_missing_evidence(self):
        for training in self:
            training.missing_evidence = ", ".join(training._missing_evidence())

    def action_record(self):
        """The unit records the training held: from now on it counts."""
        self._check_state("draft")
        for training in self:
            if training.date > fields.Date.context_today(training):
                raise UserError(
                    self.env._(
                        "%(training)s is planned for %(date)s: record it once held.",
                        training=training.name,
                        date=training.date,
                    )
                )
        self.write({"state": "recorded"})

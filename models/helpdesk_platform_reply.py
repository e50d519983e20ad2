from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

# The appeal event a submitted reply records, where the event log has one for it. The
# office's hand-back to the platform and its extension request have none: the
# `hand_back` event is the department's hand-back to the office, whose 2-hour clock
# (R002-13) the office's later step must not stop.
REPLY_EVENTS = {"interim": "interim_reply", "final": "final_reply"}
# What may still change once a reply is submitted: the platform's acknowledgement and
# the filing of the reply. Text, files and hand-back values stay as they were sent.
EDITABLE_AFTER_SUBMISSION = {"ack_received_at", "ack_text", "archive_reference"}


class HelpdeskPlatformReply(models.Model):
    """What the response office sent to the platform an appeal came from (R000-27,
    R000-29).

    Drafted, then submitted: a submitted reply is a record of what was sent and when,
    and only the platform's acknowledgement and the archive reference are added to it
    later.
    """

    _name = "helpdesk.platform.reply"
    _inherit = ["helpdesk.platform.evidence.mixin"]
    _description = "Platform Reply"
    _order = "submitted_at desc, id desc"
    _check_company_auto = True

    platform_reference = fields.Char(related="ticket_id.platform_reference")
    kind = fields.Selection(
        [
            ("interim", "Interim Reply"),
            ("final", "Final Reply"),
            ("hand_back", "Hand-back"),
            ("extension_request", "Extension Request"),
        ],
        required=True,
        default="final",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        copy=False,
    )
    body = fields.Html(
        string="Reply Text", help="The reply as formatted for the platform."
    )
    submitted_at = fields.Datetime(readonly=True, copy=False, index=True)
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    ack_received_at = fields.Datetime(
        string="Acknowledged At",
        copy=False,
        help="When the platform acknowledged the reply.",
    )
    ack_text = fields.Text(string="Platform Acknowledgement", copy=False)
    archive_reference = fields.Char(
        copy=False, help="Where the reply is filed (archive box, file number ...)."
    )
    extension_id = fields.Many2one(
        "helpdesk.sla.extension",
        string="Extension Request",
        domain="[('ticket_id', '=', ticket_id)]",
        help="The department's extension request this asks the platform to grant "
        "(R002-20).",
    )
    value_ids = fields.One2many(
        "helpdesk.platform.reply.value",
        "reply_id",
        string="Hand-back Fields",
        copy=True,
    )
    submit_incomplete = fields.Boolean(
        string="Submit Incomplete (Deadline)",
        copy=False,
        help="The platform's deadline does not leave time to fill every mandatory "
        "hand-back field: submit anyway and record how many are missing (R000-39).",
    )
    missing_field_ids = fields.Many2many(
        "helpdesk.platform.handback.field",
        "helpdesk_platform_reply_missing_field_rel",
        "reply_id",
        "field_id",
        string="Missing Mandatory Fields",
        readonly=True,
        copy=False,
    )
    missing_field_count = fields.Integer(
        string="Missing Fields",
        readonly=True,
        copy=False,
        help="Mandatory hand-back fields left empty when the hand-back was submitted "
        "(R000-39).",
    )

    @api.depends("ticket_id.number", "kind")
    def _compute_display_name(self):
        for reply in self:
            reply.display_name = (
                f"{reply.ticket_id.number or ''} {reply._kind_label()}".strip()
            )

    # ------------------------------------------------------------------
    # Constraints and guards
    # ------------------------------------------------------------------

    @api.constrains("ack_received_at", "ack_text", "submitted_at")
    def _check_acknowledgement(self):
        now = fields.Datetime.now()
        for reply in self:
            if not (reply.ack_received_at or reply.ack_text):
                continue
            if reply.state != "submitted":
                raise ValidationError(
                    self.env._(
                        "Only a submitted reply can be acknowledged by the platform."
                    )
                )
            if reply.ack_received_at and not (
                reply.submitted_at <= reply.ack_received_at <= now
            ):
                raise ValidationError(
                    self.env._(
                        "The platform's acknowledgement must come after the reply was "
                        "submitted and cannot be in the future."
                    )
                )

    def _check_draft(self, action):
        submitted = self.filtered(lambda reply: reply.state == "submitted")
        if submitted:
            raise UserError(
                self.env._(
                    "Reply %(reply)s was submitted to the platform: it cannot be "
                    "%(action)s.",
                    reply=submitted[0].display_name,
                    action=action,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        replies = super().create(vals_list)
        replies._sync_handback_lines()
        return replies

    def write(self, vals):
        if not self.env.su and set(vals) - EDITABLE_AFTER_SUBMISSION:
            self._check_draft(self.env._("changed"))
        result = super().write(vals)
        if {"kind", "ticket_id"} & set(vals):
            self._sync_handback_lines()
        return result

    def unlink(self):
        self._check_draft(self.env._("deleted"))
        return super().unlink()

    # ------------------------------------------------------------------
    # Hand-back fields (R000-29, R000-39)
    # ------------------------------------------------------------------

    def _mandatory_handback_fields(self):
        """The hand-back fields the appeal's platform requires of this reply."""
        self.ensure_one()
        if self.kind != "hand_back":
            return self.env["helpdesk.platform.handback.field"]
        return self.ticket_id.channel_id.handback_field_ids

    def _handback_line_commands(self):
        """Commands that give a draft one line per mandatory field of its platform,
        keeping values already entered; a draft that is not a hand-back keeps no
        lines."""
        self.ensure_one()
        fields_required = self._mandatory_handback_fields()
        if not fields_required:
            return [Command.clear()] if self.value_ids else []
        present = self.value_ids.field_id
        return [
            Command.create({"field_id": field.id})
            for field in fields_required
            if field not in present
        ]

    @api.onchange("kind", "ticket_id")
    def _onchange_handback_lines(self):
        for reply in self:
            if reply.state == "draft":
                reply.value_ids = reply._handback_line_commands()

    def _sync_handback_lines(self):
        for reply in self.filtered(lambda reply: reply.state == "draft"):
            commands = reply._handback_line_commands()
            if commands:
                reply.value_ids = commands

    def _missing_handback_fields(self):
        """Mandatory hand-back fields this reply leaves empty."""
        self.ensure_one()
        filled = self.value_ids.filtered(
            lambda line: (line.value or "").strip()
        ).field_id
        return self._mandatory_handback_fields() - filled

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------

    def action_submit(self):
        """Record that the reply was submitted to the platform now (R000-27).

        A hand-back must fill the platform's mandatory fields (R000-29); with "Submit
        Incomplete" ticked it is submitted anyway and the missing fields are recorded
        (R000-39). Interim and final replies record their event on the appeal.
        """
        self._check_draft(self.env._("submitted again"))
        now = fields.Datetime.now()
        for reply in self:
            if is_html_empty(reply.body):
                raise UserError(
                    self.env._("Write the reply text before submitting it.")
                )
            missing = reply._missing_handback_fields()
            if missing and not reply.submit_incomplete:
                raise UserError(
                    self.env._(
                        "The hand-back to %(platform)s lacks mandatory fields: "
                        "%(fields)s. Fill them in, or tick “Submit Incomplete "
                        "(Deadline)” to submit it anyway; each missing field is then "
                        "recorded (R000-39).",
                        platform=reply.channel_id.name,
                        fields=", ".join(missing.mapped("name")),
                    )
                )
            reply.write(
                {
                    "state": "submitted",
                    "submitted_at": now,
                    "submitted_by_id": self.env.uid,
                    "missing_field_ids": [Command.set(missing.ids)],
                    "missing_field_count": len(missing),
                }
            )
            reply._post_submission_note()
            code = REPLY_EVENTS.get(reply.kind)
            if code:
                reply.ticket_id._record_event(code, when=now, note=reply.display_name)
        # R000-39: missing hand-back fields cost the office points.
        self.env["helpdesk.deduction.line"]._sync_process_lines(
            self.filtered("missing_field_count").ticket_id
        )
        return True

    def _post_submission_note(self):
        self.ensure_one()
        body = self.env._(
            "%(kind)s submitted to %(platform)s by %(user)s.",
            kind=self._kind_label(),
            platform=self.channel_id.name,
            user=self.env.user.name,
        )
        if self.missing_field_ids:
            body += " " + self.env._(
                "Submitted with %(count)s mandatory field(s) missing: %(fields)s.",
                count=self.missing_field_count,
                fields=", ".join(self.missing_field_ids.mapped("name")),
            )
        self.ticket_id.message_post(body=body, subtype_xmlid="mail.mt_note")

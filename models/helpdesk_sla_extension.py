from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# What users write on a request; the decision itself goes through _decide (R002-20).
PLATFORM_ANSWER_FIELDS = {"platform_answer", "platform_answer_at", "decision_note"}


class HelpdeskSlaExtension(models.Model):
    """A handling department asks for more time on one milestone (R000-28, R002-18,
    R002-20).

    Only an approved request moves the deadline; a rejected or pending one changes
    nothing.
    """

    _name = "helpdesk.sla.extension"
    _description = "Deadline Extension Request"
    _order = "requested_at desc, id desc"

    line_id = fields.Many2one(
        "helpdesk.ticket.deadline",
        string="Deadline",
        required=True,
        index=True,
        ondelete="cascade",
    )
    ticket_id = fields.Many2one(related="line_id.ticket_id", store=True, index=True)
    milestone_id = fields.Many2one(related="line_id.milestone_id", store=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    requested_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
    )
    requested_at = fields.Datetime(default=fields.Datetime.now, readonly=True)
    reason = fields.Text(required=True)
    current_deadline = fields.Datetime(readonly=True)
    new_deadline = fields.Datetime(string="Requested Deadline", required=True)
    state = fields.Selection(
        [
            ("requested", "Awaiting Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="requested",
        required=True,
        readonly=True,
        index=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_at = fields.Datetime(readonly=True)
    decision_note = fields.Text()
    approver_group_id = fields.Many2one(
        related="milestone_id.extension_approver_group_id"
    )
    # R002-20: on a platform deadline the office asks the platform, records its answer.
    platform_overridden = fields.Boolean(related="line_id.platform_overridden")
    platform_answer = fields.Selection(
        [
            ("pending", "Awaiting the Platform"),
            ("granted", "Granted"),
            ("refused", "Refused"),
        ],
        compute="_compute_platform_answer",
        store=True,
        readonly=False,
        precompute=True,
        help="The platform's answer to the office's extension request (R002-20); a "
        "platform deadline is extended only when the platform granted it.",
    )
    platform_answer_at = fields.Datetime(string="Platform Answered At")

    @api.depends("line_id")
    def _compute_platform_answer(self):
        for request in self:
            if (
                not request.platform_answer
                and request.sudo().line_id.platform_overridden
            ):
                request.platform_answer = "pending"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            line = self.env["helpdesk.ticket.deadline"].browse(vals["line_id"])
            line.ticket_id.check_access("write")
            vals["current_deadline"] = line.deadline
        requests = super().create(vals_list)
        requests._check_request()
        for request in requests:
            request.ticket_id.message_post(
                body=self.env._(
                    "Extension of “%(milestone)s” requested until %(deadline)s: "
                    "%(reason)s",
                    milestone=request.milestone_id.name,
                    deadline=request.sudo().company_id._complaint_format_datetime(
                        request.new_deadline
                    ),
                    reason=request.reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return requests

    def _check_request(self):
        now = fields.Datetime.now()
        for request in self:
            line, milestone = request.line_id.sudo(), request.milestone_id.sudo()
            if not milestone.extension_approver_group_id:
                raise UserError(
                    self.env._(
                        "The deadline “%(milestone)s” cannot be extended.",
                        milestone=milestone.name,
                    )
                )
            if line.reached_at or line.status not in ("running", "paused", "breached"):
                raise UserError(
                    self.env._(
                        "Only a running deadline can be extended; “%(milestone)s” is "
                        "not.",
                        milestone=milestone.name,
                    )
                )
            if milestone.extension_before_deadline and now > line.deadline:
                raise UserError(
                    self.env._(
                        "An extension of “%(milestone)s” must be requested before its "
                        "deadline %(deadline)s.",
                        milestone=milestone.name,
                        deadline=line.company_id._complaint_format_datetime(
                            line.deadline
                        ),
                    )
                )
            if request.new_deadline <= line.deadline:
                raise ValidationError(
                    self.env._(
                        "The requested deadline must be later than the current one."
                    )
                )
            # A platform deadline is extended as the platform decides, not by our cap.
            if milestone.extension_cap and not line.platform_overridden:
                calendar = line.policy_id._get_calendar(line.company_id)
                cap = calendar._sla_deadline(
                    line.start_at,
                    milestone.extension_cap,
                    milestone.extension_cap_unit,
                    "event",
                )[0]
                if request.new_deadline > cap:
                    raise ValidationError(
                        self.env._(
                            "“%(milestone)s” can be extended to %(cap)s at the latest.",
                            milestone=milestone.name,
                            cap=line.company_id._complaint_format_datetime(cap),
                        )
                    )
            pending = self.search_count(
                [
                    ("line_id", "=", line.id),
                    ("state", "=", "requested"),
                    ("id", "!=", request.id),
                ]
            )
            if pending:
                raise UserError(
                    self.env._(
                        "An extension of this deadline is already awaiting approval."
                    )
                )

    def _check_approver(self):
        for request in self:
            group = request.sudo().approver_group_id
            if not (self.env.su or self.env.user in group.all_user_ids):
                raise AccessError(
                    self.env._(
                        "Only members of “%(group)s” decide extensions of "
                        "“%(milestone)s”.",
                        group=group.name,
                        milestone=request.milestone_id.name,
                    )
                )
            if request.state != "requested":
                raise UserError(
                    self.env._("This extension request has already been decided.")
                )

    def write(self, vals):
        # Users record the platform's answer and a note; _decide makes the decision.
        if not self.env.su and set(vals) - PLATFORM_ANSWER_FIELDS:
            raise UserError(
                self.env._("An extension request is decided with Approve or Reject.")
            )
        if vals.get("platform_answer") in ("granted", "refused") and not vals.get(
            "platform_answer_at"
        ):
            vals = dict(vals, platform_answer_at=fields.Datetime.now())
        result = super().write(vals)
        if "platform_answer" in vals:
            answers = dict(
                self._fields["platform_answer"]._description_selection(self.env)
            )
            for request in self:
                request.ticket_id.message_post(
                    body=self.env._(
                        "Platform's answer to the extension of “%(milestone)s”: "
                        "%(answer)s.",
                        milestone=request.milestone_id.name,
                        answer=answers.get(request.platform_answer, "-"),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return result

    def _check_platform_grant(self):
        """A platform deadline moves only with the platform's grant (R002-20)."""
        for request in self:
            if (
                request.sudo().line_id.platform_overridden
                and request.platform_answer != "granted"
            ):
                raise UserError(
                    self.env._(
                        "“%(milestone)s” runs to the platform's deadline: record that "
                        "the platform granted the extension before approving it "
                        "(R002-20).",
                        milestone=request.milestone_id.name,
                    )
                )

    def action_approve(self):
        self._check_approver()
        self._check_platform_grant()
        self._decide("approved")

    def action_reject(self):
        self._decide("rejected")

    def _decide(self, state):
        self._check_approver()
        self.sudo().write(
            {
                "state": state,
                "decided_by_id": self.env.uid,
                "decided_at": fields.Datetime.now(),
            }
        )
        for request in self:
            request.ticket_id.message_post(
                body=self.env._(
                    "Extension of “%(milestone)s” until %(deadline)s %(decision)s by "
                    "%(user)s.",
                    milestone=request.milestone_id.name,
                    deadline=request.sudo().company_id._complaint_format_datetime(
                        request.new_deadline
                    ),
                    decision=dict(
                        self._fields["state"]._description_selection(self.env)
                    )[state],
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.ticket_id._sla_recompute()

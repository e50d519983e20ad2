from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import LEADER, OFFICE


class HelpdeskLiabilityContest(models.Model):
    """A department's written statement that a complaint is malicious, untrue or not its
    liability (R001-29), decided by the office for its own hotline's appeals (R001-30),
    or after the external body's acknowledgement by the principal leader (R001-31).
    Upheld, the contested deductions are cancelled; rejected, they are confirmed."""

    _name = "helpdesk.liability.contest"
    _description = "Liability Contest"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "submitted_at desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    department_id = fields.Many2one("hr.department", required=True)
    line_ids = fields.Many2many(
        "helpdesk.deduction.line",
        "helpdesk_liability_contest_line_rel",
        string="Contested Deductions",
        required=True,
    )
    statement = fields.Text(required=True, help="The facts and evidence, in writing.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "helpdesk_liability_contest_attachment_rel", string="Evidence"
    )
    submitted_at = fields.Datetime(default=fields.Datetime.now, readonly=True)
    submitted_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    route = fields.Selection(
        [
            ("own", "Own Hotline: the Office Verifies"),
            ("external", "Platform, Media or Upper Level: Leader Approves"),
        ],
        compute="_compute_route",
        store=True,
    )
    external_acknowledged = fields.Boolean(
        help="The platform, media or upper department acknowledged the facts (R001-31)."
    )
    external_note = fields.Text()
    state = fields.Selection(
        [("submitted", "Submitted"), ("upheld", "Upheld"), ("rejected", "Rejected")],
        default="submitted",
        required=True,
        tracking=True,
        index=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_at = fields.Datetime(readonly=True)
    decision_note = fields.Text()

    @api.depends("ticket_id.channel_id", "ticket_id.channel_id.is_platform")
    def _compute_route(self):
        external_codes = {"media", "referral"}
        for contest in self:
            channel = contest.ticket_id.channel_id
            contest.route = (
                "external"
                if channel.is_platform or channel.code in external_codes
                else "own"
            )

    @api.model_create_multi
    def create(self, vals_list):
        contests = super().create(vals_list)
        now = fields.Datetime.now()
        for contest in contests:
            lines = contest.line_ids
            if lines.filtered(
                lambda line, contest=contest: (
                    line.department_id != contest.department_id
                    or line.ticket_id != contest.ticket_id
                )
            ):
                raise UserError(
                    self.env._(
                        "A department contests only its own deductions on this appeal."
                    )
                )
            lines._check_contest_open(now)
            if lines.filtered(lambda line: line.state != "draft"):
                raise UserError(
                    self.env._("Only proposed deductions can be contested.")
                )
            contest._check_member()
            lines.sudo().write({"state": "contested"})
            contest.ticket_id._record_event(
                "contest_submitted",
                when=now,
                note=contest.statement,
                department_id=contest.department_id.id,
            )
        return contests

    def _check_member(self):
        user = self.env.user
        if self.env.su:
            return
        for contest in self:
            department = contest.department_id
            if not department._complaint_acts_for(user):
                raise AccessError(
                    self.env._(
                        "Only %(department)s contests its own deductions.",
                        department=department.name,
                    )
                )

    def _check_decider(self):
        for contest in self:
            if contest.state != "submitted":
                raise UserError(self.env._("This contest has already been decided."))
            if self.env.su:
                continue
            if contest.route == "own" and not self.env.user.has_group(OFFICE):
                raise AccessError(
                    self.env._(
                        "The response office verifies contests of its own hotline's "
                        "appeals (R001-30)."
                    )
                )
            if contest.route == "external" and not self.env.user.has_group(LEADER):
                raise AccessError(
                    self.env._(
                        "Contests of platform, media or upper-level appeals are "
                        "approved by the principal leader (R001-31)."
                    )
                )

    def action_uphold(self):
        self._check_decider()
        for contest in self:
            if contest.route == "external" and not contest.external_acknowledged:
                raise UserError(
                    self.env._(
                        "Record the external body's acknowledgement before upholding "
                        "(R001-31)."
                    )
                )
            contest.line_ids._cancel(
                self.env._(
                    "Contest upheld: %(note)s",
                    note=contest.decision_note or contest.statement,
                )
            )
            contest._decide("upheld")

    def action_reject(self):
        """Rejected, the deductions stand from now, in this month (C-09): refused while
        the month is locked, before anything is written."""
        self._check_decider()
        for contest in self:
            contest.line_ids._confirm(self.env._("Rejecting the contest now"))
            contest._decide("rejected")

    def _decide(self, state):
        self.write(
            {
                "state": state,
                "decided_by_id": self.env.uid,
                "decided_at": fields.Datetime.now(),
            }
        )

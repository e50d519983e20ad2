from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

CLOSURE_GATES = [
    ("verified", "Problem Verified"),
    ("corrected", "Correction Done"),
    ("rectified", "Rectification Implemented"),
    ("satisfied", "Customer Satisfied or Dissatisfaction Dealt With"),
]


class HelpdeskClosureCheck(models.Model):
    """One of the "four not let go" checks of an appeal, with its evidence (R004-03)."""

    _name = "helpdesk.closure.check"
    _description = "Closure Check"
    _order = "ticket_id, gate"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    gate = fields.Selection(CLOSURE_GATES, string="Check", required=True)
    evidence = fields.Text(required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_closure_check_attachment_rel",
        string="Evidence Files",
    )
    checked_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    checked_at = fields.Datetime(readonly=True, default=fields.Datetime.now)

    _gate_once = models.Constraint(
        "UNIQUE(ticket_id, gate)", "Each check is recorded once per appeal."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if self.sudo().search_count(
                [
                    ("ticket_id", "=", vals.get("ticket_id")),
                    ("gate", "=", vals.get("gate")),
                ]
            ):
                raise UserError(self.env._("Each check is recorded once per appeal."))
        checks = super().create(vals_list)
        for check in checks:
            ticket = check.ticket_id
            if not ticket.company_id.complaint_preset_id.feature_closure_gates:
                raise UserError(
                    self.env._(
                        "The company's preset does not use the closure checks "
                        "(R004-03)."
                    )
                )
            if not ticket._is_handling_department_user():
                raise AccessError(
                    self.env._(
                        "Only the handling department or the office records the "
                        "closure checks of appeal %(number)s.",
                        number=ticket.number,
                    )
                )
            if not (check.evidence or "").strip():
                raise UserError(self.env._("A closure check needs its evidence."))
            if (
                check.gate == "satisfied"
                and ticket.state == "unsatisfied"
                and not ticket.closure_pending
            ):
                raise UserError(
                    self.env._(
                        "Appeal %(number)s is rated unsatisfied: deal with the rating "
                        "(cause review or a further reply) before ticking this check.",
                        number=ticket.number,
                    )
                )
            ticket.message_post(
                body=self.env._(
                    "Closure check “%(gate)s”: %(evidence)s",
                    gate=check._gate_label(),
                    evidence=check.evidence,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return checks

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._("A recorded closure check is evidence: it is not changed.")
            )
        return super().write(vals)

    def _gate_label(self):
        self.ensure_one()
        return dict(self._fields["gate"]._description_selection(self.env))[self.gate]

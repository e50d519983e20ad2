from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from .stored_domain import parse_stored_domain


class HelpdeskAppealQueue(models.Model):
    """A work list of appeals for a role, with its count for the current user.

    Queues are records (domain, roles), so a company adds or changes one without code.
    """

    _name = "helpdesk.appeal.queue"
    _description = "Appeal Queue"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Char(translate=True)
    domain = fields.Char(
        required=True,
        default="[]",
        help="Appeals in the queue; `uid` is the current user.",
    )
    group_ids = fields.Many2many(
        "res.groups",
        string="Shown To",
        help="Roles that see this queue; empty: everyone.",
    )
    color = fields.Integer()
    appeal_count = fields.Integer(compute="_compute_appeal_count")

    def _domain_variables(self):
        return {"uid": self.env.uid, "context_today": fields.Date.context_today(self)}

    def _appeal_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", self._domain_variables())

    @api.constrains("domain")
    def _check_domain(self):
        Ticket = self.env["helpdesk.ticket"]
        for queue in self:
            try:
                parse_stored_domain(Ticket, queue.domain, queue._domain_variables())
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Queue %(name)s: “%(domain)s” is not a valid filter of "
                        "appeals (%(problem)s).",
                        name=queue.name,
                        domain=queue.domain,
                        problem=error,
                    )
                ) from error

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_appeal_count(self):
        Ticket = self.env["helpdesk.ticket"]
        for queue in self:
            queue.appeal_count = Ticket.search_count(queue._appeal_domain())

    def action_open(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_appeal_ledger"
        )
        action.update(
            {
                "name": self.name,
                "domain": self._appeal_domain(),
                "context": {"appeal_registration": True},
            }
        )
        return action

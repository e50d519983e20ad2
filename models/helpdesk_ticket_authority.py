from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """The handling-authority tier an appeal is at (R003-07) and its escalations when a
    handling deadline passes unsolved (R003-08)."""

    _inherit = "helpdesk.ticket"

    authority_tier_id = fields.Many2one(
        "helpdesk.authority.tier",
        string="Handling Tier",
        compute="_compute_authority_tier_id",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        help="The lowest tier that may conclude the appeal's category (R003-07); it "
        "moves up when a handling deadline passes unsolved (R003-08).",
    )
    escalation_ids = fields.One2many(
        "helpdesk.ticket.escalation", "ticket_id", string="Escalations"
    )
    escalation_count = fields.Integer(compute="_compute_escalation_count")

    # The preset's tiers at the time: a preset changed later leaves old appeals alone.
    @api.depends("category_id")
    def _compute_authority_tier_id(self):
        for ticket in self:
            tiers = ticket.company_id.complaint_preset_id.authority_tier_ids
            ticket.authority_tier_id = tiers.filtered(
                lambda tier, ticket=ticket: tier._may_conclude(ticket.category_id)
            )[:1]

    def _compute_escalation_count(self):
        counts = dict(
            self.env["helpdesk.ticket.escalation"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.escalation_count = counts.get(ticket, 0)

    @api.constrains("authority_tier_id", "category_id")
    def _check_authority_tier(self):
        for ticket in self.filtered("authority_tier_id"):
            if not ticket.authority_tier_id._may_conclude(ticket.category_id):
                raise ValidationError(
                    self.env._(
                        "The %(tier)s tier may not conclude %(category)s appeals: "
                        "choose a higher tier (R003-07).",
                        tier=ticket.authority_tier_id.name,
                        category=ticket.category_id.display_name,
                    )
                )

    def action_open_escalations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket.escalation",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"create": False},
            "name": self.env._("Escalations"),
        }

    @api.model
    def _cron_escalate_overdue(self):
        """R003-08: each handling deadline of the preset still not reached once its
        grace has passed moves its appeal up one tier, once; the tier's people are
        told."""
        presets = (
            self.env["helpdesk.complaint.preset"]
            .sudo()
            .search([("escalation_milestone_ids", "!=", False)])
        )
        now = fields.Datetime.now()
        Escalation = self.env["helpdesk.ticket.escalation"].sudo()
        for preset in presets:
            lines = (
                self.env["helpdesk.ticket.deadline"]
                .sudo()
                .search(
                    [
                        ("milestone_id", "in", preset.escalation_milestone_ids.ids),
                        ("status", "in", ("running", "breached")),
                        ("reached_at", "=", False),
                        (
                            "deadline",
                            "<=",
                            now - timedelta(hours=preset.escalation_grace_hours),
                        ),
                        ("ticket_id.company_id.complaint_preset_id", "=", preset.id),
                        ("ticket_id.state", "not in", ("closed", "withdrawn")),
                    ]
                )
            )
            lines -= Escalation.search([("deadline_id", "in", lines.ids)]).deadline_id
            for line in lines:
                line.ticket_id._escalate(line, now)

    def _escalate(self, line, when):
        """Move up one tier for the missed ``line``, log it and tell the tier."""
        self.ensure_one()
        ticket = self.sudo()
        current = ticket.authority_tier_id
        upper = (
            current._above(ticket.category_id)
            if current
            else ticket.company_id.complaint_preset_id.authority_tier_ids[:1]
        )
        if not upper:
            return
        users = {
            "section": ticket.section_id.manager_id.user_id,
            "department": ticket.department_id.manager_id.user_id,
            "office": ticket._office_users(),
        }[upper.notify] or ticket._office_users()
        ticket.env["helpdesk.ticket.escalation"].create(
            {
                "ticket_id": ticket.id,
                "department_id": ticket.department_id.id,
                "deadline_id": line.id,
                "deadline": line.deadline,
                "escalated_at": when,
                "from_tier_id": current.id,
                "to_tier_id": upper.id,
                "notified_user_ids": [fields.Command.set(users.ids)],
            }
        )
        ticket.authority_tier_id = upper
        # The system writes it: in the company's language.
        ticket = ticket.with_context(**ticket.company_id._complaint_text_context())
        note = ticket.env._(
            "%(milestone)s was due %(deadline)s and is still not done: the problem "
            "moves up to the %(tier)s (R003-08).",
            milestone=line.name,
            deadline=ticket.company_id._complaint_format_datetime(line.deadline),
            tier=upper.name,
        )
        ticket.message_post(body=note, subtype_xmlid="mail.mt_note")
        ticket._hand_to(users, ticket.env._("Escalated problem"), note)

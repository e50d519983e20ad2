import re
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..groups import COMPLAINANT_DATA
from .helpdesk_ticket_workflow import ENDED_STATES


class HelpdeskTicket(models.Model):
    """Repeats of one customer's problem (R003-32), early warnings to the department
    (R000-76) and written supervision orders (R002-43)."""

    _inherit = "helpdesk.ticket"

    repeat_manual = fields.Boolean(
        string="Repeat Link Set by Hand",
        readonly=True,
        copy=False,
        help="Staff linked or unlinked this appeal by hand: automatic repeat detection "
        "leaves its link alone (R003-32).",
    )
    repeat_chain_count = fields.Integer(
        string="Appeals in Repeat Chain",
        compute="_compute_repeat_chain_count",
        store=True,
        recursive=True,
        help="This appeal and the earlier appeals it repeats, link by link; each link "
        "is within the repeat window of the appeal before it (R003-32).",
    )
    complainant_phone_key = fields.Char(
        string="Normalized Complainant Phone",
        compute="_compute_complainant_phone_key",
        store=True,
        index="btree_not_null",
        copy=False,
        groups=COMPLAINANT_DATA,
        help="The complainant's phone without spaces, dashes and +86, to recognize "
        "repeats.",
    )
    early_warning_ids = fields.Many2many(
        "helpdesk.early.warning",
        "helpdesk_early_warning_ticket_rel",
        "ticket_id",
        "warning_id",
        string="Early Warnings",
        copy=False,
    )
    early_warning_count = fields.Integer(compute="_compute_early_warning_count")
    supervision_order_ids = fields.One2many(
        "helpdesk.supervision.order", "ticket_id", string="Supervision Orders"
    )
    supervision_order_count = fields.Integer(compute="_compute_supervision_order_count")
    has_open_supervision = fields.Boolean(
        string="Under Supervision",
        compute="_compute_supervision_order_count",
        search="_search_has_open_supervision",
        help="An open written supervision order is pending on this appeal (R002-43).",
    )

    repeat_of_id = fields.Many2one(
        "helpdesk.ticket",
        index="btree_not_null",
        tracking=True,
        copy=False,
        domain="[('id', '!=', id)]",
    )
    repeat_ids = fields.One2many("helpdesk.ticket", "repeat_of_id", string="Repeats")
    repeat_count = fields.Integer(compute="_compute_repeat_count")

    @api.depends("repeat_ids")
    def _compute_repeat_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("repeat_of_id", "in", self.ids)], ["repeat_of_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.repeat_count = counts.get(ticket, 0)

    @api.constrains("repeat_of_id")
    def _check_repeat_of(self):
        if self._has_cycle("repeat_of_id"):
            raise ValidationError(self.env._("An appeal cannot be a repeat of itself."))

    def action_open_repeats(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("repeat_of_id", "=", self.id)],
            "name": self.env._("Repeats"),
        }

    # Changing one of these can make an appeal a repeat of another, or stop it.
    _REPEAT_INPUT_FIELDS = frozenset(
        {
            "partner_id",
            "complainant_phone",
            "category_id",
            "nature_id",
            "received_at",
            "company_id",
        }
    )

    @api.model
    def _normalize_complainant_phone(self, phone):
        """The digits identifying a phone: no spaces, dashes, brackets or +86 / 0086."""
        digits = re.sub(r"[\s\-()（）]", "", phone or "")
        return re.sub(r"^(?:\+86|0086)", "", digits) or False

    @api.depends("complainant_phone")
    def _compute_complainant_phone_key(self):
        for ticket in self:
            ticket.complainant_phone_key = self._normalize_complainant_phone(
                ticket.sudo().complainant_phone
            )

    @api.depends("repeat_of_id.repeat_chain_count")
    def _compute_repeat_chain_count(self):
        for ticket in self:
            parent = ticket.repeat_of_id
            ticket.repeat_chain_count = parent.repeat_chain_count + 1 if parent else 1

    # Whoever sees the appeal sees that it is warned about or supervised; the warnings
    # and orders themselves stay with the office and the departments they address.
    @api.depends("early_warning_ids")
    def _compute_early_warning_count(self):
        for ticket in self:
            ticket.early_warning_count = len(ticket.sudo().early_warning_ids)

    @api.depends("supervision_order_ids.state")
    def _compute_supervision_order_count(self):
        for ticket in self:
            orders = ticket.sudo().supervision_order_ids
            ticket.supervision_order_count = len(orders)
            ticket.has_open_supervision = "open" in orders.mapped("state")

    def _search_has_open_supervision(self, operator, value):
        if operator != "in":
            return NotImplemented
        query = (
            self.env["helpdesk.supervision.order"]
            .sudo()
            ._search([("state", "=", "open")])
        )
        domain = fields.Domain("id", "in", query.subselect("ticket_id"))
        return domain if True in value else ~domain

    def _detect_repeats(self, vals=None):
        """Keep repeat links up to date after a create (``vals`` None) or a write
        (R003-32).

        A link given or changed by hand is marked manual and never overwritten; the
        others are recomputed when what identifies the complainant or the problem
        changes, also for the later appeals that repeat a changed one. Then early
        warnings (R000-76) and supervision triggers (R002-43) are checked for the
        appeals whose chain changed.
        """
        if not self or self.env.context.get("repeat_detection"):
            return
        if vals is not None and not (
            "repeat_of_id" in vals or self._REPEAT_INPUT_FIELDS & set(vals)
        ):
            return
        tickets = self.sudo()
        if vals is None:
            manual = tickets.filtered("repeat_of_id")
            to_detect = tickets - manual
        else:
            manual = tickets if "repeat_of_id" in vals else tickets.browse()
            to_detect = tickets.browse()
            if self._REPEAT_INPUT_FIELDS & set(vals):
                to_detect = (tickets | tickets.repeat_ids) - manual
        if not (manual or to_detect):
            return
        manual.filtered(lambda ticket: not ticket.repeat_manual).with_context(
            repeat_detection=True
        ).write({"repeat_manual": True})
        relinked = to_detect.filtered(
            lambda ticket: not ticket.repeat_manual
        )._link_repeats()
        (manual | relinked)._on_repeat_chain_changed()

    def _link_repeats(self):
        """Link each appeal to the latest earlier appeal of the same complainant and the
        same category received within the repeat window before it (R003-32).

        The window is counted in calendar days from the earlier appeal's receipt, the
        day of receipt not counted (C-03): with 30 days, an appeal received on day 30 is
        a repeat, one received on day 31 is not (C-05). Same complainant: the same
        contact; when either appeal has none, the same normalized phone. One search per
        batch. Returns the appeals whose link changed.
        """
        eligible = self.filtered(lambda ticket: ticket._repeat_candidate())
        by_problem = defaultdict(list)
        if eligible:
            longest = max(
                eligible.company_id.complaint_preset_id.mapped("repeat_window_days")
            )
            phones = [key for key in eligible.mapped("complainant_phone_key") if key]
            candidates = self.search(
                [
                    ("company_id", "in", eligible.company_id.ids),
                    ("category_id", "in", eligible.category_id.ids),
                    ("received_at", "<=", max(eligible.mapped("received_at"))),
                    (
                        "received_at",
                        ">=",
                        min(eligible.mapped("received_at"))
                        - timedelta(days=longest + 1),
                    ),
                    "|",
                    ("partner_id", "in", eligible.partner_id.ids),
                    ("complainant_phone_key", "in", phones),
                ],
                order="received_at desc, id desc",
            )
            for candidate in candidates.filtered(
                lambda ticket: ticket._repeat_candidate()
            ):
                by_problem[candidate.company_id, candidate.category_id].append(
                    candidate
                )
        window_ends = {}
        targets = defaultdict(list)
        for ticket in self:
            target = self.browse()
            if ticket in eligible:
                preset = ticket.company_id.complaint_preset_id
                calendar = ticket.company_id._get_complaint_calendar()
                for earlier in by_problem[ticket.company_id, ticket.category_id]:
                    if (earlier.received_at, earlier.id) >= (
                        ticket.received_at,
                        ticket.id,
                    ):
                        continue
                    key = (earlier.id, preset.repeat_window_days)
                    if key not in window_ends:
                        window_ends[key] = self._repeat_window_end(
                            calendar, earlier.received_at, preset.repeat_window_days
                        )
                    if ticket.received_at > window_ends[key]:
                        break  # older appeals have even earlier window ends
                    if ticket._same_complainant(earlier):
                        target = earlier
                        break
            if ticket.repeat_of_id != target:
                targets[target.id].append(ticket.id)
        changed = self.browse()
        for target_id, ticket_ids in targets.items():
            tickets = self.browse(ticket_ids)
            tickets.with_context(repeat_detection=True).write(
                {"repeat_of_id": target_id}
            )
            changed |= tickets
        return changed

    def _repeat_candidate(self):
        """Whether this appeal can repeat or be repeated under its company's preset."""
        self.ensure_one()
        preset = self.company_id.complaint_preset_id
        return bool(
            preset
            and self.category_id
            and self.received_at
            and (self.partner_id or self.complainant_phone_key)
            and (
                not preset.repeat_nature_ids
                or self.nature_id in preset.repeat_nature_ids
            )
        )

    def _same_complainant(self, other):
        self.ensure_one()
        if self.partner_id and other.partner_id:
            return self.partner_id == other.partner_id
        return (
            bool(self.complainant_phone_key)
            and self.complainant_phone_key == other.complainant_phone_key
        )

    @api.model
    def _repeat_window_end(self, calendar, received_at, days):
        """End of the window opened by an appeal received at ``received_at``."""
        if calendar:
            return calendar._sla_deadline(
                received_at, days, "calendar_days", "next_day"
            )[0]
        return received_at + timedelta(days=days)

    def _repeat_chain(self):
        """This appeal and the appeals it repeats, link by link, the latest first."""
        self.ensure_one()
        chain = self.browse()
        ticket = self
        while ticket and ticket not in chain:
            chain |= ticket
            ticket = ticket.repeat_of_id
        return chain

    def _repeat_descendants(self):
        """The later appeals that repeat these, link by link."""
        result = self.browse()
        todo = self.repeat_ids
        while todo:
            todo -= result | self
            result |= todo
            todo = todo.repeat_ids
        return result

    def _on_repeat_chain_changed(self):
        """Early warnings and supervision for appeals whose repeat chain changed."""
        tickets = self | self._repeat_descendants()
        self.env["helpdesk.early.warning"]._raise_for_tickets(tickets)
        tickets._check_supervision_triggers()

    def _check_supervision_triggers(self):
        """Propose written supervision orders (R002-43) for the appeals that meet a
        trigger.

        The workflow calls this after a redo and after a callback; registration calls it
        for repeats and a daily cron for overdue appeals. It is idempotent: never two
        open orders for one appeal and trigger. Returns the orders it created.
        """
        return self.env["helpdesk.supervision.order"]._propose_for_tickets(self)

    @api.model
    def _cron_check_supervision(self):
        """Daily: propose supervision orders for appeals handled too slowly or whose
        commitments stall (R002-43)."""
        candidates = self.sudo().search(
            [
                ("state", "not in", ENDED_STATES),
                "|",
                ("deadline_state", "=", "breached"),
                ("commitment_ids.state", "=", "open"),
            ]
        )
        candidates._check_supervision_triggers()

    def action_detect_repeat(self):
        """Forget a hand-set repeat link and let detection decide again (R003-32)."""
        self.check_access("write")
        tickets = self.sudo()
        tickets.with_context(repeat_detection=True).write({"repeat_manual": False})
        (tickets | tickets._link_repeats())._on_repeat_chain_changed()

    def action_open_supervision_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_helpdesk_supervision_order"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_open_early_warnings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_utility_complaint.action_helpdesk_early_warning"
        )
        action["domain"] = [("ticket_ids", "in", self.ids)]
        action["context"] = {}
        return action

    def action_issue_supervision_order(self):
        """The office issues a written supervision notice by hand (R002-43)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue a Supervision Notice"),
            "res_model": "helpdesk.supervision.order",
            "view_mode": "form",
            "target": "current",
            "context": {"default_ticket_id": self.id},
        }

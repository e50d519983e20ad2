import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .res_company import APPEAL_SEQUENCE_CODE

# Mainland China numbers as complainants give them: mobiles, landlines with or without area
# code and extension, 400/800 lines, and short service numbers (12345, 95598 ...).
PHONE_PATTERN = re.compile(
    r"""^(?:\+86|0086)?-?(?:
        1[3-9]\d{9}
      | (?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?
      | [48]00-?\d{3}-?\d{4}
      | 1\d{4}
      | 9[56]\d{3,6}
    )$""",
    re.VERBOSE,
)
OFFICE_GROUPS = (
    "helpdesk_utility_complaint.group_response_office",
    "helpdesk_utility_complaint.group_appraisal_officer",
    "helpdesk_utility_complaint.group_leader",
)
COMPLAINANT_DATA_GROUP = "helpdesk_utility_complaint.group_complainant_data"
# Fields a deadline policy or milestone selects on: changing one re-matches the deadlines.
SLA_INPUT_FIELDS = {
    "channel_id",
    "nature_id",
    "category_id",
    "team_id",
    "priority",
    "company_id",
    "platform_deadline",
    "pipe_diameter",
}


def mask_text(value, keep_start=1, keep_end=0):
    """Keep the first/last characters of a personal value and star out the rest."""
    if not value:
        return value
    if len(value) <= keep_start + keep_end:
        return value[:1] + "*" * (len(value) - 1)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * min(hidden, 4) + (value[-keep_end:] if keep_end else "")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # --- Ledger: how and what (R000-01, R003-10) ---
    channel_id = fields.Many2one(tracking=True, index=True)
    category_id = fields.Many2one(tracking=True, index=True)
    nature_id = fields.Many2one(
        "helpdesk.ticket.nature",
        string="Nature",
        compute="_compute_nature_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    nature_kind = fields.Selection(related="nature_id.kind", store=True)
    is_platform = fields.Boolean(
        related="channel_id.is_platform", store=True, string="Platform Appeal"
    )
    platform_reference = fields.Char(
        string="Platform Reference",
        tracking=True,
        index="btree_not_null",
        help="The ticket number the transferring platform gave the appeal.",
    )
    platform_deadline = fields.Datetime(
        tracking=True,
        help="Completion deadline set by the platform; it overrides the internal limits "
        "(R000-08, R002-19).",
    )
    received_at = fields.Datetime(
        string="Received At",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the appeal reached the company. Deadlines count from here, not from "
        "the later registration (R000-07, R003-12).",
    )
    occurred_at = fields.Datetime(
        string="Occurred At", help="When the problem itself happened (R003-10)."
    )
    receiving_department_id = fields.Many2one(
        "hr.department",
        string="Receiving Department",
        default=lambda self: self.env.user.employee_id.department_id,
        check_company=True,
        help="The unit that first took the appeal; it still ends up in the response "
        "office's ledger (R000-01).",
    )

    # --- Complainant (R003-10); readable only by those handling the appeal (R002-37) ---
    partner_name = fields.Char(
        string="Complainant Name",
        groups=f"base.group_portal,{COMPLAINANT_DATA_GROUP}",
    )
    partner_email = fields.Char(groups=f"base.group_portal,{COMPLAINANT_DATA_GROUP}")
    complainant_phone = fields.Char(groups=COMPLAINANT_DATA_GROUP, tracking=True)
    complainant_address = fields.Char(groups=COMPLAINANT_DATA_GROUP)
    # What the current user may see of the complainant: clear or masked.
    complainant_name_display = fields.Char(
        string="Complainant (Protected)", compute="_compute_complainant_display"
    )
    complainant_phone_display = fields.Char(
        string="Complainant Phone (Protected)", compute="_compute_complainant_display"
    )
    complainant_address_display = fields.Char(
        string="Complainant Address (Protected)", compute="_compute_complainant_display"
    )

    # --- Workflow (see the transitions below) ---
    state = fields.Selection(
        [
            ("registered", "Registered"),
            ("awaiting_instruction", "Awaiting Instruction"),
            ("dispatched", "Dispatched"),
            ("accepted", "Accepted"),
            ("handed_back", "Handed Back"),
            ("reported", "Reported"),
            ("approved", "Approved"),
            ("interim_replied", "Interim Reply Sent"),
            ("replied", "Replied"),
            ("unsatisfied", "Unsatisfied"),
            ("closed", "Closed"),
        ],
        default="registered",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    redo_count = fields.Integer(
        readonly=True, copy=False, help="Times the appeal was sent back to be handled again (R002-22)."
    )
    hand_back_count = fields.Integer(
        readonly=True, copy=False, help="Times a department handed the appeal back (R002-13)."
    )
    co_department_ids = fields.Many2many(
        "hr.department",
        "helpdesk_ticket_co_department_rel",
        string="Co-handling Departments",
        check_company=True,
        help="Departments that cooperate with the lead department (R000-26).",
    )
    # --- Platform replies and verdicts (R000-27, R000-29, C-12) ---
    platform_reply_ids = fields.One2many(
        "helpdesk.platform.reply", "ticket_id", string="Platform Replies"
    )
    platform_verdict_ids = fields.One2many(
        "helpdesk.platform.verdict", "ticket_id", string="Platform Verdicts"
    )

    # --- Who handles it ---
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Department",
        tracking=True,
        index=True,
        check_company=True,
    )
    section_id = fields.Many2one(
        "hr.department",
        string="Section",
        tracking=True,
        index=True,
        check_company=True,
        domain="[('parent_id', '=', department_id)]",
    )
    handler_employee_id = fields.Many2one(
        "hr.employee",
        string="Handling Employee",
        tracking=True,
        index=True,
        check_company=True,
    )
    recusal_ids = fields.One2many(
        "helpdesk.ticket.recusal", "ticket_id", string="Recusals"
    )
    has_recusal = fields.Boolean(
        string="Conflict Declared", compute="_compute_has_recusal", store=True
    )

    # --- Repeats (linked by the workflow) ---
    repeat_of_id = fields.Many2one(
        "helpdesk.ticket",
        string="Repeat Of",
        index="btree_not_null",
        tracking=True,
        copy=False,
        domain="[('id', '!=', id)]",
    )
    repeat_ids = fields.One2many("helpdesk.ticket", "repeat_of_id", string="Repeats")
    repeat_count = fields.Integer(compute="_compute_repeat_count")

    # --- Deadlines: facts in, milestone lines out (see helpdesk.ticket.sla) ---
    event_ids = fields.One2many("helpdesk.ticket.event", "ticket_id", string="Events")
    sla_policy_id = fields.Many2one(
        "helpdesk.sla.policy", string="Deadline Policy", readonly=True, copy=False, index=True
    )
    sla_line_ids = fields.One2many("helpdesk.ticket.sla", "ticket_id", string="Deadlines")
    sla_deadline = fields.Datetime(
        string="Next Deadline", compute="_compute_sla_summary", store=True, index=True
    )
    sla_state = fields.Selection(
        [
            ("on_track", "On Track"),
            ("due_soon", "Due Soon"),
            ("breached", "Breached"),
            ("met", "All Met"),
        ],
        string="Deadline Status",
        compute="_compute_sla_summary",
        store=True,
        index=True,
    )
    sla_provisional = fields.Boolean(
        string="Provisional Deadline",
        compute="_compute_sla_summary",
        store=True,
        help="A deadline falls in a year whose official holiday arrangement is not loaded "
        "yet; it is recomputed once it is.",
    )
    pipe_diameter = fields.Integer(
        string="Pipe Diameter (DN, mm)", help="Nominal diameter of a leaking pipe (R002-25)."
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("category_id")
    def _compute_nature_id(self):
        for ticket in self:
            ticket.nature_id = ticket.category_id.default_nature_id or ticket.nature_id

    @api.depends("recusal_ids")
    def _compute_has_recusal(self):
        for ticket in self:
            ticket.has_recusal = bool(ticket.recusal_ids)

    @api.depends("repeat_ids")
    def _compute_repeat_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("repeat_of_id", "in", self.ids)], ["repeat_of_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.repeat_count = counts.get(ticket, 0)

    @api.depends(
        "sla_line_ids.status",
        "sla_line_ids.deadline",
        "sla_line_ids.reached_at",
        "sla_line_ids.is_due_soon",
        "sla_line_ids.provisional",
    )
    def _compute_sla_summary(self):
        for ticket in self:
            lines = ticket.sla_line_ids
            open_lines = lines.filtered(
                lambda line: not line.reached_at and line.status in ("running", "paused", "breached")
            )
            ticket.sla_deadline = min(open_lines.mapped("deadline"), default=False)
            ticket.sla_provisional = any(open_lines.mapped("provisional"))
            if "breached" in lines.mapped("status"):
                ticket.sla_state = "breached"
            elif any(open_lines.mapped("is_due_soon")):
                ticket.sla_state = "due_soon"
            elif open_lines:
                ticket.sla_state = "on_track"
            else:
                ticket.sla_state = "met" if lines.filtered(lambda line: line.status == "met") else False

    @api.depends_context("uid")
    @api.depends(
        "partner_name",
        "complainant_phone",
        "complainant_address",
        "user_id",
        "handler_employee_id",
        "department_id",
        "section_id",
        "recusal_ids",
    )
    def _compute_complainant_display(self):
        for ticket, clear in zip(self, self._may_read_complainant_data(), strict=True):
            data = ticket.sudo()
            if clear:
                ticket.complainant_name_display = data.partner_name
                ticket.complainant_phone_display = data.complainant_phone
                ticket.complainant_address_display = data.complainant_address
            else:
                ticket.complainant_name_display = mask_text(data.partner_name)
                ticket.complainant_phone_display = mask_text(
                    data.complainant_phone, keep_start=3, keep_end=4
                )
                ticket.complainant_address_display = mask_text(
                    data.complainant_address, keep_start=6
                )

    def _may_read_complainant_data(self):
        """Whether the current user handles each appeal (R002-37, R002-38).

        The response office and appraisal officers handle every appeal; otherwise only
        the assigned user, the handling employee and the head of the handling department
        or section do. Anyone who declared a conflict of interest never does.
        """
        user = self.env.user
        office = self.env.su or user.has_group(COMPLAINANT_DATA_GROUP)
        result = []
        for ticket in self.sudo():
            if user in ticket.recusal_ids.user_id:
                result.append(False)
                continue
            handlers = (
                ticket.user_id
                | ticket.handler_employee_id.user_id
                | ticket.department_id.manager_id.user_id
                | ticket.section_id.manager_id.user_id
            )
            result.append(office or user in handlers)
        return result

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    def _check_channel_and_nature(self):
        """Every appeal records its channel and nature (R000-01).

        Checked on create and write rather than as a constraint, so that tickets that
        existed before the addon was installed stay readable and editable."""
        for ticket in self:
            missing = []
            if not ticket.channel_id:
                missing.append(self.env._("channel"))
            if not ticket.nature_id:
                missing.append(self.env._("nature"))
            if missing:
                raise ValidationError(
                    self.env._(
                        "Appeal “%(title)s” cannot be registered without its %(fields)s.",
                        title=ticket.name,
                        fields=self.env._(" and ").join(missing),
                    )
                )

    @api.constrains("complainant_phone")
    def _check_complainant_phone(self):
        for ticket in self.sudo():
            phone = ticket.complainant_phone
            if phone and not PHONE_PATTERN.match(re.sub(r"[\s()（）]", "", phone)):
                raise ValidationError(
                    self.env._(
                        "“%(phone)s” is not a valid phone number. Enter an 11-digit "
                        "mobile number or a landline such as 0533-1234567.",
                        phone=phone,
                    )
                )

    @api.constrains("channel_id", "platform_reference", "platform_deadline")
    def _check_platform_data(self):
        for ticket in self.filtered("is_platform"):
            if not ticket.platform_reference or not ticket.platform_deadline:
                raise ValidationError(
                    self.env._(
                        "Appeal “%(title)s” came through the platform %(channel)s: enter "
                        "the platform reference number and the platform deadline.",
                        title=ticket.name,
                        channel=ticket.channel_id.name,
                    )
                )

    @api.constrains("received_at", "occurred_at", "platform_deadline")
    def _check_dates(self):
        now = fields.Datetime.now()
        for ticket in self:
            if ticket.received_at > now:
                raise ValidationError(
                    self.env._("The time an appeal was received cannot be in the future.")
                )
            if ticket.occurred_at and ticket.occurred_at > ticket.received_at:
                raise ValidationError(
                    self.env._(
                        "The problem cannot have occurred after the appeal was received."
                    )
                )
            if ticket.platform_deadline and ticket.platform_deadline <= ticket.received_at:
                raise ValidationError(
                    self.env._(
                        "The platform deadline must be later than the time the appeal "
                        "was received."
                    )
                )

    @api.constrains("department_id", "section_id", "handler_employee_id")
    def _check_handling_unit(self):
        for ticket in self:
            if ticket.section_id and ticket.section_id.parent_id != ticket.department_id:
                raise ValidationError(
                    self.env._(
                        "Section %(section)s is not part of department %(department)s.",
                        section=ticket.section_id.name,
                        department=ticket.department_id.name or "-",
                    )
                )
            employee = ticket.handler_employee_id
            if employee and employee.department_id not in (
                ticket.department_id | ticket.section_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s does not work in the responsible department or "
                        "section of this appeal.",
                        employee=employee.name,
                    )
                )

    @api.constrains("user_id", "handler_employee_id", "recusal_ids")
    def _check_recusal(self):
        for ticket in self:
            assigned = ticket.user_id | ticket.handler_employee_id.user_id
            conflicted = assigned & ticket.recusal_ids.user_id
            if conflicted:
                raise ValidationError(
                    self.env._(
                        "%(users)s declared a conflict of interest with the complainant of "
                        "appeal %(number)s and cannot handle it (R002-38).",
                        users=", ".join(conflicted.mapped("name")),
                        number=ticket.number,
                    )
                )

    @api.constrains("repeat_of_id")
    def _check_repeat_of(self):
        if self._has_cycle("repeat_of_id"):
            raise ValidationError(self.env._("An appeal cannot be a repeat of itself."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _prepare_ticket_number(self, values):
        company = self.env["res.company"].browse(
            values.get("company_id") or self.env.company.id
        )
        number = (
            self.env["ir.sequence"].with_company(company).next_by_code(APPEAL_SEQUENCE_CODE)
        )
        return number or super()._prepare_ticket_number(values)

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._check_channel_and_nature()
        receipt = self.env["helpdesk.sla.event"]._by_code("receipt")
        self.env["helpdesk.ticket.event"].sudo().create(
            [
                {"ticket_id": ticket.id, "event_id": receipt.id, "occurred_at": ticket.received_at}
                for ticket in tickets
            ]
        )
        tickets._sla_recompute()
        return tickets

    def write(self, vals):
        self._check_department_write_access()
        result = super().write(vals)
        if "channel_id" in vals or "nature_id" in vals:
            self._check_channel_and_nature()
        if "received_at" in vals:
            # A corrected receipt time corrects the fact every receipt clock starts from.
            self.env["helpdesk.ticket.event"].sudo().search(
                [("ticket_id", "in", self.ids), ("event_code", "=", "receipt")]
            ).write({"occurred_at": vals["received_at"]})
        if vals.get("stage_id"):
            self._record_event("stage_change", stage_id=vals["stage_id"])
        elif "received_at" in vals or SLA_INPUT_FIELDS & set(vals):
            self._sla_recompute()
        return result

    def _check_department_write_access(self):
        """Handlers may only change their own department's appeals.

        Record rules let a follower read an appeal of another department; changing it
        stays with that department, the response office and appraisal officers.
        """
        user = self.env.user
        if self.env.su or any(user.has_group(group) for group in OFFICE_GROUPS):
            return
        departments = user.employee_ids.department_id
        for ticket in self:
            units = ticket.department_id | ticket.section_id | ticket.receiving_department_id
            if units & departments or user in (
                ticket.user_id | ticket.handler_employee_id.user_id
            ):
                continue
            raise AccessError(
                self.env._(
                    "You can only change appeals of your own department. Appeal "
                    "%(number)s belongs to %(department)s.",
                    number=ticket.number,
                    department=ticket.department_id.name or self.env._("no department"),
                )
            )

    @api.model
    def message_new(self, msg, custom_values=None):
        # An e-mailed appeal is registered with the first nature until the office
        # classifies it, so the mail gateway does not bounce it.
        custom_values = dict(custom_values or {})
        if not custom_values.get("nature_id"):
            custom_values["nature_id"] = self.env["helpdesk.ticket.nature"].search(
                [("company_id", "in", [False, self.env.company.id])], limit=1
            ).id
        return super().message_new(msg, custom_values=custom_values)

    # ------------------------------------------------------------------
    # Events and deadlines
    # ------------------------------------------------------------------

    def _record_event(self, code, when=None, **values):
        """Record that ``code`` happened on these appeals and update their deadlines.

        This is the only way facts enter the event log: the workflow calls it, so every
        reached time of a milestone comes from a recorded step.
        """
        event_type = self.env["helpdesk.sla.event"]._by_code(code)
        when = when or fields.Datetime.now()
        events = self.env["helpdesk.ticket.event"].sudo().create(
            [
                dict(values, ticket_id=ticket.id, event_id=event_type.id, occurred_at=when)
                for ticket in self
            ]
        )
        self._sla_recompute()
        return events

    def _sla_recompute(self):
        self.env["helpdesk.ticket.sla"]._sync_tickets(self)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_declare_conflict(self):
        """The current user stands aside from the appeal (R002-38)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declare a Conflict of Interest"),
            "res_model": "helpdesk.ticket.recusal",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_ticket_id": self.id,
                "default_user_id": self.env.uid,
            },
        }

    def action_open_repeats(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("repeat_of_id", "=", self.id)],
            "name": self.env._("Repeats"),
        }

import re
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
    return (
        value[:keep_start]
        + "*" * min(hidden, 4)
        + (value[-keep_end:] if keep_end else "")
    )


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "helpdesk.appeal.workflow", "tier.validation"]

    # Approvals of the department report (R000-06, R000-22) run on OCA base_tier_validation:
    # the preset's tier definitions decide who signs, in which order.
    _state_from = ["reported"]
    _state_to = ["approved"]
    _cancel_state = "withdrawn"  # no such state: closing an appeal keeps its approvals
    _tier_validation_manual_config = True

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
    registered_at = fields.Datetime(
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When the appeal was entered in the system; late entry is a fault (R000-15, R003-12).",
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
            ("on_hold", "On Hold"),
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
        readonly=True,
        copy=False,
        help="Times the appeal was sent back to be handled again (R002-22).",
    )
    hand_back_count = fields.Integer(
        readonly=True,
        copy=False,
        help="Times a department handed the appeal back (R002-13).",
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

    # --- Outages and water-quality incidents (R002-23, R002-26 to R002-36) ---
    outage_id = fields.Many2one(
        "helpdesk.outage",
        string="Outage / Incident",
        tracking=True,
        index="btree_not_null",
        copy=False,
        ondelete="set null",
        domain="[('company_id', '=', company_id)]",
        help="The outage, water-quality incident or hydrant operation the appeal is about.",
    )
    outage_notice_info = fields.Char(
        string="Outage Notice",
        compute="_compute_outage_notice_info",
        help="Shown on the appeal when its planned outage was notified in time (R002-27).",
    )
    # --- Repeats, early warnings and supervision orders (R003-32, R000-76, R002-43) ---
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
        help="This appeal and the earlier appeals it repeats, link by link; each link is "
        "within the repeat window of the appeal before it (R003-32).",
    )
    complainant_phone_key = fields.Char(
        string="Normalized Complainant Phone",
        compute="_compute_complainant_phone_key",
        store=True,
        index="btree_not_null",
        copy=False,
        groups=COMPLAINANT_DATA_GROUP,
        help="The complainant's phone without spaces, dashes and +86, to recognize repeats.",
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

    # --- Deadlines: facts in, milestone lines out (see helpdesk.ticket.deadline) ---
    event_ids = fields.One2many("helpdesk.ticket.event", "ticket_id", string="Events")
    deadline_policy_id = fields.Many2one(
        "helpdesk.sla.policy",
        string="Deadline Policy",
        readonly=True,
        copy=False,
        index=True,
    )
    deadline_ids = fields.One2many(
        "helpdesk.ticket.deadline", "ticket_id", string="Deadlines"
    )
    next_deadline = fields.Datetime(
        string="Next Deadline", compute="_compute_sla_summary", store=True, index=True
    )
    deadline_state = fields.Selection(
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
    deadline_provisional = fields.Boolean(
        string="Provisional Deadline",
        compute="_compute_sla_summary",
        store=True,
        help="A deadline falls in a year whose official holiday arrangement is not loaded "
        "yet; it is recomputed once it is.",
    )
    finding_ids = fields.One2many(
        "helpdesk.liability.finding", "ticket_id", string="Liability Findings"
    )
    deduction_ids = fields.One2many(
        "helpdesk.deduction.line", "ticket_id", string="Deductions"
    )
    deduction_points = fields.Float(
        compute="_compute_deduction_points",
        digits=(16, 2),
        help="Points confirmed or proposed on this appeal.",
    )
    pipe_diameter = fields.Integer(
        string="Pipe Diameter (DN, mm)",
        help="Nominal diameter of a leaking pipe (R002-25).",
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

    @api.depends("deduction_ids.points", "deduction_ids.state")
    def _compute_deduction_points(self):
        for ticket in self:
            ticket.deduction_points = sum(
                ticket.deduction_ids.filtered(
                    lambda line: line.state != "cancelled"
                ).mapped("points")
            )

    @api.depends(
        "deadline_ids.status",
        "deadline_ids.deadline",
        "deadline_ids.reached_at",
        "deadline_ids.is_due_soon",
        "deadline_ids.provisional",
    )
    def _compute_sla_summary(self):
        for ticket in self:
            lines = ticket.deadline_ids
            open_lines = lines.filtered(
                lambda line: (
                    not line.reached_at
                    and line.status in ("running", "paused", "breached")
                )
            )
            ticket.next_deadline = min(open_lines.mapped("deadline"), default=False)
            ticket.deadline_provisional = any(open_lines.mapped("provisional"))
            if "breached" in lines.mapped("status"):
                ticket.deadline_state = "breached"
            elif any(open_lines.mapped("is_due_soon")):
                ticket.deadline_state = "due_soon"
            elif open_lines:
                ticket.deadline_state = "on_track"
            else:
                ticket.deadline_state = (
                    "met"
                    if lines.filtered(lambda line: line.status == "met")
                    else False
                )

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

    @api.onchange("department_id")
    def _onchange_department_id(self):
        if self.section_id.parent_id != self.department_id:
            self.section_id = False
        if self.handler_employee_id.department_id not in (
            self.department_id | self.section_id
        ):
            self.handler_employee_id = False

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
                    self.env._(
                        "The time an appeal was received cannot be in the future."
                    )
                )
            if ticket.occurred_at and ticket.occurred_at > ticket.received_at:
                raise ValidationError(
                    self.env._(
                        "The problem cannot have occurred after the appeal was received."
                    )
                )
            if (
                ticket.platform_deadline
                and ticket.platform_deadline <= ticket.received_at
            ):
                raise ValidationError(
                    self.env._(
                        "The platform deadline must be later than the time the appeal "
                        "was received."
                    )
                )

    @api.constrains("department_id", "section_id", "handler_employee_id")
    def _check_handling_unit(self):
        for ticket in self:
            if (
                ticket.section_id
                and ticket.section_id.parent_id != ticket.department_id
            ):
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
            self.env["ir.sequence"]
            .with_company(company)
            .next_by_code(APPEAL_SEQUENCE_CODE)
        )
        return number or super()._prepare_ticket_number(values)

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._check_channel_and_nature()
        receipt = self.env["helpdesk.sla.event"]._by_code("receipt")
        self.env["helpdesk.ticket.event"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "event_id": receipt.id,
                    "occurred_at": ticket.received_at,
                }
                for ticket in tickets
            ]
        )
        tickets._sla_recompute()
        tickets._report_major_emergency_links()
        # Repeats, early warnings and supervision orders (R003-32, R000-76, R002-43)
        tickets._detect_repeats()
        return tickets

    def write(self, vals):
        self._check_department_write_access()
        if "stage_id" in vals and not self.env.context.get("appeal_workflow"):
            self._check_stage_matches_state(vals["stage_id"])
        links_before = (
            {
                ticket.id: (ticket.outage_id, ticket.category_id.is_major_emergency)
                for ticket in self
            }
            if "outage_id" in vals or "category_id" in vals
            else None
        )
        result = super().write(vals)
        if links_before is not None:
            # Reported once per link: a new incident, or a linked appeal reclassified as major.
            self.filtered(
                lambda ticket: links_before[ticket.id] != (ticket.outage_id, True)
            )._report_major_emergency_links()
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
        # Repeats, early warnings and supervision orders (R003-32, R000-76, R002-43)
        self._detect_repeats(vals)
        return result

    def _check_stage_matches_state(self, stage_id):
        """The kanban stage follows the workflow: dragging a card cannot skip a step."""
        stage = self.env["helpdesk.ticket.stage"].browse(stage_id)
        for ticket in self:
            states = (stage.complaint_states or "").replace(" ", "").split(",")
            if stage.complaint_states and ticket.state not in states:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s moves with its workflow buttons; it cannot be put in "
                        "stage %(stage)s while it is “%(state)s”.",
                        number=ticket.number,
                        stage=stage.name,
                        state=ticket._state_label(ticket.state),
                    )
                )

    # --- Approval chain (base_tier_validation) ---

    def _tier_validation_check_write_allowed(self, vals):
        # Only an appeal with reviews can be under or after validation; base_tier_validation
        # would search its write exceptions once per appeal on every write of a batch.
        super(
            HelpdeskTicket, self.filtered("review_ids")
        )._tier_validation_check_write_allowed(vals)

    def _validate_tier(self, tiers=False):
        result = super()._validate_tier(tiers)
        self.invalidate_recordset(["need_validation", "validation_status"])
        if self.state == "reported" and self.validation_status == "validated":
            self._approved()
        return result

    def _reject_report(self, reason, note):
        """The current reviewer rejects: the report goes back to the department."""
        self.ensure_one()
        self._check_state("reported")
        if not self.can_review:
            raise AccessError(
                self.env._("Only the approver whose turn it is can return this report.")
            )
        self.reject_tier()
        self._return_report(reason, note)

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
            units = (
                ticket.department_id
                | ticket.section_id
                | ticket.receiving_department_id
            )
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

    def _message_add_default_recipients(self):
        # The complainant's e-mail is personal data (R002-37): the chatter of someone who may
        # not read it suggests no recipient built from it, instead of failing.
        if self.env.su or self.env.user.has_group(COMPLAINANT_DATA_GROUP):
            return super()._message_add_default_recipients()
        empty = self.env["res.partner"]
        return {
            ticket.id: {"email_cc_lst": [], "email_to_lst": [], "partners": empty}
            for ticket in self
        }

    @api.model
    def message_new(self, msg, custom_values=None):
        # An e-mailed appeal is registered with the first nature until the office
        # classifies it, so the mail gateway does not bounce it.
        custom_values = dict(custom_values or {})
        if not custom_values.get("nature_id"):
            custom_values["nature_id"] = (
                self.env["helpdesk.ticket.nature"]
                .search([("company_id", "in", [False, self.env.company.id])], limit=1)
                .id
            )
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
        events = (
            self.env["helpdesk.ticket.event"]
            .sudo()
            .create(
                [
                    dict(
                        values,
                        ticket_id=ticket.id,
                        event_id=event_type.id,
                        occurred_at=when,
                    )
                    for ticket in self
                ]
            )
        )
        self._sla_recompute()
        return events

    def _platform_overdue_working_days(self):
        """Working days this appeal is overdue on its platform deadline (R000-35, C-05)."""
        self.ensure_one()
        lines = self.deadline_ids.filtered("platform_overridden") or self.deadline_ids
        return max(lines.mapped("overdue_working_days"), default=0)

    def _sla_recompute(self):
        """Facts changed: rebuild the deadlines, then the deductions generated from them."""
        self.env["helpdesk.ticket.deadline"]._sync_tickets(self)
        self.env["helpdesk.deduction.line"]._sync_process_lines(self)

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

    def action_open_finding(self):
        """R000-14, R000-57: HR records who is liable for this appeal."""
        self.ensure_one()
        self.env["helpdesk.liability.finding"]._check_appraisal_officer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.liability.finding",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
            "name": self.env._("Liability Finding"),
        }

    def action_send_to_hr(self):
        """R000-14, R000-44: the CSC leader has HR investigate; its 7-working-day clock starts."""
        if not self.env.user.has_group(
            "helpdesk_utility_complaint.group_leader"
        ) and not self.env.user.has_group(
            "helpdesk_utility_complaint.group_response_office"
        ):
            raise AccessError(
                self.env._(
                    "The CSC supervising leader or the office sends an appeal to HR."
                )
            )
        self._record_event("hr_assigned")

    def action_submit_hr_report(self):
        self.env["helpdesk.liability.finding"]._check_appraisal_officer()
        if "hr_assigned" not in self.event_ids.mapped("event_code"):
            raise UserError(
                self.env._("This appeal was not sent to HR for investigation.")
            )
        self._record_event("hr_report")

    def action_open_repeats(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("repeat_of_id", "=", self.id)],
            "name": self.env._("Repeats"),
        }

    # ------------------------------------------------------------------
    # Outages and water-quality incidents (R002-26, R002-27)
    # ------------------------------------------------------------------

    @api.depends(
        "outage_id.kind",
        "outage_id.state",
        "outage_id.csc_notified_at",
        "outage_id.start_at",
        "outage_id.expected_restoration_at",
        "outage_id.notice_breached",
    )
    @api.depends_context("uid", "tz")
    def _compute_outage_notice_info(self):
        """R002-27: a planned outage notified at least the required hours ahead is shown on
        its appeals, so whoever answers the customer sees it was announced."""
        for ticket in self:
            outage = ticket.outage_id.sudo()
            if (
                outage.kind == "planned"
                and outage.state != "cancelled"
                and outage.csc_notified_at
                and outage.start_at
                and not outage.notice_breached
            ):
                ticket.outage_notice_info = self.env._(
                    "Planned outage notified on %(notified)s from %(start)s to %(end)s",
                    notified=outage._format_time(outage.csc_notified_at),
                    start=outage._format_time(outage.start_at),
                    end=outage._format_time(outage.expected_restoration_at) or "?",
                )
            else:
                ticket.outage_notice_info = False

    @api.constrains("outage_id", "company_id")
    def _check_outage_company(self):
        for ticket in self:
            if (
                ticket.outage_id
                and ticket.outage_id.sudo().company_id != ticket.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "Appeal %(number)s and outage %(outage)s belong to different companies.",
                        number=ticket.number,
                        outage=ticket.outage_id.sudo().name,
                    )
                )

    def _report_major_emergency_links(self):
        """R002-26: appeals of a major-emergency category newly linked to an incident."""
        tickets = self.filtered(
            lambda ticket: ticket.outage_id and ticket.category_id.is_major_emergency
        )
        for outage in tickets.outage_id:
            outage._report_major_emergency(
                tickets.filtered(
                    lambda ticket, outage=outage: ticket.outage_id == outage
                )
            )

    def action_create_outage(self):
        """Register the outage or water-quality incident this appeal reports and link it."""
        self.ensure_one()
        if self.outage_id:
            raise ValidationError(
                self.env._(
                    "Appeal %(number)s is already linked to %(outage)s.",
                    number=self.number,
                    outage=self.outage_id.name,
                )
            )
        category = self.category_id
        if category.is_water_quality:
            kind = "water_quality"
        elif category.code == "water_outage_planned":
            kind = "planned"
        else:
            kind = "unplanned"
        outage = self.env["helpdesk.outage"].create(
            {
                "kind": kind,
                "company_id": self.company_id.id,
                "reason": self.name,
                "department_id": self.department_id.id,
                "start_at": self.occurred_at if kind == "unplanned" else False,
            }
        )
        self.outage_id = outage
        return outage._get_form_action()

    # ------------------------------------------------------------------
    # Repeats, early warnings and supervision orders (R003-32, R000-76, R002-43)
    # ------------------------------------------------------------------

    # Changing one of these can make an appeal a repeat of another, or stop it being one.
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
        """The digits that identify a phone: no spaces, dashes, brackets or +86 / 0086."""
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
        """Keep repeat links up to date after a create (``vals`` None) or a write (R003-32).

        A link given or changed by hand is marked manual and never overwritten; the others
        are recomputed when what identifies the complainant or the problem changes, also
        for the later appeals that repeat a changed one. Then early warnings (R000-76) and
        supervision triggers (R002-43) are checked for the appeals whose chain changed.
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
        """Link each appeal to the latest earlier appeal of the same complainant and the same
        category received within the repeat window before it (R003-32).

        The window is counted in calendar days from the earlier appeal's receipt, the day
        of receipt not counted (C-03): with 30 days, an appeal received on day 30 is a
        repeat, one received on day 31 is not (C-05). Same complainant: the same contact;
        when either appeal has none, the same normalized phone. One search per batch.
        Returns the appeals whose link changed.
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
        """The last instant of the window that starts with an appeal received at ``received_at``."""
        if calendar:
            return calendar._sla_deadline(
                received_at, days, "calendar_days", "next_day"
            )[0]
        return received_at + timedelta(days=days)

    def _complainant_masked(self):
        """(name, phone) of the complainant, masked for documents that leave the appeal
        (warnings, printed notices), whoever prints them (R002-37)."""
        self.ensure_one()
        data = self.sudo()
        name = data.partner_name or data.partner_id.name
        return (
            mask_text(name) or "",
            mask_text(data.complainant_phone, keep_start=3, keep_end=4) or "",
        )

    def _complainant_masked_label(self):
        self.ensure_one()
        return " / ".join(value for value in self._complainant_masked() if value)

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
        """Early warnings and supervision for the appeals whose repeat chain just changed."""
        tickets = self | self._repeat_descendants()
        self.env["helpdesk.early.warning"]._raise_for_tickets(tickets)
        tickets._check_supervision_triggers()

    def _check_supervision_triggers(self):
        """Propose written supervision orders (R002-43) for the appeals that meet a trigger.

        The workflow calls this after a redo and after a callback; registration calls it
        for repeats and a daily cron for overdue appeals. It is idempotent: never two open
        orders for one appeal and trigger. Returns the orders it created.
        """
        return self.env["helpdesk.supervision.order"]._propose_for_tickets(self)

    @api.model
    def _cron_check_supervision(self):
        """Daily: propose supervision orders for appeals handled too slowly or whose
        commitments stall (R002-43)."""
        candidates = self.sudo().search(
            [
                ("state", "!=", "closed"),
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

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import APPRAISAL, LEADER, OFFICE
from .res_company import APPEAL_SEQUENCE_CODE

# Whoever may change any appeal, whatever its department.
DESK_GROUPS = (OFFICE, APPRAISAL, LEADER)


class HelpdeskTicket(models.Model):
    """The appeal ledger (R000-01, R003-10): how an appeal came in, what it is about,
    who handles it, its number; and the one place where creating and writing an appeal
    hands over to the other concerns of the ticket, each in its own file:

    - ``helpdesk_ticket_privacy``: complainant data, masking and recusal;
    - ``helpdesk_ticket_workflow``: the handling steps, HR steps and report approvals;
    - ``helpdesk_ticket_deadline_tracking``: the event log and the deadline lines;
    - ``helpdesk_ticket_liability``: findings and deductions on the appeal;
    - ``helpdesk_ticket_outage``: the outage or incident it is about;
    - ``helpdesk_ticket_repeat``: repeats, early warnings and supervision orders.
    """

    _inherit = "helpdesk.ticket"
    # Every relation marked check_company must belong to the appeal's company (or none).
    _check_company_auto = True

    # --- Ledger: how and what (R000-01, R003-10) ---
    channel_id = fields.Many2one(tracking=True, index=True, check_company=True)
    category_id = fields.Many2one(tracking=True, index=True, check_company=True)
    team_id = fields.Many2one(check_company=True)
    nature_id = fields.Many2one(
        "helpdesk.ticket.nature",
        compute="_compute_nature_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
    )
    nature_kind = fields.Selection(related="nature_id.kind", store=True)
    is_platform = fields.Boolean(
        related="channel_id.is_platform", store=True, string="Platform Appeal"
    )
    platform_reference = fields.Char(
        tracking=True,
        index="btree_not_null",
        help="The ticket number the transferring platform gave the appeal.",
    )
    platform_deadline = fields.Datetime(
        tracking=True,
        help="Completion deadline set by the platform; it overrides the internal "
        "limits (R000-08, R002-19).",
    )
    registered_at = fields.Datetime(
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When the appeal was entered in the system; late entry is a fault "
        "(R000-15, R003-12).",
    )
    received_at = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the appeal reached the company. Deadlines count from here, not from "
        "the later registration (R000-07, R003-12).",
    )
    occurred_at = fields.Datetime(help="When the problem itself happened (R003-10).")
    receiving_department_id = fields.Many2one(
        "hr.department",
        default=lambda self: self.env.user.employee_id.department_id,
        check_company=True,
        help="The unit that first took the appeal; it still ends up in the response "
        "office's ledger (R000-01).",
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

    @api.depends("user_id")
    def _compute_team_id(self):
        # helpdesk_mgmt takes the user's first team of any company; the appeal takes
        # the first one of its own company or shared (the team is company-checked).
        for ticket in self:
            if not ticket.team_id and ticket.user_id.helpdesk_team_ids:
                ticket.team_id = ticket.user_id.helpdesk_team_ids.filtered(
                    lambda team, company=ticket.company_id: (
                        not team.company_id or team.company_id == company
                    )
                )[:1]

    @api.onchange("department_id")
    def _onchange_department_id(self):
        if self.section_id.parent_id != self.department_id:
            self.section_id = False
        if self.handler_employee_id.department_id not in (
            self.department_id | self.section_id
        ):
            self.handler_employee_id = False

    # ------------------------------------------------------------------
    # Intake: appeals that come in without the office (R000-01)
    # ------------------------------------------------------------------

    @api.model
    def _nature_to_classify(self, company=None):
        """The nature an appeal gets until the office classifies it."""
        company = company or self.env.company
        return (
            self.env["helpdesk.ticket.nature"]
            .sudo()
            .search(
                [
                    ("kind", "=", "to_classify"),
                    ("company_id", "in", [False, company.id]),
                ],
                limit=1,
            )
        )

    @api.model
    def _classify_on_intake(self, vals_list):
        """Appeals created without a nature (web portal, mail gateway, other modules)
        are registered "to classify" instead of being refused; the category's default
        nature still wins. The office's registration form requires both."""
        Category = self.env["helpdesk.ticket.category"]
        default_category = self.env.context.get("default_category_id")
        for vals in vals_list:
            if vals.get("nature_id"):
                continue
            category = Category.browse(vals.get("category_id") or default_category)
            company = self.env["res.company"].browse(vals.get("company_id"))
            vals["nature_id"] = (
                category.sudo().default_nature_id
                or self._nature_to_classify(company or None)
            ).id

    def _awaiting_classification(self):
        """Appeals the office has not classified yet: no channel or the "to classify"
        nature. Until dispatched they are plain helpdesk tickets."""
        return self.filtered(
            lambda ticket: (
                not ticket.channel_id or ticket.nature_kind in (False, "to_classify")
            )
        )

    def _check_classified(self):
        """R000-01: the office classifies an appeal before it goes to a department."""
        for ticket in self._awaiting_classification():
            raise UserError(
                self.env._(
                    "Appeal %(number)s is not classified yet: choose its channel and "
                    "its nature (not “To Classify”) before dispatching it.",
                    number=ticket.number,
                )
            )

    def _plain_tickets(self):
        """Tickets that never entered the appeal workflow: not classified, no
        responsible department, still registered (a web request, an e-mail, a ticket
        of another helpdesk module). helpdesk_mgmt's own rules govern them until the
        office classifies and dispatches them."""
        return self._awaiting_classification().filtered(
            lambda ticket: ticket.state == "registered" and not ticket.department_id
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("channel_id", "platform_reference", "platform_deadline")
    def _check_platform_data(self):
        for ticket in self.filtered("is_platform"):
            if not ticket.platform_reference or not ticket.platform_deadline:
                raise ValidationError(
                    self.env._(
                        "Appeal “%(title)s” came through the platform %(channel)s: "
                        "enter the platform reference number and the platform "
                        "deadline.",
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
                        "The problem cannot have occurred after the appeal was "
                        "received."
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

    # ------------------------------------------------------------------
    # CRUD: the one override of create and write
    # ------------------------------------------------------------------

    def _number_appeals(self, vals_list):
        """Number new appeals per company and year (SQ2026-000001): the sequence is
        looked up once per company and batch, not once per appeal as ``next_by_code``
        would. Without a sequence, helpdesk_mgmt numbers the ticket its own way."""
        sequences = {}
        for vals in vals_list:
            if vals.get("number", "/") != "/":
                continue
            company_id = vals.get("company_id") or self.env.company.id
            if company_id not in sequences:
                sequences[company_id] = (
                    self.env["ir.sequence"]
                    .sudo()
                    .search(
                        [
                            ("code", "=", APPEAL_SEQUENCE_CODE),
                            ("company_id", "in", [company_id, False]),
                        ],
                        order="company_id",
                        limit=1,
                    )
                )
            if sequences[company_id]:
                vals["number"] = sequences[company_id]._next()

    def _first_stages(self, vals_list):
        """The first stage of each new appeal's team, as helpdesk_mgmt gives it, looked
        up once per team and batch instead of once per appeal."""
        first_stage = {}
        for vals in vals_list:
            team_id = vals.get("team_id")
            if not team_id or "stage_id" in vals:
                continue
            if team_id not in first_stage:
                team = self.env["helpdesk.ticket.team"].browse(team_id)
                first_stage[team_id] = team._get_applicable_stages()[:1].id
            vals["stage_id"] = first_stage[team_id]

    @api.model_create_multi
    def create(self, vals_list):
        """Register appeals (numbered per company); then each concern reacts, in
        this order:

        1. intake: an appeal without a nature is registered "to classify" (R000-01);
        2. deadlines: the receipt event and the first deadline lines (R000-07);
        3. outages: a major emergency linked at intake is reported (R002-26);
        4. repeats: links, early warnings, supervision (R003-32, R000-76, R002-43).
        """
        self._classify_on_intake(vals_list)
        self._number_appeals(vals_list)
        self._first_stages(vals_list)
        tickets = super().create(vals_list)
        tickets._deadlines_after_create()
        tickets._report_major_emergency_links()
        tickets._detect_repeats()
        return tickets

    def write(self, vals):
        """Change appeals; the concerns check and react in this order:

        before: 1. only the appeal's own department (or the desk) changes it;
        2. the kanban stage follows the workflow state; 3. outage links as they were;
        after: 4. new major-emergency links reported (R002-26); 5. deadlines follow the
        changed facts; 6. repeats (R003-32). A cleared nature is "to classify" again.
        """
        if "nature_id" in vals and not vals["nature_id"]:
            vals = dict(vals, nature_id=self._nature_to_classify().id)
        self._check_department_write_access()
        self._check_stage_write(vals)
        outage_links = self._outage_links_before_write(vals)
        result = super().write(vals)
        self._outage_links_after_write(outage_links)
        self._deadlines_after_write(vals)
        self._detect_repeats(vals)
        return result

    def _check_department_write_access(self):
        """Handlers may only change their own department's appeals.

        Record rules let a follower read an appeal of another department; changing it
        stays with that department, the response office and appraisal officers. A plain
        ticket (``_plain_tickets``) has no department yet: helpdesk_mgmt's rules apply.
        """
        user = self.env.user
        if self.env.su or any(user.has_group(group) for group in DESK_GROUPS):
            return
        departments = user.employee_ids.department_id
        for ticket in self - self._plain_tickets():
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

    @api.model
    def message_new(self, msg, custom_values=None):
        # An e-mailed appeal came by e-mail; its nature waits for the office.
        custom_values = dict(custom_values or {})
        if not custom_values.get("channel_id"):
            channel = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_email", raise_if_not_found=False
            )
            custom_values["channel_id"] = channel.id if channel else False
        return super().message_new(msg, custom_values=custom_values)

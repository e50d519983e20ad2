from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .helpdesk_outage_publication import REQUIRED_PUBLICATION_CHANNELS

# Kinds that interrupt supply: restoration updates, publication and emergency supply
# apply.
SUPPLY_KINDS = ("planned", "unplanned")
CLOSED_STATES = ("restored", "cancelled")


class HelpdeskOutage(models.Model):
    """An outage, a water-quality anomaly or a fire-hydrant operation that appeals are
    linked to (RULES.md §4.5 and §4.6: R002-23, R002-26 to R002-36).

    The customer service center (CSC) records when it was told and what it published;
    the flags (late notice, late update, late restoration report) are computed from the
    recorded times and the policy numbers of the company's rule preset, copied onto the
    incident when it is registered so that a later policy change does not rewrite
    history.
    """

    _name = "helpdesk.outage"
    _description = "Outage or Water-Quality Incident"
    _inherit = ["mail.thread", "mail.activity.mixin", "helpdesk.company.number.mixin"]
    _order = "start_at desc, id desc"
    _check_company_auto = True
    _company_number_code = "helpdesk.outage"
    _company_number_prefix = "TS%(year)s-"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(
        [
            ("planned", "Planned Outage"),
            ("unplanned", "Unplanned Outage"),
            ("water_quality", "Water-Quality Anomaly"),
            ("hydrant_operation", "Fire Hydrant Operation"),
        ],
        required=True,
        default="planned",
        tracking=True,
        index=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("notified", "CSC Notified"),
            ("in_progress", "In Progress"),
            ("restored", "Restored"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    reason = fields.Text(
        tracking=True,
        help="Why supply is interrupted or the hydrant used; for a water-quality "
        "anomaly, what the tests found (R002-27, R002-28, R002-34).",
    )
    area = fields.Text(
        help="Streets, compounds or buildings affected; for a fire-hydrant operation, "
        "the hydrant's location."
    )
    affected_customers = fields.Integer(string="Affected Customers (Estimate)")
    department_id = fields.Many2one(
        "hr.department",
        string="Responsible Unit",
        tracking=True,
        index=True,
        check_company=True,
        help="The water company or unit that interrupts supply, operates the hydrant "
        "or, for a water-quality anomaly, inspects the network (R002-33).",
    )

    # --- Times ---
    start_at = fields.Datetime(string="Start", tracking=True, index=True)
    expected_restoration_at = fields.Datetime(
        string="Expected Restoration",
        tracking=True,
        help="The restoration time last announced; a restoration update moves it "
        "(R002-29).",
    )
    actual_restoration_at = fields.Datetime(
        string="Actual Restoration", tracking=True, copy=False
    )
    restoration_reported_at = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the restoration was reported to the customer service center "
        "(R002-30).",
    )
    operation_end_at = fields.Datetime(
        string="Operation Ends",
        help="End of the fire-hydrant operation's time window (R002-23).",
    )
    hydrant_operation = fields.Selection(
        [("draw", "Draw Water"), ("discharge", "Discharge Water")],
    )

    # --- Notices ---
    csc_notified_at = fields.Datetime(
        string="CSC Notified At",
        tracking=True,
        copy=False,
        help="When the customer service center was told of the outage: its reason, "
        "time and area (R002-27, R002-28), or of the hydrant operation (R002-23).",
    )
    customers_notified_at = fields.Datetime(tracking=True, copy=False)
    customer_notice_sms = fields.Boolean(string="By SMS")
    customer_notice_posted = fields.Boolean(string="By Posted Notice")
    customer_notice_other = fields.Char(string="Other Means")

    # --- Policy in force when the incident was registered (from the preset) ---
    required_notice_hours = fields.Integer(
        compute="_compute_policy",
        store=True,
        precompute=True,
        help="Clock hours of notice a planned outage needs (R002-27).",
    )
    notice_warning_minutes = fields.Integer(
        compute="_compute_policy",
        store=True,
        precompute=True,
        help="Minutes after which an unplanned-outage notice or a restoration report "
        "is flagged as not immediate (R002-28, R002-30).",
    )

    # --- R002-27 planned outage: notice ahead of the start ---
    notice_lead_hours = fields.Float(
        string="Notice Lead (hours)",
        compute="_compute_notice_flags",
        store=True,
        help="Clock hours between the notice to the CSC and the start.",
    )
    notice_breached = fields.Boolean(
        compute="_compute_notice_flags",
        store=True,
        index=True,
        help="The planned outage was notified to the CSC less than the required hours "
        "before it starts (R002-27).",
    )
    notice_shortfall_hours = fields.Float(
        string="Notice Short By (hours)",
        compute="_compute_notice_flags",
        store=True,
        help="How much shorter than required the notice was.",
    )
    customer_notice_breached = fields.Boolean(
        compute="_compute_notice_flags",
        store=True,
        help="Customers of a planned outage were told less than the required hours "
        "before the start (R002-27).",
    )
    # --- R002-28 unplanned outage: notice at once ---
    notice_delay_minutes = fields.Integer(
        string="Notice Delay (minutes)",
        compute="_compute_notice_flags",
        store=True,
        help="Minutes between the start of an unplanned outage and the notice to the "
        "CSC.",
    )
    notice_late = fields.Boolean(
        string="Notice Not Immediate",
        compute="_compute_notice_flags",
        store=True,
        index=True,
        help="The CSC was told of the unplanned outage later than the warning "
        "threshold (R002-28).",
    )
    # --- R002-30 restoration reported at once ---
    restoration_report_delay_minutes = fields.Integer(
        compute="_compute_notice_flags", store=True
    )
    restoration_report_late = fields.Boolean(
        string="Restoration Reported Late",
        compute="_compute_notice_flags",
        store=True,
        help="The restoration was reported to the CSC later than the warning threshold "
        "(R002-30).",
    )
    restoration_overdue = fields.Boolean(
        compute="_compute_restoration_overdue",
        search="_search_restoration_overdue",
        help="The announced restoration time has passed and supply is not restored: "
        "the water company owes an update (R002-29).",
    )

    # --- R002-29 restoration updates, R002-31 publications, R002-32 emergency water ---
    update_ids = fields.One2many(
        "helpdesk.outage.update", "outage_id", string="Restoration Updates"
    )
    has_late_update = fields.Boolean(
        string="Late Update",
        compute="_compute_has_late_update",
        store=True,
        index=True,
        help="A restoration update was given only after the previously announced "
        "restoration time (R002-29).",
    )
    publication_ids = fields.One2many(
        "helpdesk.outage.publication", "outage_id", string="Publications"
    )
    publication_pending = fields.Boolean(
        compute="_compute_publication_pending",
        store=True,
        index=True,
        help="The notice or an update is not yet published on every required channel "
        "(R002-31).",
    )
    supply_ids = fields.One2many(
        "helpdesk.outage.supply", "outage_id", string="Emergency Water Supply"
    )

    # --- Water quality (R002-33 to R002-36) ---
    testing_department_id = fields.Many2one(
        "hr.department",
        string="Water-Quality Testing Center",
        tracking=True,
        check_company=True,
        help="Goes to the site together with the responsible water company (R002-33).",
    )
    site_visit_at = fields.Datetime(
        string="Joint Site Visit",
        tracking=True,
        help="When both units were on site (R002-33).",
    )
    quality_test_ids = fields.One2many(
        "helpdesk.outage.quality.test", "outage_id", string="Water-Quality Tests"
    )
    quality_exceeded = fields.Boolean(
        string="Standard Exceeded",
        compute="_compute_quality_exceeded",
        store=True,
        help="At least one sample is outside the standard (R002-34).",
    )
    cause_kind = fields.Selection(
        [
            ("network", "Supply Network or Facility"),
            ("secondary_supply", "Secondary Supply Facility"),
            ("illegal_use", "Illegal Water Use"),
            ("source", "Water Source or Treatment"),
            ("other", "Other"),
        ],
        string="Cause",
        tracking=True,
        help="Cause of the anomaly found from the tests (R002-34); illegal water use "
        "brings in the inspection brigade (R002-36).",
    )
    inspection_department_id = fields.Many2one(
        "hr.department",
        string="Inspection Brigade",
        tracking=True,
        check_company=True,
        help="Investigates illegal water use on site (R002-36); its manager gets a "
        "to-do.",
    )
    inspection_requested_at = fields.Datetime(
        string="Brigade Called In At", readonly=True, copy=False
    )
    source_incident_id = fields.Many2one(
        "helpdesk.outage",
        string="Water-Quality Incident",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The water-quality incident whose affected area this outage shuts off "
        "(R002-35).",
    )
    shutoff_ids = fields.One2many(
        "helpdesk.outage", "source_incident_id", string="Shut-off Outages"
    )
    shutoff_count = fields.Integer(compute="_compute_counts")

    # --- Linked appeals ---
    ticket_ids = fields.One2many("helpdesk.ticket", "outage_id", string="Appeals")
    ticket_count = fields.Integer(string="Appeals Count", compute="_compute_counts")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("company_id", "kind")
    def _compute_policy(self):
        for outage in self:
            preset = outage.company_id.complaint_preset_id
            outage.required_notice_hours = preset.outage_notice_hours
            outage.notice_warning_minutes = preset.unplanned_notice_warning_minutes

    @api.depends(
        "kind",
        "start_at",
        "csc_notified_at",
        "customers_notified_at",
        "actual_restoration_at",
        "restoration_reported_at",
        "required_notice_hours",
        "notice_warning_minutes",
    )
    def _compute_notice_flags(self):
        for outage in self:
            start, notice = outage.start_at, outage.csc_notified_at
            lead = start - notice if start and notice else None
            outage.notice_lead_hours = (
                lead.total_seconds() / 3600 if lead is not None else 0.0
            )
            # R002-27: "提前48小时" — exactly the required hours is in time.
            required = timedelta(hours=outage.required_notice_hours)
            planned = outage.kind == "planned"
            breached = planned and lead is not None and lead < required
            outage.notice_breached = breached
            outage.notice_shortfall_hours = (
                (required - lead).total_seconds() / 3600 if breached else 0.0
            )
            customers = outage.customers_notified_at
            outage.customer_notice_breached = (
                planned and bool(start and customers) and start - customers < required
            )
            # R002-28: an unplanned outage is reported at once.
            warning = timedelta(minutes=outage.notice_warning_minutes)
            delay = (
                notice - start
                if outage.kind == "unplanned" and lead is not None
                else None
            )
            outage.notice_delay_minutes = (
                max(int(delay.total_seconds() // 60), 0) if delay else 0
            )
            outage.notice_late = delay is not None and delay > warning
            # R002-30: the restoration is reported at once.
            restored, reported = (
                outage.actual_restoration_at,
                outage.restoration_reported_at,
            )
            report_delay = reported - restored if restored and reported else None
            outage.restoration_report_delay_minutes = (
                max(int(report_delay.total_seconds() // 60), 0) if report_delay else 0
            )
            outage.restoration_report_late = (
                outage.kind in SUPPLY_KINDS
                and report_delay is not None
                and report_delay > warning
            )

    @api.depends("kind", "state", "expected_restoration_at", "actual_restoration_at")
    def _compute_restoration_overdue(self):
        now = fields.Datetime.now()
        for outage in self:
            outage.restoration_overdue = (
                outage.kind in SUPPLY_KINDS
                and outage.state in ("notified", "in_progress")
                and not outage.actual_restoration_at
                and bool(outage.expected_restoration_at)
                and outage.expected_restoration_at < now
            )

    def _search_restoration_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        overdue = Domain(
            [
                ("kind", "in", SUPPLY_KINDS),
                ("state", "in", ("notified", "in_progress")),
                ("actual_restoration_at", "=", False),
                ("expected_restoration_at", "<", fields.Datetime.now()),
            ]
        )
        if True in value and False in value:
            return Domain.TRUE
        return overdue if True in value else ~overdue

    @api.depends("update_ids.is_late")
    def _compute_has_late_update(self):
        for outage in self:
            outage.has_late_update = any(outage.update_ids.mapped("is_late"))

    @api.depends(
        "kind",
        "state",
        "csc_notified_at",
        "update_ids",
        "publication_ids.channel",
        "publication_ids.update_id",
    )
    def _compute_publication_pending(self):
        for outage in self:
            outage.publication_pending = bool(outage._publication_gaps())

    @api.depends("quality_test_ids.within_standard")
    def _compute_quality_exceeded(self):
        for outage in self:
            outage.quality_exceeded = "no" in outage.quality_test_ids.mapped(
                "within_standard"
            )

    @api.depends("ticket_ids", "shutoff_ids")
    def _compute_counts(self):
        tickets = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("outage_id", "in", self.ids)], ["outage_id"], ["__count"]
            )
        )
        for outage in self:
            outage.ticket_count = tickets.get(outage, 0)
            outage.shutoff_count = len(outage.shutoff_ids)

    def _publication_gaps(self):
        """(update or empty recordset, channel) pairs not yet published (R002-31): the
        first notice and every restoration update go out on every required channel."""
        self.ensure_one()
        if (
            self.kind not in SUPPLY_KINDS
            or self.state == "cancelled"
            or not self.csc_notified_at
        ):
            return []
        Update = self.env["helpdesk.outage.update"]
        done = {(pub.update_id, pub.channel) for pub in self.publication_ids}
        return [
            (notice, channel)
            for notice in [Update, *self.update_ids]
            for channel in REQUIRED_PUBLICATION_CHANNELS
            if (notice, channel) not in done
        ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains(
        "start_at",
        "expected_restoration_at",
        "actual_restoration_at",
        "operation_end_at",
    )
    def _check_time_order(self):
        for outage in self:
            start = outage.start_at
            if not start:
                continue
            for field_name in (
                "expected_restoration_at",
                "actual_restoration_at",
                "operation_end_at",
            ):
                value = outage[field_name]
                if value and value < start:
                    raise ValidationError(
                        self.env._(
                            "%(reference)s: “%(field)s” cannot be earlier than the "
                            "start.",
                            reference=outage.name,
                            field=outage._fields[field_name]._description_string(
                                self.env
                            ),
                        )
                    )

    @api.constrains(
        "csc_notified_at",
        "customers_notified_at",
        "actual_restoration_at",
        "site_visit_at",
    )
    def _check_not_in_future(self):
        now = fields.Datetime.now()
        for outage in self:
            for field_name in (
                "csc_notified_at",
                "customers_notified_at",
                "actual_restoration_at",
                "site_visit_at",
            ):
                if outage[field_name] and outage[field_name] > now:
                    raise ValidationError(
                        self.env._(
                            "%(reference)s: “%(field)s” records something that "
                            "happened; it cannot be in the future.",
                            reference=outage.name,
                            field=outage._fields[field_name]._description_string(
                                self.env
                            ),
                        )
                    )

    @api.constrains("kind", "csc_notified_at", "start_at", "company_id")
    def _check_hydrant_notice(self):
        """R002-23: a fire-hydrant operation is notified before it starts."""
        for outage in self.filtered(lambda o: o.kind == "hydrant_operation"):
            notice, start = outage.csc_notified_at, outage.start_at
            if not (notice and start):
                continue
            lead = outage._hydrant_notice_lead()
            if notice >= start or start - notice < lead:
                raise ValidationError(outage._hydrant_notice_message(notice, lead))

    def _check_hydrant_notice_logged(self):
        """R002-23: the notice is also *logged* before the start: a notice entered after
        the operation began is refused even when its stated time is earlier."""
        now = fields.Datetime.now()
        for outage in self.filtered(
            lambda o: o.kind == "hydrant_operation" and o.csc_notified_at and o.start_at
        ):
            lead = outage._hydrant_notice_lead()
            if now >= outage.start_at or outage.start_at - now < lead:
                raise ValidationError(outage._hydrant_notice_message(now, lead))

    def _hydrant_notice_lead(self):
        minutes = self.company_id.complaint_preset_id.hydrant_notice_lead_minutes
        return timedelta(minutes=minutes)

    def _hydrant_notice_message(self, notified, lead):
        return self.env._(
            "A fire-hydrant operation must be notified to the customer service center "
            "before it starts (R002-23)%(lead)s. %(reference)s starts at %(start)s; "
            "this notice is logged at %(notified)s.",
            lead=self.env._(
                ", at least %(minutes)s minutes ahead",
                minutes=int(lead.total_seconds() // 60),
            )
            if lead
            else "",
            reference=self.name,
            start=self._format_time(self.start_at),
            notified=self._format_time(notified),
        )

    @api.constrains("kind", "state", "department_id", "testing_department_id")
    def _check_water_quality_units(self):
        """R002-33: the water company and testing center handle an anomaly together."""
        for outage in self:
            if outage.kind != "water_quality" or outage.state in ("draft", "cancelled"):
                continue
            if not outage.department_id or not outage.testing_department_id:
                raise ValidationError(
                    self.env._(
                        "%(reference)s: a water-quality anomaly is handled jointly by "
                        "the local water company and the water-quality testing center "
                        "(R002-33): enter both units.",
                        reference=outage.name,
                    )
                )
            if outage.department_id == outage.testing_department_id:
                raise ValidationError(
                    self.env._(
                        "%(reference)s: the water company and the testing center must "
                        "be two different units (R002-33).",
                        reference=outage.name,
                    )
                )

    @api.constrains("cause_kind", "inspection_department_id")
    def _check_inspection_brigade(self):
        for outage in self:
            if (
                outage.cause_kind == "illegal_use"
                and not outage.inspection_department_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(reference)s: the anomaly is caused by illegal water use; "
                        "name the inspection brigade that investigates it (R002-36).",
                        reference=outage.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_company_numbers(
            [vals for vals in vals_list if vals.get("name", "/") == "/"]
        )
        outages = super().create(vals_list)
        outages.filtered("csc_notified_at")._check_hydrant_notice_logged()
        outages.filtered(lambda o: o.cause_kind == "illegal_use")._request_inspection()
        return outages

    def write(self, vals):
        result = super().write(vals)
        if vals.get("csc_notified_at"):
            self._check_hydrant_notice_logged()
        if "cause_kind" in vals or "inspection_department_id" in vals:
            self.filtered(
                lambda o: (
                    o.cause_kind == "illegal_use"
                    and (
                        not o.inspection_requested_at
                        or "inspection_department_id" in vals
                    )
                )
            )._request_inspection()
        return result

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    def _check_state(self, allowed, action):
        for outage in self:
            if outage.state not in allowed:
                raise UserError(
                    self.env._(
                        "%(reference)s is %(state)s: it cannot be %(action)s.",
                        reference=outage.name,
                        state=dict(
                            outage._fields["state"]._description_selection(self.env)
                        )[outage.state],
                        action=action,
                    )
                )

    def _missing_notice_data(self):
        """Labels of what the CSC must be told before a notice counts (R002-23, R002-27,
        R002-28, R002-33)."""
        self.ensure_one()
        required = {
            "planned": ["reason", "area", "start_at", "expected_restoration_at"],
            "unplanned": ["reason", "area", "start_at"],
            "water_quality": ["department_id", "testing_department_id"],
            "hydrant_operation": [
                "department_id",
                "area",
                "start_at",
                "operation_end_at",
            ],
        }[self.kind]
        return [
            self._fields[name]._description_string(self.env)
            for name in required
            if not self[name]
        ]

    def action_notify(self):
        """The customer service center has been told (R002-23, R002-27, R002-28)."""
        self._check_state(("draft",), self.env._("notified"))
        for outage in self:
            missing = outage._missing_notice_data()
            if missing:
                raise UserError(
                    self.env._(
                        "%(reference)s: enter %(fields)s before recording the notice "
                        "to the customer service center.",
                        reference=outage.name,
                        fields=", ".join(missing),
                    )
                )
            values = {"state": "notified"}
            if not outage.csc_notified_at:
                values["csc_notified_at"] = fields.Datetime.now()
            outage.write(values)
            outage.message_post(
                body=outage._notice_summary(), subtype_xmlid="mail.mt_note"
            )
        return True

    def _notice_summary(self):
        self.ensure_one()
        if self.notice_breached:
            return self.env._(
                "Notified to the customer service center %(lead).1f hours before the "
                "start: %(short).1f hours short of the %(required)s hours required "
                "(R002-27).",
                lead=self.notice_lead_hours,
                short=self.notice_shortfall_hours,
                required=self.required_notice_hours,
            )
        if self.notice_late:
            return self.env._(
                "Unplanned outage notified %(delay)s minutes after it started: later "
                "than the %(warning)s minutes allowed for an immediate notice "
                "(R002-28).",
                delay=self.notice_delay_minutes,
                warning=self.notice_warning_minutes,
            )
        return self.env._("Notice received by the customer service center.")

    def action_start(self):
        """Work or the joint site visit has begun (R002-33)."""
        self._check_state(("notified",), self.env._("started"))
        now = fields.Datetime.now()
        for outage in self:
            values = {"state": "in_progress"}
            if outage.kind == "water_quality" and not outage.site_visit_at:
                values["site_visit_at"] = now
            outage.write(values)
        return True

    def action_restore(self):
        """Supply restored, operation or anomaly over; the CSC is told (R002-30)."""
        self._check_state(("notified", "in_progress"), self.env._("closed"))
        now = fields.Datetime.now()
        for outage in self:
            values = {"state": "restored", "restoration_reported_at": now}
            if not outage.actual_restoration_at:
                values["actual_restoration_at"] = now
            outage.write(values)
            if outage.kind in SUPPLY_KINDS:
                body = self.env._(
                    "Supply restored at %(restored)s, reported to the customer service "
                    "center at %(reported)s.",
                    restored=outage._format_time(outage.actual_restoration_at),
                    reported=outage._format_time(now),
                )
                if outage.restoration_report_late:
                    body += " " + self.env._(
                        "Reported %(delay)s minutes after the restoration: not "
                        "immediate (R002-30).",
                        delay=outage.restoration_report_delay_minutes,
                    )
                outage.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def action_cancel(self):
        self._check_state(("draft", "notified", "in_progress"), self.env._("cancelled"))
        self.write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        self._check_state(("cancelled",), self.env._("reset to draft"))
        self.write({"state": "draft"})
        return True

    def action_publish(self):
        """Mark the notice and updates published on every required channel (R002-31)."""
        Publication = self.env["helpdesk.outage.publication"]
        for outage in self:
            gaps = outage._publication_gaps()
            if not gaps:
                raise UserError(
                    self.env._(
                        "%(reference)s: nothing to publish. The notice and every "
                        "update are published on all channels, or the CSC has not been "
                        "notified yet.",
                        reference=outage.name,
                    )
                )
            Publication.create(
                [
                    {"outage_id": outage.id, "update_id": update.id, "channel": channel}
                    for update, channel in gaps
                ]
            )
        return True

    def action_shut_off_area(self):
        """R002-35: close the valves of the affected area: an unplanned outage linked to
        the water-quality incident, notified to the CSC at once (R002-28 to R002-32
        apply)."""
        self.ensure_one()
        if self.kind != "water_quality":
            raise UserError(
                self.env._("Only a water-quality incident has an area to shut off.")
            )
        self._check_state(("notified", "in_progress"), self.env._("shut off"))
        if not self.area:
            raise UserError(
                self.env._(
                    "%(reference)s: record the affected area found by the tests before "
                    "shutting it off (R002-34, R002-35).",
                    reference=self.name,
                )
            )
        running = self.shutoff_ids.filtered(
            lambda outage: outage.state not in CLOSED_STATES
        )
        if running:
            raise UserError(
                self.env._(
                    "The affected area is already shut off by outage %(outage)s.",
                    outage=running[0].name,
                )
            )
        now = fields.Datetime.now()
        outage = self.create(
            {
                "kind": "unplanned",
                "company_id": self.company_id.id,
                "source_incident_id": self.id,
                "reason": "\n".join(
                    filter(
                        None,
                        [
                            self.env._(
                                "Supply suspended because of the water-quality anomaly "
                                "%(reference)s.",
                                reference=self.name,
                            ),
                            self.reason,
                        ],
                    )
                ),
                "area": self.area,
                "affected_customers": self.affected_customers,
                "department_id": self.department_id.id,
                "start_at": now,
                "csc_notified_at": now,
            }
        )
        outage.action_notify()
        outage.action_start()
        self.message_post(
            body=self.env._(
                "Affected area shut off: outage %(outage)s registered; tell the "
                "customers the reason and provide emergency water (R002-35).",
                outage=outage.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return outage._get_form_action()

    def _request_inspection(self):
        """R002-36: illegal water use calls in the brigade: a to-do for its head."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        now = fields.Datetime.now()
        for outage in self:
            brigade = outage.inspection_department_id
            manager = brigade.manager_id.user_id
            if not manager:
                raise UserError(
                    self.env._(
                        "The inspection brigade %(brigade)s has no manager with a user "
                        "account; set its manager so the brigade can be called in "
                        "(R002-36).",
                        brigade=brigade.display_name,
                    )
                )
            outage.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._(
                    "Investigate illegal water use (%(reference)s)",
                    reference=outage.name,
                ),
                note=self.env._(
                    "Water-quality anomaly caused by illegal water use in %(area)s: "
                    "investigate on site at once, gather evidence and deal with it "
                    "(R002-36).",
                    area=outage.area or "-",
                ),
                user_id=manager.id,
            )
            outage.inspection_requested_at = now
            outage.message_post(
                body=self.env._(
                    "Inspection brigade %(brigade)s called in; to-do for %(manager)s.",
                    brigade=brigade.display_name,
                    manager=manager.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _report_major_emergency(self, tickets):
        """R002-26: appeals in a major-emergency category were linked to this incident:
        tell the preset's recipients at once and log it on both sides."""
        self.ensure_one()
        recipients = self.company_id.complaint_preset_id.major_emergency_recipient_ids
        numbers = ", ".join(tickets.mapped("number"))
        if recipients:
            body = self.env._(
                "Major supply or drainage emergency: appeal(s) %(appeals)s linked to "
                "%(reference)s. Follow the major-emergency reporting rules (R002-26). "
                "Reported to %(recipients)s.",
                appeals=numbers,
                reference=self.name,
                recipients=", ".join(recipients.mapped("name")),
            )
        else:
            body = self.env._(
                "Major supply or drainage emergency: appeal(s) %(appeals)s linked to "
                "%(reference)s (R002-26). No recipients are configured in the rule "
                "preset: report it by hand.",
                appeals=numbers,
                reference=self.name,
            )
        # Whoever may link the appeal (a handler too) reports it, without write access
        # to the incident itself.
        self.sudo().message_post(
            body=body,
            partner_ids=recipients.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        for ticket in tickets:
            ticket.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Navigation and helpers
    # ------------------------------------------------------------------

    def _format_time(self, value):
        """A time in the outage's texts: the complaint desk's local time."""
        return (self.company_id or self.env.company)._complaint_format_datetime(value)

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.outage",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("outage_id", "=", self.id)],
            "context": {"default_outage_id": self.id},
            "name": self.env._("Appeals of %(reference)s", reference=self.name),
        }

    def action_open_shutoffs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.outage",
            "view_mode": "list,form",
            "domain": [("source_incident_id", "=", self.id)],
            "name": self.env._("Shut-off Outages"),
        }

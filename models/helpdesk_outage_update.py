from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HelpdeskOutageUpdate(models.Model):
    """The water company tells the CSC the site situation and a new expected restoration
    time (R002-29). It must do so before the restoration time it announced last; an
    update given at or after that time is flagged late. Updates are evidence: only
    complaint managers change or delete them."""

    _name = "helpdesk.outage.update"
    _description = "Outage Restoration Update"
    _order = "notified_at, id"

    outage_id = fields.Many2one(
        "helpdesk.outage",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="outage_id.company_id", store=True, index=True)
    notified_at = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        help="When the water company told the customer service center.",
    )
    site_situation = fields.Text(required=True)
    new_expected_restoration_at = fields.Datetime(string="New Expected Restoration")
    restoration_unknown = fields.Boolean(
        string="Restoration Time Unknown",
        help="The restoration time cannot be estimated yet (R002-29).",
    )
    previous_expected_restoration_at = fields.Datetime(
        string="Previously Announced Restoration",
        readonly=True,
        help="The restoration time announced before this update; the update is due "
        "before it.",
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        help="Given at or after the previously announced restoration time (R002-29).",
    )
    logged_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
    )

    @api.depends("notified_at", "site_situation")
    @api.depends_context("tz")
    def _compute_display_name(self):
        for update in self:
            situation = (update.site_situation or "").strip().splitlines()[:1]
            update.display_name = " ".join(
                [update.outage_id._format_time(update.notified_at), *situation]
            )[:80]

    @api.depends("notified_at", "previous_expected_restoration_at")
    def _compute_is_late(self):
        for update in self:
            deadline = update.previous_expected_restoration_at
            update.is_late = bool(deadline) and update.notified_at >= deadline

    @api.constrains("notified_at", "new_expected_restoration_at", "restoration_unknown")
    def _check_update(self):
        now = fields.Datetime.now()
        for update in self:
            if update.notified_at > now:
                raise ValidationError(
                    self.env._("An update cannot be notified in the future.")
                )
            if (
                not update.new_expected_restoration_at
                and not update.restoration_unknown
            ):
                raise ValidationError(
                    self.env._(
                        "Give the new expected restoration time, or mark it unknown "
                        "(R002-29)."
                    )
                )
            if (
                update.new_expected_restoration_at
                and update.new_expected_restoration_at < update.notified_at
            ):
                raise ValidationError(
                    self.env._(
                        "The new expected restoration cannot be earlier than the "
                        "update."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # One by one: each update is due before the restoration time the last one set.
        updates = self.browse()
        for vals in vals_list:
            outage = self.env["helpdesk.outage"].browse(vals["outage_id"])
            if outage.kind not in ("planned", "unplanned") or outage.state not in (
                "notified",
                "in_progress",
            ):
                raise UserError(
                    self.env._(
                        "%(reference)s: restoration updates are logged on a notified "
                        "outage that is not yet restored.",
                        reference=outage.name,
                    )
                )
            vals = dict(
                vals, previous_expected_restoration_at=outage.expected_restoration_at
            )
            update = super().create([vals])
            update._apply_to_outage()
            updates |= update
        return updates

    def _apply_to_outage(self):
        self.ensure_one()
        outage = self.outage_id
        if self.new_expected_restoration_at:
            outage.expected_restoration_at = self.new_expected_restoration_at
        body = self.env._(
            "Restoration update notified at %(time)s: %(situation)s. Expected "
            "restoration: %(restoration)s.",
            time=outage._format_time(self.notified_at),
            situation=self.site_situation,
            restoration=outage._format_time(self.new_expected_restoration_at)
            or self.env._("unknown"),
        )
        if self.is_late:
            body += " " + self.env._(
                "Late: the previously announced restoration time %(deadline)s had "
                "passed (R002-29).",
                deadline=outage._format_time(self.previous_expected_restoration_at),
            )
        outage.message_post(body=body, subtype_xmlid="mail.mt_note")

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HelpdeskChannelFailure(models.Model):
    """An intake channel that stopped answering (R003-15): which channel, from when to
    when, and when the backup (e.g. the manual duty phone) started. The appraisal
    counts the unit's failures of each month (R003-16) and the minutes each went
    without a backup (R003-17); the limits are on the scorecard item."""

    _name = "helpdesk.channel.failure"
    _description = "Intake Channel Failure"
    _inherit = ["helpdesk.unit.record.mixin"]
    _order = "started_at desc, id desc"
    _unit_date_fields = ("started_at",)

    department_id = fields.Many2one(
        default=lambda self: self._default_channel_unit(),
        help="The unit that runs the channel and starts its backup.",
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        required=True,
        tracking=True,
        check_company=True,
    )
    state = fields.Selection(
        [("open", "Ongoing"), ("closed", "Ended"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    started_at = fields.Datetime(
        string="Failed At",
        required=True,
        index=True,
        tracking=True,
        default=fields.Datetime.now,
    )
    backup_started_at = fields.Datetime(
        tracking=True,
        help="When the backup answering arrangement started taking the calls.",
    )
    backup_arrangement = fields.Char(
        string="Backup", help="E.g. calls put through to the manual duty phone."
    )
    ended_at = fields.Datetime(string="Restored At", tracking=True)
    cause = fields.Text()
    minutes_without_backup = fields.Float(
        compute="_compute_minutes_without_backup",
        store=True,
        digits=(16, 1),
        help="From the failure to the backup's start, or to the restoration if no "
        "backup started; empty while the channel is still down without a backup.",
    )

    @api.model
    def _default_channel_unit(self):
        return self.env.company.complaint_office_department_id or self._default_unit()

    @api.depends("started_at", "backup_started_at", "ended_at")
    def _compute_minutes_without_backup(self):
        for failure in self:
            until = failure.backup_started_at or failure.ended_at
            failure.minutes_without_backup = (
                (until - failure.started_at).total_seconds() / 60.0
                if until and failure.started_at
                else False
            )

    @api.constrains("started_at", "backup_started_at", "ended_at")
    def _check_times(self):
        for failure in self:
            for later in (failure.backup_started_at, failure.ended_at):
                if later and later < failure.started_at:
                    raise ValidationError(
                        self.env._(
                            "The backup and the restoration come after the failure."
                        )
                    )

    @api.depends("channel_id", "started_at")
    def _compute_display_name(self):
        for failure in self:
            failure.display_name = " / ".join(
                filter(
                    None,
                    (
                        failure.channel_id.name,
                        failure.started_at
                        and failure.company_id._complaint_format_datetime(
                            failure.started_at
                        ),
                    ),
                )
            )

    def action_close(self):
        """The channel answers again."""
        self._check_state("open")
        for failure in self:
            if not failure.ended_at:
                raise UserError(
                    self.env._(
                        "Enter when %(channel)s answered again.",
                        channel=failure.channel_id.name,
                    )
                )
        self.write({"state": "closed"})

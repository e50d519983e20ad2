from odoo import api, fields, models
from odoo.exceptions import ValidationError

# R002-31 names the channels every notice and update is published on:
# 水务网站、微博、微信公众号.
REQUIRED_PUBLICATION_CHANNELS = ("website", "weibo", "wechat")


class HelpdeskOutagePublication(models.Model):
    """The customer service center published an outage notice or one of its updates
    on one channel (R002-31): one line per channel and notice, with its publication
    time."""

    _name = "helpdesk.outage.publication"
    _description = "Outage Publication"
    _order = "published_at, id"

    outage_id = fields.Many2one(
        "helpdesk.outage",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="outage_id.company_id", store=True, index=True)
    update_id = fields.Many2one(
        "helpdesk.outage.update",
        string="Update Published",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('outage_id', '=', outage_id)]",
        help="Empty: the first notice of the outage.",
    )
    channel = fields.Selection(
        [
            ("website", "Website"),
            ("weibo", "Weibo"),
            ("wechat", "WeChat Official Account"),
            ("other", "Other"),
        ],
        required=True,
    )
    published_at = fields.Datetime(required=True, default=fields.Datetime.now)
    url = fields.Char(string="Link or Reference")
    published_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
    )
    delay_minutes = fields.Integer(
        string="Delay (minutes)",
        compute="_compute_delay_minutes",
        store=True,
        help="Minutes between the notice or update reaching the CSC and its "
        "publication.",
    )

    @api.depends("published_at", "update_id.notified_at", "outage_id.csc_notified_at")
    def _compute_delay_minutes(self):
        for publication in self:
            received = (
                publication.update_id.notified_at
                or publication.outage_id.csc_notified_at
            )
            if received and publication.published_at:
                seconds = (publication.published_at - received).total_seconds()
                publication.delay_minutes = max(int(seconds // 60), 0)
            else:
                publication.delay_minutes = 0

    @api.constrains("outage_id", "update_id", "channel", "published_at")
    def _check_publication(self):
        now = fields.Datetime.now()
        for publication in self:
            outage = publication.outage_id
            if publication.update_id and publication.update_id.outage_id != outage:
                raise ValidationError(
                    self.env._(
                        "A publication can only publish an update of its own outage."
                    )
                )
            if publication.published_at > now:
                raise ValidationError(
                    self.env._("A publication time cannot be in the future.")
                )
            if publication.channel == "other":
                continue
            twins = outage.publication_ids.filtered(
                lambda other, pub=publication: (
                    other.channel == pub.channel and other.update_id == pub.update_id
                )
            )
            if len(twins) > 1:
                raise ValidationError(
                    self.env._(
                        "%(reference)s: this notice is already published on "
                        "%(channel)s.",
                        reference=outage.name,
                        channel=dict(
                            self._fields["channel"]._description_selection(self.env)
                        )[publication.channel],
                    )
                )

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskPlatformEvidenceMixin(models.AbstractModel):
    """What platform replies and verdicts share: the platform appeal they belong to, its
    company and platform, and their files (C-12).

    Uploaded files start unlinked (only their uploader can read them); once saved they
    are attached to the reply or verdict, so whoever may read it reads its files.
    """

    _name = "helpdesk.platform.evidence.mixin"
    _description = "Platform Evidence"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain=[("is_platform", "=", True)],
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    channel_id = fields.Many2one(
        related="ticket_id.channel_id", string="Platform", store=True
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    @api.constrains("ticket_id")
    def _check_platform_appeal(self):
        for record in self:
            if not record.ticket_id.is_platform:
                raise ValidationError(
                    self.env._(
                        "Appeal %(number)s came through %(channel)s, not through a "
                        "platform: %(records)s are only for platform appeals (R000-27, "
                        "C-12).",
                        number=record.ticket_id.number,
                        channel=record.ticket_id.channel_id.name or "-",
                        records=self.env["ir.model"]._get(self._name).name,
                    )
                )

    def _kind_label(self):
        """The label of the record's `kind` (each model of the mixin has its kinds)."""
        self.ensure_one()
        return dict(self._fields["kind"]._description_selection(self.env)).get(
            self.kind, ""
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._link_attachments()
        return records

    def write(self, vals):
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._link_attachments()
        return result

    def _link_attachments(self):
        for record in self:
            record.attachment_ids.filtered(
                lambda attachment: not attachment.res_id
            ).write({"res_model": record._name, "res_id": record.id})

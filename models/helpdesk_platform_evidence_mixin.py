from odoo import api, fields, models


class HelpdeskPlatformEvidenceMixin(models.AbstractModel):
    """Files kept with a platform reply or verdict.

    Uploaded files start unlinked (only their uploader can read them); once saved they are
    attached to the reply or verdict, so whoever may read it reads its files.
    """

    _name = "helpdesk.platform.evidence.mixin"
    _description = "Platform Evidence Files"

    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

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
            record.attachment_ids.filtered(lambda attachment: not attachment.res_id).write(
                {"res_model": record._name, "res_id": record.id}
            )

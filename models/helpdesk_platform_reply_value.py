from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskPlatformReplyValue(models.Model):
    """The value a hand-back reply gives a mandatory field of its platform (R000-29)."""

    _name = "helpdesk.platform.reply.value"
    _description = "Platform Hand-back Value"
    _order = "reply_id, sequence, id"

    reply_id = fields.Many2one(
        "helpdesk.platform.reply",
        required=True,
        index=True,
        ondelete="cascade",
    )
    field_id = fields.Many2one(
        "helpdesk.platform.handback.field",
        required=True,
        ondelete="restrict",
    )
    name = fields.Char(related="field_id.name")
    help_text = fields.Char(related="field_id.help_text")
    sequence = fields.Integer(related="field_id.sequence", store=True)
    value = fields.Text()

    _reply_field_uniq = models.Constraint(
        "UNIQUE(reply_id, field_id)", "A hand-back gives each field one value."
    )

    @api.constrains("reply_id", "field_id")
    def _check_platform(self):
        for line in self:
            if line.field_id.channel_id != line.reply_id.channel_id:
                raise ValidationError(
                    self.env._(
                        "“%(field)s” is a hand-back field of %(platform)s, not of the "
                        "platform this appeal came from.",
                        field=line.field_id.name,
                        platform=line.field_id.channel_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.reply_id._check_draft(self.env._("changed"))
        return lines

    def write(self, vals):
        self.reply_id._check_draft(self.env._("changed"))
        return super().write(vals)

    def unlink(self):
        self.reply_id._check_draft(self.env._("changed"))
        return super().unlink()

from odoo import api, fields, models


class HelpdeskComplaintPresetVersion(models.Model):
    """An edition of a preset's rules and the date it took effect (R002-46): an appeal
    keeps the edition in force on the day it was received."""

    _name = "helpdesk.complaint.preset.version"
    _description = "Complaint Rule Edition"
    _order = "preset_id, effective_from desc, id desc"

    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(string="Edition", required=True, translate=True)
    effective_from = fields.Date(
        required=True,
        help="The rules take effect on the day they are issued (R002-46); appeals "
        "received from this day on are judged by this edition.",
    )
    document = fields.Char(help="The issued document, e.g. its number.")
    note = fields.Text(help="What changed from the previous edition.")

    _effective_uniq = models.Constraint(
        "UNIQUE(preset_id, effective_from)",
        "Two editions of a preset cannot take effect on the same day.",
    )

    @api.model
    def _in_force(self, preset, day):
        """The edition of ``preset`` in force on ``day``, from ``preset``'s editions."""
        editions = preset.version_ids.filtered(lambda v: v.effective_from <= day)
        return editions.sorted("effective_from")[-1:]


class HelpdeskComplaintPreset(models.Model):
    _inherit = "helpdesk.complaint.preset"

    version_ids = fields.One2many(
        "helpdesk.complaint.preset.version", "preset_id", string="Editions"
    )

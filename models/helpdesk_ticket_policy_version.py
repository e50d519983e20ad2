from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """The edition of the rules an appeal is judged by: the one in force on the day it
    was received (R002-46). Kept when a new edition is issued later."""

    _inherit = "helpdesk.ticket"

    preset_version_id = fields.Many2one(
        "helpdesk.complaint.preset.version",
        string="Rules Edition",
        compute="_compute_preset_version_id",
        store=True,
        readonly=True,
        index="btree_not_null",
        help="The edition of the company's rules in force on the day the appeal was "
        "received (R002-46).",
    )

    @api.depends("received_at", "company_id")
    def _compute_preset_version_id(self):
        Version = self.env["helpdesk.complaint.preset.version"].sudo()
        for company in self.company_id:
            preset = company.sudo().complaint_preset_id
            for ticket in self.filtered(lambda t, c=company: t.company_id == c):
                day = company._complaint_local_date(ticket.received_at)
                ticket.preset_version_id = (
                    Version._in_force(preset, day) if preset and day else False
                )
        (self - self.filtered("company_id")).preset_version_id = False

from odoo import fields, models


class HelpdeskComplaintPreset(models.Model):
    """The hotline's field rules a preset switches on (seed 002)."""

    _inherit = "helpdesk.complaint.preset"

    duty_roster_dispatch = fields.Boolean(
        string="Dispatch to the Unit on Duty",
        help="Each unit keeps a hotline duty roster: a dispatched appeal goes to the "
        "person on duty at the unit, and a unit with nobody on duty alerts the "
        "customer service center (R002-05).",
    )

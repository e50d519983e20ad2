from odoo import fields, models

NOTICE_METHODS = [
    ("phone", "Phone"),
    ("sms", "Text Message"),
    ("letter", "Letter"),
    ("visit", "In Person"),
    ("platform", "Through the Platform"),
]


class HelpdeskResultNotice(models.Model):
    """The complainant was told the result (R004-22): when, how, by whom, and whether
    within the reply deadline of the appeal's deadline policy."""

    _name = "helpdesk.result.notice"
    _description = "Result Told to the Complainant"
    _order = "notified_at desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    notified_at = fields.Datetime(string="Told At", required=True, readonly=True)
    notified_by_id = fields.Many2one("res.users", string="Told By", readonly=True)
    method = fields.Selection(NOTICE_METHODS, required=True, readonly=True)
    reply_deadline = fields.Datetime(
        readonly=True,
        help="The earliest reply deadline of the appeal's policy; empty when the "
        "policy sets none.",
    )
    on_time = fields.Boolean(string="Within the Limit", readonly=True)

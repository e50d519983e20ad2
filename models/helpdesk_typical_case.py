from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTypicalCase(models.Model):
    """A representative appeal kept in the training library by business line (R004-05).

    The entry carries its own summary and lesson, written by the office without the
    complainant's data, so that every member of staff can read the library while the
    appeal itself stays behind its department's rules."""

    _name = "helpdesk.typical.case"
    _description = "Typical Case"
    _inherit = ["mail.thread"]
    _order = "business_line_id, id desc"

    name = fields.Char(required=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Appeal",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    business_line_id = fields.Many2one("helpdesk.business.line", required=True)
    category_id = fields.Many2one(related="ticket_id.category_id", store=True)
    summary = fields.Text(
        required=True, help="What happened, without the complainant's personal data."
    )
    lesson = fields.Text(
        string="Lesson for Training", required=True, help="What staff should learn."
    )
    added_by_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.user
    )
    active = fields.Boolean(default=True)

    _ticket_once = models.Constraint(
        "UNIQUE(ticket_id)", "An appeal is in the library once."
    )

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        for case in cases:
            ticket = case.ticket_id
            if not ticket.company_id.complaint_preset_id.feature_typical_cases:
                raise UserError(
                    self.env._(
                        "The company's preset keeps no typical case library (R004-05)."
                    )
                )
            if ticket.state not in ("replied", "unsatisfied", "closed"):
                raise UserError(
                    self.env._(
                        "Appeal %(number)s has not been answered yet: a typical case "
                        "shows how a complaint was handled.",
                        number=ticket.number,
                    )
                )
            ticket.message_post(
                body=self.env._(
                    "Added to the typical case library (%(line)s).",
                    line=case.business_line_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return cases

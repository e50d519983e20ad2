from odoo import fields, models


class HelpdeskTicketNature(models.Model):
    """What the appellant wants: consultation, complaint, suggestion, help or praise.

    The names are editable per company; ``kind`` is the fixed meaning the mechanisms
    rely on (on-the-spot answers for consultations, recusal and repeat rates for
    complaints); "to classify" marks appeals that came in without the office (web
    portal, e-mail) until it chooses their nature.
    """

    _name = "helpdesk.ticket.nature"
    _description = "Appeal Nature"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    kind = fields.Selection(
        [
            ("consultation", "Consultation"),
            ("complaint", "Complaint"),
            ("suggestion", "Suggestion"),
            ("help", "Help Request"),
            ("praise", "Praise"),
            ("to_classify", "To Classify"),
        ],
        required=True,
        default="complaint",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company", index=True)

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))", "Each appeal nature needs its own code."
    )

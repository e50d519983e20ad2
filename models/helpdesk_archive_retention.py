from odoo import fields, models


class HelpdeskArchiveRetention(models.Model):
    """How long an appeal's electronic and paper archives are kept, and how the paper
    file is filed (R003-09), by nature and category. The source gives no period: a
    company enters its own; an appeal under a rule cannot be archived or deleted
    before its electronic retention has run out."""

    _name = "helpdesk.archive.retention"
    _description = "Archive Retention"
    _order = "preset_id, sequence, id"

    preset_id = fields.Many2one(
        "helpdesk.complaint.preset",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(
        default=10, help="The first rule (in this order) matching an appeal applies."
    )
    name = fields.Char(required=True, translate=True)
    nature_id = fields.Many2one("helpdesk.ticket.nature", help="Empty: every nature.")
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        help="This category and those below it; empty: every category.",
    )
    electronic_years = fields.Integer(
        string="Electronic Archive (Years)",
        required=True,
        help="Years the appeal is kept in the system after it is closed.",
    )
    paper_years = fields.Integer(
        string="Paper Archive (Years)", help="Years the paper file is kept once filed."
    )
    filing_days = fields.Integer(
        string="File Paper Within (Days)",
        help="Calendar days after closing by which the paper file is filed; 0: no "
        "paper file.",
    )
    requirements = fields.Text(
        string="Filing Requirements", translate=True, help="What the file holds."
    )

    _years_positive = models.Constraint(
        "CHECK(electronic_years > 0 AND paper_years >= 0 AND filing_days >= 0)",
        "Retention periods are positive and filing days are not negative.",
    )

    def _matches(self, ticket):
        self.ensure_one()
        if self.nature_id and self.nature_id != ticket.nature_id:
            return False
        if not self.category_id:
            return True
        path = ticket.category_id.parent_path or ""
        return f"/{self.category_id.id}/" in f"/{path}"

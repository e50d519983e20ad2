from odoo import api, fields, models


class HelpdeskExposureEntry(models.Model):
    """An entry of the exposure board (服务曝光台, R001-07): one per appeal or matter,
    published once liability is confirmed, with the complainant masked (R002-37).
    Withdrawn (archived) if the case is cancelled later; never deleted."""

    _name = "helpdesk.exposure.entry"
    _description = "Exposure Board Entry"
    _order = "published_at desc, id desc"

    case_id = fields.Many2one(
        "helpdesk.service.case",
        string="Service Case",
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    kind = fields.Selection(related="case_id.kind", store=True)
    ticket_number = fields.Char(string="Appeal Number", readonly=True)
    department_id = fields.Many2one(
        related="case_id.department_id", string="Department", store=True
    )
    section_id = fields.Many2one(related="case_id.section_id", string="Section")
    employee_name = fields.Char(string="Employee", readonly=True)
    job_id = fields.Many2one(related="case_id.job_id", string="Post")
    complainant_masked = fields.Char(string="Complainant", readonly=True)
    summary = fields.Text(readonly=True)
    published_at = fields.Datetime(readonly=True, index=True)
    active = fields.Boolean(default=True)

    _one_entry_per_case = models.Constraint(
        "UNIQUE(case_id)", "A case is exposed once (R001-07)."
    )

    @api.model
    def _values_for_case(self, case):
        ticket = case.ticket_id.sudo()
        summary = case.facts or case.inspection_id.sudo().findings or ticket.name
        return {
            "case_id": case.id,
            "ticket_number": ticket.number,
            "employee_name": case.employee_id.sudo().name,
            "complainant_masked": ticket._complainant_masked_label() if ticket else "",
            "summary": summary,
            "published_at": fields.Datetime.now(),
        }

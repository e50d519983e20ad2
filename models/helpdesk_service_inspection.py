from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import OFFICE


class HelpdeskServiceInspection(models.Model):
    """A routine unannounced check of a service post by the CSC (R001-05): on site, by a
    test call or by asking citizens. A finding breaks the person's run of months "to
    standard" for the service star (R001-20); an exposure also counts against the
    person, section and department (R001-12 to R001-17) and goes on the exposure board
    (R001-07)."""

    _name = "helpdesk.service.inspection"
    _description = "Service Inspection"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(
        readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    method = fields.Selection(
        [
            ("on_site", "On-Site Check"),
            ("test_call", "Test Phone Call"),
            ("citizen_visit", "Asking Citizens"),
        ],
        required=True,
        default="on_site",
    )
    inspector_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    job_id = fields.Many2one("hr.job", string="Post")
    department_id = fields.Many2one("hr.department", required=True, index=True)
    section_id = fields.Many2one("hr.department")
    score_ids = fields.One2many(
        "helpdesk.service.inspection.score", "inspection_id", string="Scores"
    )
    total_score = fields.Float(compute="_compute_total_score", store=True)
    result = fields.Selection(
        [("standard", "To Standard"), ("finding", "Finding")],
        required=True,
        default="standard",
        tracking=True,
    )
    findings = fields.Text()
    exposure = fields.Boolean(
        tracking=True,
        help="The finding is exposed internally: it counts against the person, section "
        "and department and goes on the exposure board (R001-05, R001-07).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    case_id = fields.Many2one(
        "helpdesk.service.case", string="Exposure Case", readonly=True
    )
    cancel_reason = fields.Text(readonly=True)

    @api.depends("score_ids.score")
    def _compute_total_score(self):
        for inspection in self:
            inspection.total_score = sum(inspection.score_ids.mapped("score"))

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        employee = self.employee_id.sudo()
        if employee.department_id:
            department, section = employee.department_id._people_units()
            self.department_id, self.section_id = department, section
        self.job_id = employee.job_id

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "score_ids" in fields_list and not values.get("score_ids"):
            items = self.env["helpdesk.service.inspection.item"].search(
                [("preset_id", "=", self.env.company.complaint_preset_id.id)]
            )
            values["score_ids"] = [
                fields.Command.create({"item_id": item.id, "score": item.max_score})
                for item in items
            ]
        return values

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office()
        for vals in vals_list:
            employee = self.env["hr.employee"].browse(vals.get("employee_id"))
            if employee and not vals.get("department_id"):
                department, section = employee.sudo().department_id._people_units()
                vals["department_id"] = department.id
                vals.setdefault("section_id", section.id)
                vals.setdefault("job_id", employee.sudo().job_id.id)
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "helpdesk.service.inspection"
            ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and (
            {"state", "case_id", "cancel_reason"} & set(vals)
            or self.filtered(lambda inspection: inspection.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "A confirmed inspection stays as recorded; cancel it with a reason "
                    "and record it again."
                )
            )
        return super().write(vals)

    def _check_office(self):
        if not (self.env.su or self.env.user.has_group(OFFICE)):
            raise AccessError(
                self.env._("The customer service center carries out inspections.")
            )

    def action_confirm(self):
        """Record the inspection as done; an exposure counts at once (the CSC's own
        finding, no contest window)."""
        self._check_office()
        for inspection in self:
            if inspection.state != "draft":
                raise UserError(self.env._("Only a draft inspection is confirmed."))
            if (
                inspection.result == "finding"
                and not (inspection.findings or "").strip()
            ):
                raise UserError(self.env._("Describe what the inspection found."))
            if inspection.exposure and inspection.result != "finding":
                raise UserError(self.env._("Only a finding can be exposed."))
            inspection.sudo().state = "confirmed"
            if inspection.exposure:
                case = (
                    self.env["helpdesk.service.case"]
                    .sudo()
                    .create(
                        {
                            "company_id": inspection.company_id.id,
                            "inspection_id": inspection.id,
                            "kind": "exposure",
                            "employee_id": inspection.employee_id.id,
                            "section_id": inspection.section_id.id,
                            "department_id": inspection.department_id.id,
                            "job_id": inspection.job_id.id,
                            "facts": inspection.findings,
                        }
                    )
                )
                inspection.sudo().case_id = case
                case._confirm()

    def _check_cancel_access(self):
        self._check_office()

    def action_open_cancel(self):
        self._check_cancel_access()
        return self.env["helpdesk.people.cancel"]._open(self)

    def _cancel(self, reason):
        for inspection in self:
            inspection.case_id._cancel(reason)
            inspection.sudo().write({"state": "cancelled", "cancel_reason": reason})

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HelpdeskServiceExam(models.Model):
    """One participant of a training: attendance, exam score, make-up (R001-04). A
    failed make-up caps the rating of the make-up's month below competent (R001-09); top
    scorers may receive an award entered by HR (R001-10)."""

    _name = "helpdesk.service.exam"
    _description = "Exam Result"
    _order = "training_id, employee_id"

    training_id = fields.Many2one(
        "helpdesk.service.training", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="training_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index=True,
    )
    attended = fields.Boolean(default=True)
    score = fields.Float(digits=(16, 2))
    passed = fields.Boolean(compute="_compute_results", store=True)
    makeup_date = fields.Date(string="Make-up Exam Date")
    makeup_score = fields.Float(string="Make-up Score", digits=(16, 2))
    makeup_passed = fields.Boolean(compute="_compute_results", store=True)
    failed_makeup = fields.Boolean(
        string="Failed the Make-up",
        compute="_compute_results",
        store=True,
        help="Not competent or above for the make-up's month (R001-09).",
    )
    award_amount = fields.Integer(
        string="Award (yuan)",
        help="Excellent scorers are rewarded under the group's training rules; HR "
        "enters the amount (R001-10).",
    )
    money_line_ids = fields.One2many(
        "helpdesk.money.line", "exam_id", string="Money Lines"
    )

    _person_once = models.Constraint(
        "UNIQUE(training_id, employee_id)", "A person takes a training's exam once."
    )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for exam in self:
            department = exam.employee_id.sudo().department_id
            exam.department_id = department and department._people_units()[0]

    @api.depends(
        "attended", "score", "makeup_date", "makeup_score", "training_id.pass_score"
    )
    def _compute_results(self):
        for exam in self:
            pass_score = exam.training_id.pass_score
            exam.passed = exam.attended and exam.score >= pass_score
            exam.makeup_passed = (
                bool(exam.makeup_date) and exam.makeup_score >= pass_score
            )
            exam.failed_makeup = (
                not exam.passed and bool(exam.makeup_date) and not exam.makeup_passed
            )

    @api.constrains("makeup_date", "passed")
    def _check_makeup(self):
        for exam in self:
            if exam.makeup_date and exam.passed:
                raise ValidationError(
                    self.env._(
                        "%(person)s passed the exam: there is no make-up to record.",
                        person=exam.employee_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["helpdesk.service.training"]._check_organiser()
        exams = super().create(vals_list)
        exams._sync_rating_caps()
        return exams

    def write(self, vals):
        self.env["helpdesk.service.training"]._check_organiser()
        result = super().write(vals)
        if {"attended", "score", "makeup_date", "makeup_score"} & set(vals):
            self._sync_rating_caps()
        return result

    def _rule(self, trigger):
        preset = self.company_id.complaint_preset_id
        return (
            self.env["helpdesk.penalty.rule"]
            .sudo()
            .search([("preset_id", "=", preset.id), ("trigger", "=", trigger)], limit=1)
        )

    def _sync_rating_caps(self):
        """R001-09: one cap line per failed make-up, in the make-up's month; a corrected
        score cancels it."""
        Period = self.env["helpdesk.appraisal.period"]
        for exam in self:
            rule = exam._rule("exam_failed")
            active = exam.money_line_ids.filtered(
                lambda line: (
                    line.source == "exam"
                    and line.amount <= 0
                    and line.state != "cancelled"
                    and not line.correction_ids
                )
            )
            if exam.failed_makeup and rule and not active:
                department, section = (
                    exam.employee_id.sudo().department_id._people_units()
                )
                period = Period._for_date(exam.company_id, exam.makeup_date)
                period._check_open()
                vals = rule._line_values(
                    f"exam:{exam.id}",
                    department,
                    section,
                    exam.employee_id,
                    source="exam",
                    exam_id=exam.id,
                    cap_period="month",
                    period_id=period.id,
                    year=period.date_start.year,
                )
                self.env["helpdesk.money.line"]._create_confirmed(
                    exam.company_id, [vals]
                )
            elif not exam.failed_makeup and active:
                active._cancel(self.env._("The exam result was corrected."))

    def action_grant_award(self):
        """R001-10: HR grants the award entered on the result, into this month."""
        self.env["helpdesk.money.line"]._check_appraisal_officer()
        for exam in self:
            if exam.award_amount <= 0:
                raise UserError(self.env._("Enter the award amount first."))
            if exam.money_line_ids.filtered(
                lambda line: line.amount > 0 and line.state != "cancelled"
            ):
                raise UserError(
                    self.env._(
                        "%(person)s already has this exam's award.",
                        person=exam.employee_id.name,
                    )
                )
            rule = exam._rule("exam_award")
            department, section = exam.employee_id.sudo().department_id._people_units()
            vals = {
                "rule_id": rule.id,
                "source": "exam",
                "exam_id": exam.id,
                "employee_id": exam.employee_id.id,
                "department_id": department.id,
                "section_id": section.id,
                "amount": exam.award_amount,
                "source_key": f"{rule.code or 'exam'}:award:{exam.id}",
                "reason": exam.training_id.name,
            }
            self.env["helpdesk.money.line"]._create_confirmed(exam.company_id, [vals])

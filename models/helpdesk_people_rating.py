from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..groups import APPRAISAL
from .helpdesk_penalty_rule import RATING_RANK, RATINGS


class HelpdeskPeopleRating(models.Model):
    """A person's rating for a year (年度测评) or a month, entered by HR within the caps
    the money lines set (R001-09, R001-12, R001-16, R001-17: the lowest cap, never
    compounded, R001-18). Service-post staff are excellent only as service stars
    (R001-25)."""

    _name = "helpdesk.people.rating"
    _description = "People Rating"
    _inherit = ["mail.thread"]
    _order = "year desc, period_id desc, employee_id"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index=True,
    )
    year = fields.Integer(required=True, index=True)
    period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        string="Month",
        help="Empty for the annual rating.",
    )
    rating = fields.Selection(RATINGS, required=True, tracking=True)
    cap = fields.Selection(
        RATINGS,
        string="Highest Allowed",
        compute="_compute_cap",
        help="The lowest cap of the period's confirmed money lines.",
    )
    bonus_factor = fields.Float(
        compute="_compute_cap",
        digits=(16, 2),
        help="The year's bonus factor (R001-18).",
    )
    note = fields.Text()

    _one_rating_per_period = models.UniqueIndex(
        "(employee_id, year, COALESCE(period_id, 0))",
        "A person has one rating per year and one per month.",
    )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for rating in self:
            department = rating.employee_id.sudo().department_id
            rating.department_id = department and department._people_units()[0]

    @api.depends("employee_id", "year", "period_id")
    def _compute_cap(self):
        Line = self.env["helpdesk.money.line"]
        for rating in self:
            caps = Line._rating_caps(rating.employee_id, rating.year, rating.period_id)
            rating.cap = caps.get(rating.employee_id, False)
            rating.bonus_factor = Line._bonus_factors(
                rating.employee_id, rating.year
            ).get(rating.employee_id, 1.0)

    @api.constrains("rating", "employee_id", "year", "period_id")
    def _check_rating(self):
        labels = dict(self._fields["rating"]._description_selection(self.env))
        for rating in self:
            if rating.period_id and rating.period_id.date_start.year != rating.year:
                raise ValidationError(self.env._("The month lies outside the year."))
            if rating.cap and RATING_RANK[rating.rating] > RATING_RANK[rating.cap]:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot be rated %(rating)s for this period: the "
                        "confirmed penalties allow at most %(cap)s.",
                        person=rating.employee_id.name,
                        rating=labels[rating.rating],
                        cap=labels[rating.cap],
                    )
                )
            if (
                rating.rating == "excellent"
                and not rating.period_id
                and rating.employee_id.sudo().job_id.is_service_post
                and not rating._is_service_star()
            ):
                raise ValidationError(
                    self.env._(
                        "%(person)s holds a service post: an excellent rating for "
                        "%(year)s needs a service star of that year (R001-25).",
                        person=rating.employee_id.name,
                        year=rating.year,
                    )
                )

    def _is_service_star(self):
        self.ensure_one()
        domain = [
            ("employee_id", "=", self.employee_id.id),
            ("state", "=", "approved"),
            ("round_id.year", "=", self.year),
        ]
        if self.company_id.complaint_preset_id.excellent_star_scope != "any":
            domain.append(("round_id.period_type", "=", "year"))
        return bool(self.env["helpdesk.star.nomination"].sudo().search_count(domain))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_hr()
        ratings = super().create(vals_list)
        ratings.period_id._check_open()
        return ratings

    def write(self, vals):
        self._check_hr()
        self.period_id._check_open()
        result = super().write(vals)
        self.period_id._check_open()
        return result

    @api.model
    def _check_hr(self):
        if not (self.env.su or self.env.user.has_group(APPRAISAL)):
            raise AccessError(self.env._("HR's appraisal officers enter ratings."))

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ROLES = [
    ("leader", "Leader"),
    ("deputy", "Deputy Leader"),
    ("member", "Member"),
]


class HelpdeskLeadingGroupMember(models.Model):
    """A seat in the company's appeal-response leading group, which manages,
    supervises and appraises the desk (R000-02). The people are data: the group
    changes with appointments, never with the code. Its response office is the
    company's Response Office Department, headed by that department's manager."""

    _name = "helpdesk.leading.group.member"
    _description = "Leading Group Member"
    _order = "company_id, role_sequence, sequence, id"

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Person",
        required=True,
        domain=[("share", "=", False)],
        check_company=True,
    )
    role = fields.Selection(ROLES, required=True, default="member")
    role_sequence = fields.Integer(compute="_compute_role_sequence", store=True)
    sequence = fields.Integer(default=10)
    duties = fields.Char(
        help="E.g. the department or line of work the member answers for."
    )
    active = fields.Boolean(default=True)

    _user_uniq = models.Constraint(
        "UNIQUE(company_id, user_id)", "A person holds one seat in the leading group."
    )

    @api.depends("role")
    def _compute_role_sequence(self):
        order = [role for role, _label in ROLES]
        for member in self:
            member.role_sequence = order.index(member.role)

    @api.constrains("role", "company_id", "active")
    def _check_one_leader(self):
        for company in self.filtered(lambda m: m.role == "leader").company_id:
            if (
                self.search_count(
                    [("company_id", "=", company.id), ("role", "=", "leader")]
                )
                > 1
            ):
                raise ValidationError(
                    self.env._(
                        "The leading group of %(company)s has one leader.",
                        company=company.name,
                    )
                )

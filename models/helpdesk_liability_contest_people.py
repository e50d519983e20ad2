from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class HelpdeskLiabilityContest(models.Model):
    """A department's written contest also covers its service cases on the appeal: the
    same window and the same decision apply to money as to points (R001-29 to R001-31).
    Upheld, the cases are cancelled with their money lines and exposure; rejected, they
    are confirmed."""

    _inherit = "helpdesk.liability.contest"

    service_case_ids = fields.Many2many(
        "helpdesk.service.case",
        "helpdesk_liability_contest_case_rel",
        string="Contested Service Cases",
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        contests = super().create(vals_list)
        Case = self.env["helpdesk.service.case"].sudo()
        now = fields.Datetime.now()
        for contest in contests:
            cases = Case.search(
                [
                    ("ticket_id", "=", contest.ticket_id.id),
                    ("department_id", "=", contest.department_id.id),
                    ("state", "=", "draft"),
                ]
            )
            if not (contest.line_ids or cases):
                raise UserError(
                    self.env._("Choose the deductions or service cases to contest.")
                )
            cases._check_contest_open(now)
            # The case's service-conduct points (R001-08) are decided with it.
            points = cases.deduction_line_id.filtered(
                lambda line: line.state == "draft"
            )
            contest.sudo().write(
                {
                    "service_case_ids": [Command.set(cases.ids)],
                    "line_ids": [Command.link(line.id) for line in points],
                }
            )
            points.sudo().write({"state": "contested"})
            cases._set_contested()
        return contests

    def action_uphold(self):
        result = super().action_uphold()
        for contest in self:
            contest.service_case_ids._cancel(
                self.env._(
                    "Contest upheld: %(note)s",
                    note=contest.decision_note or contest.statement,
                )
            )
        return result

    def action_reject(self):
        result = super().action_reject()
        self.service_case_ids._confirm()
        return result

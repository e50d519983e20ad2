from odoo import fields, models


class HelpdeskDeductionRule(models.Model):
    _inherit = "helpdesk.deduction.rule"

    generator = fields.Selection(
        selection_add=[
            ("month_end_missed", "Milestone Still Not Reached at the Month's End"),
        ],
        ondelete={"month_end_missed": "set null"},
    )

    def _propose_month_end_missed(self, tickets):
        """R003-41: a milestone still not reached when the month its deadline fell in
        has ended, i.e. by that month's appraisal run: an unsatisfied rating neither
        redone nor explained. One line per run of the milestone, kept when the step
        comes later."""
        now = fields.Datetime.now()
        lines = (
            self.env["helpdesk.ticket.deadline"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", tickets.ids),
                    ("milestone_id.code", "=", self.milestone_code),
                    ("deadline", "!=", False),
                ]
            )
        )
        for line in lines:
            tz = line.ticket_id.company_id._get_complaint_calendar()._sla_tz()
            month_end = self._month_end(self._local_month(line.deadline, tz), tz)
            if now <= month_end or (line.reached_at and line.reached_at <= month_end):
                continue
            yield self._proposal(
                line.ticket_id,
                f"monthend:{line.id}",
                reason=self.env._(
                    "%(milestone)s still not done when the month of its deadline ended",
                    milestone=line.name,
                ),
            )

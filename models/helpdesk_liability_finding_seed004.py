from odoo import models
from odoo.exceptions import UserError


class HelpdeskLiabilityFinding(models.Model):
    """Seed 004's conditions on a finding, under the preset's toggles: liability down
    to the team and the person (R004-02), and the site verification first (R004-20).
    Findings confirmed before a toggle was turned on stay as they are."""

    _inherit = "helpdesk.liability.finding"

    def _check_lines(self):
        result = super()._check_lines()
        for finding in self:
            preset = finding.ticket_id.company_id.complaint_preset_id
            if preset.feature_site_verification and not (
                finding.ticket_id.site_verification
            ):
                raise UserError(
                    self.env._(
                        "Appeal %(number)s has no site verification yet: liability is "
                        "found only once the department has checked on site whether "
                        "the problem exists (R004-20).",
                        number=finding.ticket_id.number,
                    )
                )
            if preset.feature_person_liability and not finding.rule_id.no_liability:
                for line in finding.line_ids:
                    if not line.employee_id or not line.team_id:
                        raise UserError(
                            self.env._(
                                "Name the team and the person liable in "
                                "%(department)s: each complaint is traced to a team "
                                "and a person (R004-02).",
                                department=line.department_id.name,
                            )
                        )
        return result

    def _apply(self):
        """The deductions carry the team each person was found in (R004-02)."""
        result = super()._apply()
        for line in self.line_ids.filtered("team_id"):
            self.env["helpdesk.deduction.line"].sudo().search(
                [
                    ("finding_id", "=", self.id),
                    ("department_id", "=", line.department_id.id),
                    ("employee_id", "=", line.employee_id.id),
                    ("section_id", "!=", line.team_id.id),
                ]
            ).write({"section_id": line.team_id.id})
        return result

from odoo import fields, models
from odoo.exceptions import AccessError

from ..groups import APPRAISAL, LEADER, OFFICE


class HelpdeskPeopleApprovalMixin(models.AbstractModel):
    """What star rounds and grievance awards share on OCA base_tier_validation: the
    roles whose members review (tier definitions point at these fields), a refusal for
    anyone whose turn it is not, and a hook once the last tier has approved."""

    _name = "helpdesk.people.approval.mixin"
    _description = "People Approval"
    _tier_validation_manual_config = True

    office_reviewer_ids = fields.Many2many(
        "res.users", compute="_compute_reviewer_roles", string="CSC Reviewers"
    )
    hr_reviewer_ids = fields.Many2many(
        "res.users", compute="_compute_reviewer_roles", string="HR Auditors"
    )
    leader_reviewer_ids = fields.Many2many(
        "res.users", compute="_compute_reviewer_roles", string="Group Leaders"
    )

    def _compute_reviewer_roles(self):
        for record in self:
            company = record.company_id

            def members(group, company=company):
                return (
                    self.env.ref(group)
                    .sudo()
                    .all_user_ids.filtered(
                        lambda user: user.active and company in user.company_ids
                    )
                )

            record.office_reviewer_ids = members(OFFICE)
            record.hr_reviewer_ids = members(APPRAISAL)
            record.leader_reviewer_ids = members(LEADER)

    def _check_can_review(self):
        for record in self:
            if not record.can_review:
                raise AccessError(
                    self.env._(
                        "It is not your turn to review %(name)s: only its current "
                        "reviewer approves or rejects it.",
                        name=record.display_name,
                    )
                )

    def validate_tier(self):
        self._check_can_review()
        self._before_validate_tier()
        result = super().validate_tier()
        self.invalidate_recordset(["validation_status", "need_validation"])
        if self.validation_status == "validated":
            self._on_approved()
        return result

    def reject_tier(self):
        self._check_can_review()
        return super().reject_tier()

    def _is_last_review(self):
        """Whether the current user's review is the last one pending."""
        self.ensure_one()
        pending = self.review_ids.filtered(
            lambda review: review.status in ("waiting", "pending")
        )
        return bool(pending) and all(
            self.env.user in review.reviewer_ids for review in pending
        )

    def _before_validate_tier(self):
        """Checks before a review is approved."""

    def _on_approved(self):
        """The last tier approved."""

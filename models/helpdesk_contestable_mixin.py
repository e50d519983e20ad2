from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskContestableMixin(models.AbstractModel):
    """What a department can contest in writing before it stands (R001-29): proposed
    with a contest deadline (``res.company._complaint_contest_deadline``), contested,
    then confirmed into the month of its confirmation (C-09) or cancelled with the
    reason. Deduction lines, service cases and their money lines."""

    _name = "helpdesk.contestable.mixin"
    _description = "Contestable Ledger Entry"

    state = fields.Selection(
        [
            ("draft", "Proposed"),
            ("contested", "Contested"),
            ("confirmed", "Confirmed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    contest_deadline = fields.Datetime(
        help="The department may contest in writing until then (R001-29)."
    )
    confirmed_at = fields.Datetime(readonly=True)
    cancel_reason = fields.Text(readonly=True)

    def _check_contest_open(self, now):
        """R001-29: a contest comes in writing before the contest deadline of every
        entry it contests; after it, liability stands."""
        if any(
            entry.contest_deadline and now > entry.contest_deadline for entry in self
        ):
            raise UserError(
                self.env._(
                    "The two working days to contest have passed (R001-29): liability "
                    "stands."
                )
            )

    @api.model
    def _past_contest_window(self):
        """R001-29: the proposed entries whose window closed without a contest; they
        are confirmed."""
        return self.search(
            [("state", "=", "draft"), ("contest_deadline", "<=", fields.Datetime.now())]
        )

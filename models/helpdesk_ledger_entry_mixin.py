from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskLedgerEntryMixin(models.AbstractModel):
    """An entry of the appraisal ledgers that a department can contest in writing
    before it stands (R001-29): proposed with a contest deadline
    (``res.company._complaint_contest_deadline``), contested, then confirmed into the
    month of its confirmation (C-09) or cancelled with the reason. Nothing is added to,
    changed in or moved into a locked month (C-09). Deduction lines, service cases and
    their money lines."""

    _name = "helpdesk.ledger.entry.mixin"
    _description = "Ledger Entry"

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
    period_id = fields.Many2one(
        "helpdesk.appraisal.period", string="Month", index=True, readonly=True
    )
    confirmed_at = fields.Datetime(readonly=True)
    cancel_reason = fields.Text(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["helpdesk.appraisal.period"].browse(
            {vals["period_id"] for vals in vals_list if vals.get("period_id")}
        )._check_open()
        return super().create(vals_list)

    def write(self, vals):
        periods = self.period_id | self.env["helpdesk.appraisal.period"].browse(
            vals.get("period_id")
        )
        periods._check_open()
        return super().write(vals)

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

import math

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import APPRAISAL


class HelpdeskPlatformShortfall(models.Model):
    """What a platform's upper authority took from the company for a period, passed on
    (R000-54): HR deducts the X points from the response office, and the office passes
    them on to the responsible departments at X × 2 × their share.

    The office enters X and the shares (proposed from each department's unsatisfied
    appeals on the platform); HR confirms; the appraisal run writes the ledger lines.
    """

    _name = "helpdesk.platform.shortfall"
    _description = "Platform Shortfall Passed On"
    _inherit = ["mail.thread"]
    _order = "period_id desc, id desc"

    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, string="Company"
    )
    period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        string="Month",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('period_type', '=', 'month'), ('state', '=', 'open')]",
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel",
        string="Platform",
        required=True,
        domain="[('is_platform', '=', True)]",
        default=lambda self: self.env.ref(
            "helpdesk_utility_complaint.channel_banyang", raise_if_not_found=False
        ),
    )
    rule_id = fields.Many2one(
        "helpdesk.deduction.rule",
        required=True,
        ondelete="restrict",
        domain="[('generator', '=', 'platform_shortfall')]",
        default=lambda self: self.env["helpdesk.deduction.rule"].search(
            [
                ("generator", "=", "platform_shortfall"),
                ("preset_id", "=", self.env.company.complaint_preset_id.id),
            ],
            limit=1,
        ),
    )
    requirement = fields.Text(
        help="The upper authority's requirement the company missed, as it stated it."
    )
    points = fields.Float(
        string="Points Lost (X)",
        digits=(16, 2),
        tracking=True,
        help="What the upper authority deducted from the company; 0 when it met the "
        "requirement.",
    )
    multiplier = fields.Float(
        digits=(16, 2),
        compute="_compute_multiplier",
        store=True,
        readonly=False,
        help="Departments lose X × this × their share (R000-54: 2).",
    )
    share_ids = fields.One2many(
        "helpdesk.platform.shortfall.share", "shortfall_id", string="Shares"
    )
    share_total = fields.Float(
        string="Shares Total (%)", compute="_compute_share_total", digits=(16, 2)
    )
    state = fields.Selection(
        [("draft", "Entered"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_at = fields.Datetime(readonly=True)

    _points_positive = models.Constraint(
        "CHECK(points >= 0 AND multiplier >= 0)",
        "The points lost and the multiplier cannot be negative.",
    )

    @api.depends("rule_id")
    def _compute_multiplier(self):
        for shortfall in self:
            shortfall.multiplier = shortfall.rule_id.base_multiplier or 1.0

    @api.depends("share_ids.share")
    def _compute_share_total(self):
        for shortfall in self:
            shortfall.share_total = round(sum(shortfall.share_ids.mapped("share")), 2)

    @api.depends("channel_id", "period_id")
    def _compute_display_name(self):
        for shortfall in self:
            shortfall.display_name = (
                f"{shortfall.channel_id.name or ''} {shortfall.period_id.name or ''}"
            ).strip()

    @api.constrains("share_ids")
    def _check_share_total(self):
        for shortfall in self:
            if round(sum(shortfall.share_ids.mapped("share")), 2) > 100:
                raise ValidationError(
                    self.env._(
                        "The responsibility shares of %(shortfall)s add up to "
                        "%(total)s%%: they cannot exceed 100%% (R000-54).",
                        shortfall=shortfall.display_name,
                        total=round(sum(shortfall.share_ids.mapped("share")), 2),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        shortfalls = super().create(vals_list)
        shortfalls.period_id._check_open()
        return shortfalls

    def write(self, vals):
        if set(vals) - {"state", "confirmed_by_id", "confirmed_at"}:
            self._check_editable()
        self.period_id._check_open()
        result = super().write(vals)
        if "period_id" in vals:
            self.period_id._check_open()
        return result

    def _check_editable(self):
        self.period_id._check_open()
        if self.filtered(lambda shortfall: shortfall.state == "confirmed"):
            raise UserError(
                self.env._("A confirmed platform shortfall cannot be changed.")
            )

    def action_propose_shares(self):
        """R000-54: each department's share of the period's unsatisfied appeals on the
        platform, rounded down to 0.01% with the rest to the largest (never over
        100%)."""
        self._check_editable()
        for shortfall in self:
            counts = shortfall._unsatisfied_by_department()
            total = sum(counts.values())
            shares = {
                department: math.floor(10000 * count / total) / 100
                for department, count in counts.items()
            }
            if shares:
                rest = round(100 - sum(shares.values()), 2)
                largest = max(shares, key=lambda department: counts[department])
                shares[largest] = round(shares[largest] + rest, 2)
            shortfall.share_ids = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "department_id": department.id,
                        "share": share,
                        "unsatisfied_count": counts[department],
                    }
                )
                for department, share in shares.items()
            ]

    def _unsatisfied_by_department(self):
        """{department: unsatisfied appeals of the platform rated in the month}."""
        self.ensure_one()
        calendar = self.company_id._get_complaint_calendar()
        tz = calendar._sla_tz()
        start = calendar._sla_utc(self.period_id.date_start, tz)
        end = calendar._sla_utc(fields.Date.add(self.period_id.date_end, days=1), tz)
        return {
            department: count
            for department, count in self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("channel_id", "=", self.channel_id.id),
                    ("unsatisfied_at", ">=", start),
                    ("unsatisfied_at", "<", end),
                    ("department_id", "!=", False),
                ],
                ["department_id"],
                ["__count"],
            )
        }

    def action_confirm(self):
        """HR confirms: the office is the target of X (R000-56), and the shares are
        passed on by the run."""
        if not self.env.user.has_group(APPRAISAL):
            raise AccessError(
                self.env._(
                    "Only HR's appraisal officers confirm a platform shortfall: it "
                    "deducts points from the response office (R000-56)."
                )
            )
        for shortfall in self:
            office = shortfall.company_id.complaint_office_department_id
            if shortfall.points and not office:
                raise UserError(
                    self.env._(
                        "Name the response office department of %(company)s first: "
                        "it loses the points (R000-54).",
                        company=shortfall.company_id.name,
                    )
                )
            own = self.env.user.employee_ids.department_id
            if own & (office | shortfall.share_ids.department_id):
                raise AccessError(
                    self.env._(
                        "You cannot confirm a deduction against your own unit "
                        "(R000-56)."
                    )
                )
        self.write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_at": fields.Datetime.now(),
            }
        )

    def _ledger_values(self):
        """The ledger lines the run writes for this shortfall: X to the office, X × 2 ×
        share to each department (R000-54)."""
        self.ensure_one()
        if not self.points:
            return []
        office = self.company_id.complaint_office_department_id
        rule = self.rule_id

        def line(department, party, multiplier, share, reason):
            return rule._ledger_values(
                department,
                self.points,
                company=self.company_id,
                party=party,
                multiplier=multiplier,
                share=share,
                quantity=self.points,
                key=f"shortfall:{self.id}:{department.id}",
                reason=reason,
            )

        values = []
        if office:
            values.append(
                line(
                    office,
                    "response_office",
                    1.0,
                    100.0,
                    self.env._(
                        "%(platform)s %(month)s: the company lost %(points)s points",
                        platform=self.channel_id.name,
                        month=self.period_id.name,
                        points=self.points,
                    ),
                )
            )
        for share in self.share_ids.filtered("share"):
            values.append(
                line(
                    share.department_id,
                    "responsible_department",
                    self.multiplier,
                    share.share,
                    self.env._(
                        "%(platform)s %(month)s: %(points)s points × %(multiplier)s × "
                        "%(share)s%%",
                        platform=self.channel_id.name,
                        month=self.period_id.name,
                        points=self.points,
                        multiplier=self.multiplier,
                        share=share.share,
                    ),
                )
            )
        return values

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Facts the appraisal reads from a verdict: fixed once registered. A wrong verdict is
# archived with a reason and registered again, so what was charged stays traceable.
REGISTERED_FACTS = {
    "ticket_id",
    "kind",
    "verdict_date",
    "stated_overdue_days",
    "explained_to_platform",
    "explanation",
    "responsible_department_id",
    "media_column_id",
    "exposure_points",
    "raised_on_banyang",
}


class HelpdeskPlatformVerdict(models.Model):
    """A finding a platform (or a media column) made about a platform appeal (C-12).

    Verdicts are facts the appraisal turns into points (R000-35, R000-36, R000-40,
    R000-41, R000-42, R002-14); this model only records them. They are evidence: only
    complaint managers delete one, a wrong one is archived with the reason.
    """

    _name = "helpdesk.platform.verdict"
    _inherit = ["helpdesk.platform.evidence.mixin"]
    _description = "Platform Verdict"
    _order = "verdict_date desc, id desc"
    _check_company_auto = True

    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [
            ("overdue_case", "Overdue Case"),
            ("redo_return", "Returned for Redo"),
            ("overdue_handback", "Overdue Hand-back"),
            ("handback_accepted", "Hand-back Accepted"),
            ("buck_passing", "Buck-passing after Hand-back"),
            ("circulated_by_12345", "Circulated by 12345"),
            ("media_exposure", "Media Exposure"),
        ],
        required=True,
        index=True,
        help="Overdue case (超期件, R000-35); reply returned as unqualified (退回重办, "
        "R000-36); hand-back ruled overdue (超期回退, R000-40); hand-back accepted; "
        "judged buck-passing or redo after a hand-back (R000-41); buck-passing "
        "circulated by 12345 (R002-14); exposure by a media column (R000-42).",
    )
    verdict_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        index=True,
    )
    stated_overdue_days = fields.Integer(
        string="Overdue Days (Platform)",
        help="The days overdue as the platform states them (R000-35); 0 if it states "
        "none.",
    )
    explained_to_platform = fields.Boolean(
        string="Reason Explained to Platform",
        help="A reason for the delay was explained to the platform before its verdict "
        "(R000-35 then does not apply).",
    )
    explanation = fields.Text(string="What Was Explained")
    responsible_department_id = fields.Many2one(
        "hr.department",
        string="Responsible Party",
        compute="_compute_responsible_department_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        help="The response office's department or the handling department the verdict "
        "is charged to; the appeal's responsible department by default.",
    )
    # The public employee record: appraisal officers and the office need not be HR users
    # to name people (same ids as hr.employee).
    accountable_employee_ids = fields.Many2many(
        "hr.employee.public",
        "helpdesk_platform_verdict_employee_rel",
        "verdict_id",
        "employee_id",
        string="Accountable Persons",
        check_company=True,
        help="The people held to account for buck-passing (R002-14).",
    )
    ordinal = fields.Integer(
        compute="_compute_ordinal",
        store=True,
        help="1 for the appeal's first verdict of this kind, 2 for the second ... in "
        "date order; 0 once archived (R000-36, R000-41).",
    )
    note = fields.Text()
    media_column_id = fields.Many2one(
        "helpdesk.media.column",
        string="Column",
        check_company=True,
        ondelete="restrict",
    )
    points_on_verdict = fields.Boolean(related="media_column_id.points_on_verdict")
    exposure_points = fields.Float(
        compute="_compute_exposure_points",
        store=True,
        readonly=False,
        precompute=True,
        digits=(16, 2),
        help="The column's points when the exposure was registered; entered here for a "
        "column without fixed points (R000-42).",
    )
    verified_true = fields.Boolean(
        string="Verified as True",
        help="An exposure counts only once verified as true (R000-42).",
    )
    raised_on_banyang = fields.Boolean(
        string="Already Raised on Banyang Minsheng",
        help="The exposed issue had been raised on the 般阳民生 platform before "
        "(R000-42).",
    )
    registered_by_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        readonly=True,
    )
    correction_reason = fields.Text(
        copy=False,
        help="Why the verdict was registered wrongly; required to archive it.",
    )
    corrected_by_id = fields.Many2one(
        "res.users", string="Archived By", readonly=True, copy=False
    )
    corrected_at = fields.Datetime(string="Archived At", readonly=True, copy=False)

    @api.depends("ticket_id.number", "kind", "ordinal")
    def _compute_display_name(self):
        for verdict in self:
            name = f"{verdict.ticket_id.number or ''} {verdict._kind_label()}".strip()
            verdict.display_name = (
                f"{name} #{verdict.ordinal}" if verdict.ordinal else name
            )

    @api.depends("ticket_id")
    def _compute_responsible_department_id(self):
        for verdict in self:
            if not verdict.responsible_department_id:
                verdict.responsible_department_id = verdict.ticket_id.department_id

    @api.depends("media_column_id")
    def _compute_exposure_points(self):
        # A snapshot: changing a column's points later does not rewrite past exposures.
        for verdict in self:
            column = verdict.media_column_id
            verdict.exposure_points = 0.0 if column.points_on_verdict else column.points

    @api.depends(
        "active",
        "kind",
        "verdict_date",
        "ticket_id.platform_verdict_ids.active",
        "ticket_id.platform_verdict_ids.kind",
        "ticket_id.platform_verdict_ids.verdict_date",
    )
    def _compute_ordinal(self):
        ordinal_of, counter = {}, defaultdict(int)
        siblings = self.sudo().search(
            [("ticket_id", "in", self.ticket_id.ids)], order="verdict_date, id"
        )
        for verdict in siblings:
            counter[verdict.ticket_id.id, verdict.kind] += 1
            ordinal_of[verdict.id] = counter[verdict.ticket_id.id, verdict.kind]
        for verdict in self:
            verdict.ordinal = ordinal_of.get(verdict.id, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains(
        "kind",
        "verdict_date",
        "stated_overdue_days",
        "explained_to_platform",
        "explanation",
        "responsible_department_id",
    )
    def _check_facts(self):
        for verdict in self:
            if verdict.verdict_date > fields.Date.context_today(verdict):
                raise ValidationError(
                    self.env._("A verdict cannot be dated in the future.")
                )
            if verdict.stated_overdue_days < 0:
                raise ValidationError(self.env._("Overdue days cannot be negative."))
            if (
                verdict.explained_to_platform
                and not (verdict.explanation or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Note what was explained to the platform, and when (R000-35)."
                    )
                )
            if (
                verdict.kind != "handback_accepted"
                and not verdict.responsible_department_id
            ):
                raise ValidationError(
                    self.env._(
                        "Name the party responsible for the verdict on appeal "
                        "%(number)s: the response office or a department.",
                        number=verdict.ticket_id.number,
                    )
                )

    @api.constrains("kind", "media_column_id", "exposure_points")
    def _check_media_exposure(self):
        for verdict in self:
            column = verdict.media_column_id
            if verdict.kind != "media_exposure":
                if column:
                    raise ValidationError(
                        self.env._(
                            "Only a media exposure names the column that exposed it."
                        )
                    )
                continue
            if not column:
                raise ValidationError(
                    self.env._(
                        "A media exposure names the column that exposed the issue "
                        "(R000-42)."
                    )
                )
            if column.points_on_verdict and verdict.exposure_points <= 0:
                raise ValidationError(
                    self.env._(
                        "Column “%(column)s” has no fixed points: enter the points of "
                        "this exposure (R000-42).",
                        column=column.name,
                    )
                )
            if (
                not column.points_on_verdict
                and verdict.exposure_points != column.points
            ):
                raise ValidationError(
                    self.env._(
                        "An exposure by “%(column)s” costs the column's %(points)s "
                        "points.",
                        column=column.name,
                        points=column.points,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD: registered facts are fixed; archiving needs a reason
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        verdicts = super().create(vals_list)
        for verdict in verdicts:
            verdict.ticket_id.message_post(
                body=self.env._(
                    "Platform verdict registered: %(kind)s (%(date)s), charged to "
                    "%(party)s.",
                    kind=verdict._kind_label(),
                    date=verdict.verdict_date,
                    party=verdict.responsible_department_id.name or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        verdicts._sync_deductions()
        return verdicts

    def write(self, vals):
        if not self.env.su and REGISTERED_FACTS & set(vals):
            raise UserError(
                self.env._(
                    "A registered verdict is not edited: archive it with the reason it "
                    "is wrong and register the correct one."
                )
            )
        archiving = "active" in vals and not vals["active"]
        if archiving:
            reason = vals.get("correction_reason")
            for verdict in self:
                if not (reason or verdict.correction_reason or "").strip():
                    raise UserError(
                        self.env._(
                            "Enter the reason verdict %(verdict)s is wrong before "
                            "archiving it.",
                            verdict=verdict.display_name,
                        )
                    )
            vals = dict(
                vals, corrected_by_id=self.env.uid, corrected_at=fields.Datetime.now()
            )
        elif vals.get("active"):
            vals = dict(
                vals, correction_reason=False, corrected_by_id=False, corrected_at=False
            )
        was_verified = {verdict.id: verdict.verified_true for verdict in self}
        names = {verdict.id: verdict.display_name for verdict in self}
        result = super().write(vals)
        for verdict in self:
            if archiving:
                body = self.env._(
                    "Platform verdict %(verdict)s archived as wrong by %(user)s: "
                    "%(reason)s",
                    verdict=names[verdict.id],
                    user=self.env.user.name,
                    reason=verdict.correction_reason,
                )
            elif vals.get("active"):
                body = self.env._(
                    "Platform verdict %(verdict)s restored by %(user)s.",
                    verdict=verdict.display_name,
                    user=self.env.user.name,
                )
            elif (
                "verified_true" in vals
                and verdict.verified_true != was_verified[verdict.id]
            ):
                if verdict.verified_true:
                    body = self.env._(
                        "Media exposure %(verdict)s verified as true by %(user)s.",
                        verdict=verdict.display_name,
                        user=self.env.user.name,
                    )
                else:
                    body = self.env._(
                        "Media exposure %(verdict)s no longer marked as verified "
                        "(%(user)s).",
                        verdict=verdict.display_name,
                        user=self.env.user.name,
                    )
            else:
                continue
            verdict.ticket_id.message_post(body=body, subtype_xmlid="mail.mt_note")
        if (REGISTERED_FACTS | {"active", "verified_true"}) & set(vals):
            self._sync_deductions()
        return result

    def _sync_deductions(self):
        """The table charges verdicts (R000-35 to R000-42): keep their lines in step."""
        self.env["helpdesk.deduction.line"]._sync_process_lines(self.ticket_id)

    def action_correct(self, reason):
        """Archive wrong verdicts with the reason; the appeal's chatter says so."""
        self.write({"correction_reason": reason, "active": False})
        return True

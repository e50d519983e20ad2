from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The four handling steps of R004-19 and the events that complete each of them.
HANDLING_STEPS = {
    "route": ("dispatch", "leader_submission", "answered_on_spot"),
    "accept": ("acceptance", "investigation_started", "first_contact"),
    "handle": ("completion", "department_report", "solution_proposed"),
    "reply": ("final_reply", "interim_reply", "answered_on_spot"),
}


class HelpdeskComplaintPreset(models.Model):
    """Seed 004's workflow features (RULES.md §6): each is a toggle of the preset,
    off by default. Turning one on applies to what happens next; nothing already decided
    changes (a closed appeal stays closed, a confirmed finding stays confirmed)."""

    _inherit = "helpdesk.complaint.preset"

    feature_person_liability = fields.Boolean(
        string="Liability to Team and Person",
        help="A liability finding names, for every liable department, the team and the "
        "person, so that deductions reach them (R004-02).",
    )
    feature_closure_gates = fields.Boolean(
        string="Four Not Let Go",
        help="An appeal closes only after four checks, each with its evidence: problem "
        "verified, correction done, rectification implemented, customer satisfied or "
        "the unsatisfied rating dealt with (R004-03).",
    )
    feature_typical_cases = fields.Boolean(
        string="Typical Case Library",
        help="Representative appeals are added to a library by business line for staff "
        "training (R004-05).",
    )
    feature_callback_team = fields.Boolean(
        string="Named Callback Team",
        help="Callbacks go to named people of the callback team, who record how they "
        "reached the customer (R004-09).",
    )
    callback_team_user_ids = fields.Many2many(
        "res.users",
        "helpdesk_complaint_preset_callback_team_rel",
        "preset_id",
        "user_id",
        string="Callback Team",
        domain=[("share", "=", False)],
        help="Response-office staff who call customers back (R004-09).",
    )
    feature_more_channels = fields.Boolean(
        string="More Channels",
        help="The GM's service hotline, the dedicated service desk and the 24-hour "
        "self-service terminals are offered as channels (R004-10).",
    )
    feature_area_dispatch = fields.Boolean(
        string="Dispatch by Area",
        help="Each service area has its first responsible person; an appeal of the "
        "area is dispatched to the area's unit and handed to that person (R004-11).",
    )
    feature_first_contact_updates = fields.Boolean(
        string="First Contact Hears Back",
        help="Whoever first took the appeal is told of its progress and outcome "
        "(R004-12).",
    )
    feature_difficult_cases = fields.Boolean(
        string="Difficult Cases and Focused Supervision",
        help="Appeals can be escalated to the difficult-problems group; units and "
        "people who handle complaints poorly are put under focused supervision "
        "(R004-13).",
    )
    difficult_group_user_ids = fields.Many2many(
        "res.users",
        "helpdesk_complaint_preset_difficult_group_rel",
        "preset_id",
        "user_id",
        string="Difficult-Problems Group",
        domain=[("share", "=", False)],
        help="The leading group for difficult problems (R004-13).",
    )
    feature_three_level_reply = fields.Boolean(
        string="Three-Level Reply",
        help="An unsatisfied customer is answered by the handling department, then "
        "the customer-service office, then a company leader, one level at a time "
        "(R004-16).",
    )
    feature_step_owners = fields.Boolean(
        string="First-Moment Step Owners",
        help="Every deadline policy of the preset has a milestone with an owner for "
        "each step: routing, acceptance, handling and reply (R004-19).",
    )
    feature_site_verification = fields.Boolean(
        string="Site Verification Before Liability",
        help="After acceptance the department verifies on site whether the reported "
        "problem exists; no liability finding before the result is recorded (R004-20).",
    )
    feature_mediation = fields.Boolean(
        string="Mediation Records",
        help="A mediated appeal keeps both parties, the steps, the outcome and the "
        "feedback to the complainant (R004-21).",
    )
    feature_result_notice = fields.Boolean(
        string="Result Told Within the Limit",
        help="The final reply records how the complainant was told the result; the "
        "notice is logged against the reply deadline (R004-22).",
    )

    step_owner_summary = fields.Text(
        string="Step Owners",
        compute="_compute_step_owner_summary",
        help="Per deadline policy, the milestone, limit and owner of each step "
        "(R004-19).",
    )

    def _step_milestones(self, policy):
        """{step: the policy's milestones stopped by one of the step's events}."""
        return {
            step: policy.milestone_ids.filtered(
                lambda m, codes=codes: set(m.stop_event_ids.mapped("code")) & set(codes)
            )
            for step, codes in HANDLING_STEPS.items()
        }

    def _policies(self):
        self.ensure_one()
        return self.env["helpdesk.sla.policy"].search([("preset_id", "=", self.id)])

    def _compute_step_owner_summary(self):
        labels = self._handling_step_labels()
        for preset in self:
            rows = []
            for policy in preset._policies() if preset.id else []:
                for step, milestones in preset._step_milestones(policy).items():
                    owners = ", ".join(
                        f"{m.name} {m.duration:g} "
                        f"{m._fields['unit'].convert_to_export(m.unit, m)} "
                        f"({m._fields['owner'].convert_to_export(m.owner, m)})"
                        for m in milestones
                    )
                    rows.append(f"{policy.name} / {labels[step]}: {owners or '-'}")
            preset.step_owner_summary = "\n".join(rows)

    @api.constrains(
        "feature_callback_team",
        "callback_team_user_ids",
        "feature_difficult_cases",
        "difficult_group_user_ids",
    )
    def _check_named_people(self):
        """R004-09, R004-13: a feature that hands work to named people names them."""
        for preset in self:
            if preset.feature_callback_team and not preset.callback_team_user_ids:
                raise ValidationError(
                    self.env._(
                        "Name the callback team of preset %(preset)s (R004-09).",
                        preset=preset.name,
                    )
                )
            if preset.feature_difficult_cases and not preset.difficult_group_user_ids:
                raise ValidationError(
                    self.env._(
                        "Name the difficult-problems group of preset %(preset)s "
                        "(R004-13).",
                        preset=preset.name,
                    )
                )

    @api.constrains("feature_step_owners")
    def _check_step_owners(self):
        """R004-19: the toggle holds only when every step has its clock and owner."""
        labels = self._handling_step_labels()
        for preset in self.filtered("feature_step_owners"):
            policies = preset._policies()
            missing = []
            for policy in policies:
                steps = preset._step_milestones(policy)
                gaps = [labels[step] for step, found in steps.items() if not found]
                if gaps:
                    missing.append(f"{policy.name}: {', '.join(gaps)}")
            if not policies or missing:
                raise ValidationError(
                    self.env._(
                        "Preset %(preset)s cannot promise a first-moment owner for "
                        "every step: add a milestone for %(missing)s (R004-19).",
                        preset=preset.name,
                        missing="; ".join(missing) or self.env._("every step"),
                    )
                )

    def _handling_step_labels(self):
        labels = {}
        labels["route"] = self.env._("Routing")
        labels["accept"] = self.env._("Acceptance")
        labels["handle"] = self.env._("Handling")
        labels["reply"] = self.env._("Reply")
        return labels

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..groups import MANAGER


class HelpdeskScorecardReplayWizard(models.TransientModel):
    """What-if: a period's cards under another template, beside the real ones.

    The comparison is computed when the period and the template are chosen, as the
    dialog's values change: the dialog is never saved and the replay writes nothing.
    """

    _name = "helpdesk.scorecard.replay.wizard"
    _description = "What-If Replay"

    period_id = fields.Many2one("helpdesk.appraisal.period", required=True)
    template_id = fields.Many2one(
        "helpdesk.scorecard.template",
        string="Replay Under",
        required=True,
        help="Another preset's scorecard, or an edited what-if copy.",
    )
    real_template_id = fields.Many2one(
        "helpdesk.scorecard.template",
        string="Real Scorecard",
        compute="_compute_real_template_id",
    )
    comparison = fields.Html(compute="_compute_comparison", sanitize=False)

    @api.depends("period_id")
    def _compute_real_template_id(self):
        Period = self.env["helpdesk.appraisal.period"]
        for wizard in self:
            period = wizard.period_id
            wizard.real_template_id = (
                Period._default_template(period.company_id, period.period_type)
                if period
                else False
            )

    @api.depends("period_id", "template_id")
    def _compute_comparison(self):
        for wizard in self:
            if not (wizard.period_id and wizard.template_id):
                wizard.comparison = False
                continue
            wizard.comparison = wizard._render_comparison()

    def _comparison(self):
        """[{unit, real, replay, items: [...]}] for the period, units by real rank."""
        self.ensure_one()
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only complaint managers replay a period."))
        engine = self.env["helpdesk.scorecard.engine"]
        period = self.period_id.sudo()
        replay = engine._replay(period, self.template_id.sudo())
        real_template = self.real_template_id.sudo()
        real = {}
        cards = (
            self.env["helpdesk.scorecard"]
            .sudo()
            .search(
                [("period_id", "=", period.id), ("template_id", "=", real_template.id)]
            )
        )
        real_computed = bool(cards)
        for card in cards:
            real[card.department_id.id] = {
                "total": card.total,
                "rank": card.rank,
                "lines": {line.code: (line.name, line.score) for line in card.line_ids},
            }
        if not real_computed and real_template:
            for unit, card in engine._replay(period, real_template).items():
                real[unit] = {
                    "total": card["total"],
                    "rank": card["rank"],
                    "lines": {
                        cell["code"]: (
                            self.env["helpdesk.scorecard.item"]
                            .browse(cell["item_id"])
                            .name,
                            cell["score"],
                        )
                        for cell in card["lines"].values()
                    },
                }
        Item = self.env["helpdesk.scorecard.item"]
        rows = []
        for unit in sorted(
            set(real) | set(replay),
            key=lambda unit: (real.get(unit, {}).get("rank") or 10**6, unit),
        ):
            mine, other = real.get(unit, {}), replay.get(unit)
            names = {code: name for code, (name, _s) in mine.get("lines", {}).items()}
            replay_scores = {}
            if other:
                for cell in other["lines"].values():
                    names.setdefault(cell["code"], Item.browse(cell["item_id"]).name)
                    replay_scores[cell["code"]] = cell["score"]
            items = []
            for code in sorted(names):
                real_score = mine.get("lines", {}).get(code, (None, None))[1]
                replay_score = replay_scores.get(code)
                items.append(
                    {
                        "code": code,
                        "name": names[code],
                        "real": real_score,
                        "replay": replay_score,
                        "diff": _diff(replay_score, real_score),
                    }
                )
            rows.append(
                {
                    "unit": self.env["hr.department"].sudo().browse(unit).name,
                    "real": mine.get("total"),
                    "real_rank": mine.get("rank"),
                    "replay": other and other["total"],
                    "replay_rank": other and other["rank"],
                    "diff": _diff(other and other["total"], mine.get("total")),
                    "items": items,
                }
            )
        return {"rows": rows, "real_computed": real_computed}

    def _render_comparison(self):
        values = self._comparison()
        return self.env["ir.qweb"]._render(
            "helpdesk_utility_complaint.scorecard_replay_comparison",
            dict(values, wizard=self),
        )


def _diff(new, old):
    if new is None or old is None:
        return None
    return round(new - old, 2)

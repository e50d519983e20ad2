import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..groups import APPRAISAL

_logger = logging.getLogger(__name__)

BATCH_PARAM = "helpdesk_utility_complaint.appraisal_batch_units"


class HelpdeskAppraisalRun(models.Model):
    """One computation of a period's cards under a template, possibly ending in the
    lock.

    Small periods run at once. Large ones run in the background: the cron
    ``ir_cron_appraisal_run`` takes a batch of units per call, commits it and reports
    its progress through Odoo's own ``ir.cron._commit_progress``, so a run survives a
    restart, HR sees how far it is, and successive batches go to whichever cron worker
    is free.
    """

    _name = "helpdesk.appraisal.run"
    _description = "Appraisal Run"
    _order = "id desc"

    period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(related="period_id.company_id", store=True)
    template_id = fields.Many2one(
        "helpdesk.scorecard.template",
        required=True,
        ondelete="restrict",
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Run By", required=True, readonly=True
    )
    lock = fields.Boolean(string="Lock When Done", readonly=True)
    background = fields.Boolean(readonly=True)
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Computing"),
            ("done", "Finished"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    phase = fields.Selection(
        [
            ("ledger", "Writing Rate Deductions"),
            ("cards", "Computing Cards"),
            ("finish", "Ranking and Locking"),
        ],
        default="ledger",
        readonly=True,
    )
    unit_ids = fields.Many2many("hr.department", string="Units", readonly=True)
    units_total = fields.Integer(readonly=True)
    units_done = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)
    error = fields.Text(readonly=True)
    scorecard_ids = fields.One2many("helpdesk.scorecard", "run_id", readonly=True)

    @api.depends("units_done", "units_total", "state")
    def _compute_progress(self):
        for run in self:
            run.progress = (
                100.0
                if run.state == "done"
                else 100.0 * run.units_done / run.units_total
                if run.units_total
                else 0.0
            )

    @api.depends("period_id", "template_id")
    def _compute_display_name(self):
        for run in self:
            run.display_name = f"{run.period_id.name} / {run.template_id.name}"

    # ------------------------------------------------------------------
    # Starting a run
    # ------------------------------------------------------------------

    @api.model
    def _start(self, period, template, lock=False, background=False):
        """Run (or queue) the computation of ``period`` under ``template``."""
        if not self.env.user.has_group(APPRAISAL):
            raise AccessError(
                self.env._("Only appraisal officers compute and lock the appraisal.")
            )
        period._check_appraisal_computable(template)
        if lock:
            period._check_lock_blockers(template)
        units = template.sudo()._appraised_units(period.company_id)
        run = self.sudo().create(
            {
                "period_id": period.id,
                "template_id": template.id,
                "user_id": self.env.uid,
                "lock": lock,
                "background": background,
                "unit_ids": [fields.Command.set(units.ids)],
                "units_total": len(units),
            }
        )
        if background:
            self.env.ref(
                "helpdesk_utility_complaint.ir_cron_appraisal_run"
            ).sudo()._trigger()
        else:
            run._run_to_end()
        return run

    def _run_to_end(self):
        """Everything at once, in the caller's transaction, on one frame: what the
        ledger step measured, the cards reuse."""
        self.ensure_one()
        frame = self.env["helpdesk.scorecard.engine"]._frame(
            self.period_id, self.template_id
        )
        while self.state in ("queued", "running"):
            self._step(len(self.unit_ids) or 1, frame)

    # ------------------------------------------------------------------
    # Steps: the ledger's rate lines, then batches of cards, then ranks and lock
    # ------------------------------------------------------------------

    def _pending_units(self):
        return self.unit_ids.sorted("id")[self.units_done :]

    def _step(self, batch_size, frame=None):
        """One unit of work; returns how many units it computed."""
        self.ensure_one()
        engine = self.env["helpdesk.scorecard.engine"]
        run = self.sudo()
        if run.state == "queued":
            run.write({"state": "running", "started_at": fields.Datetime.now()})
        frame = frame or engine._frame(run.period_id, run.template_id)
        if run.phase == "ledger":
            run.period_id._check_appraisal_computable(run.template_id)
            if frame.ledger_has_run_lines:
                engine._sync_run_lines(frame, engine._run_lines(frame, frame.units))
            run.phase = "cards"
            return 0
        if run.phase == "cards":
            batch = run._pending_units()[:batch_size]
            if batch:
                cards = engine._evaluate(frame, batch)
                run._store(frame, cards)
            run.units_done += len(batch)
            if not run._pending_units():
                run.phase = "finish"
            return len(batch)
        run._finish(frame)
        return 0

    def _store(self, frame, cards):
        """Create or update the cards; an unchanged card is not written (idempotent)."""
        Card = self.env["helpdesk.scorecard"].sudo()
        Line = self.env["helpdesk.scorecard.line"].sudo()
        existing = Card.search(
            [
                ("period_id", "=", frame.period.id),
                ("template_id", "=", frame.template.id),
                ("department_id", "in", list(cards)),
            ]
        )
        by_unit = {card.department_id.id: card for card in existing}
        now = fields.Datetime.now()
        new_cards = []
        for unit, values in cards.items():
            card_vals = {
                key: values.get(key, 0.0)
                for key in (
                    "total",
                    "deduction_total",
                    "bonus_total",
                    "missing_count",
                    "annual_result",
                    "month_mean",
                    "month_count",
                    "quarter_mean",
                    "quarter_count",
                )
            }
            card_vals.update(
                has_activity=values["has_activity"],
                base_score=frame.template.base_score,
            )
            card = by_unit.get(unit)
            if not card:
                new_cards.append(
                    dict(
                        card_vals,
                        period_id=frame.period.id,
                        template_id=frame.template.id,
                        department_id=unit,
                        computed_at=now,
                        run_id=self.id,
                        line_ids=[
                            fields.Command.create(cell)
                            for cell in values["lines"].values()
                        ],
                    )
                )
                continue
            changed = _changes(card, card_vals)
            lines = {line.item_id.id: line for line in card.line_ids}
            for item_id, cell in values["lines"].items():
                line = lines.pop(item_id, None)
                if line is None:
                    Line.create(dict(cell, scorecard_id=card.id))
                    changed["computed_at"] = now
                elif line_changes := _changes(line, cell):
                    line.write(line_changes)
                    changed["computed_at"] = now
            if lines:
                Line.browse([line.id for line in lines.values()]).unlink()
                changed["computed_at"] = now
            if changed:
                changed.setdefault("computed_at", now)
                changed["run_id"] = self.id
                card.write(changed)
        Card.create(new_cards)

    def _finish(self, frame):
        """Rank the cards, drop those of units no longer appraised, lock if asked."""
        Card = self.env["helpdesk.scorecard"].sudo()
        cards = Card.search(
            [
                ("period_id", "=", frame.period.id),
                ("template_id", "=", frame.template.id),
            ]
        )
        stale = cards.filtered(lambda card: card.department_id not in self.unit_ids)
        stale.unlink()
        cards -= stale
        ranks = self.env["helpdesk.scorecard.engine"]._rank(
            {card.id: card.total for card in cards}
        )
        for card in cards:
            if card.rank != ranks[card.id] or card.unit_count != len(cards):
                card.write({"rank": ranks[card.id], "unit_count": len(cards)})
        self.write({"state": "done", "finished_at": fields.Datetime.now()})
        if self.lock:
            period = frame.period.with_user(self.user_id)
            period._check_lock_blockers(frame.template, ignore_run=self)
            self._freeze(frame)
            period.action_lock()

    def _freeze(self, frame):
        """Keep, for every number of the period's cards, the records it counted: the
        drill-down of a locked card opens them, whatever the facts become."""
        Record = self.env["helpdesk.scorecard.record"].sudo()
        Line = self.env["helpdesk.scorecard.line"]
        self.env.flush_all()
        Record.search(
            [
                ("period_id", "=", frame.period.id),
                ("template_id", "=", frame.template.id),
            ]
        ).unlink()
        self.env["helpdesk.scorecard"].sudo().search(
            [
                ("period_id", "=", frame.period.id),
                ("template_id", "=", frame.template.id),
            ]
        ).write({"frozen_at": fields.Datetime.now()})
        units = self.unit_ids
        for item in frame.items.filtered(lambda item: item._assessed_in(frame.period)):
            for role in Line._freeze_roles(item, frame.period):
                model, domain, unit_path = self._freeze_source(frame, item, role, units)
                Model = self.env[model].sudo()
                query = Model._search(domain)
                if query.is_empty():
                    continue
                unit_sql = (
                    Model._read_group_groupby(Model._table, unit_path, query)
                    if unit_path
                    else SQL("NULL::int")
                )
                rows = query.select(unit_sql, SQL.identifier(Model._table, "id"))
                self.env.cr.execute(
                    SQL(
                        """INSERT INTO helpdesk_scorecard_record
                               (company_id, period_id, template_id, item_id, role,
                                res_model, department_id, res_id)
                           SELECT %s, %s, %s, %s, %s, %s, counted.unit, counted.id
                             FROM (%s) AS counted(unit, id)""",
                        frame.company.id,
                        frame.period.id,
                        frame.template.id,
                        item.id,
                        role,
                        model,
                        rows,
                    )
                )

    def _freeze_source(self, frame, item, role, units):
        """(model, domain, path to the unit or None) of what a role counts."""
        engine = self.env["helpdesk.scorecard.engine"]
        if item.measure == "manual":
            return (
                "helpdesk.scorecard.manual.score",
                [
                    ("period_id", "=", frame.period.id),
                    ("item_code", "=", item.code),
                    ("department_id", "in", units.ids),
                ],
                "department_id",
            )
        if item.measure == "ledger" or role == "deduction":
            return (
                "helpdesk.deduction.line",
                engine._ledger_domain(frame, item, units),
                "department_id",
            )
        company_wide = item.scope == "company"
        scope = None if company_wide else units
        if role == "numerator" or (item.measure == "records" and item.term_ids):
            domain = list(engine._numerator_domain(frame, item, scope))
        else:
            domain = engine._records_domain(frame, item, scope)
        return item.model_name, domain, None if company_wide else item.unit_field

    # ------------------------------------------------------------------
    # Background
    # ------------------------------------------------------------------

    @api.model
    def _remaining_work(self):
        """Units (plus the fixed steps) still to do over every pending run."""
        pending = self.sudo().search([("state", "in", ("queued", "running"))])
        return sum(
            run.units_total - run.units_done + (run.phase == "ledger") + 1
            for run in pending
        )

    @api.model
    def _cron_process(self):
        """Batches of pending runs, one commit and one progress report per batch."""
        batch = int(
            self.env["ir.config_parameter"].sudo().get_param(BATCH_PARAM, "20") or 20
        )
        IrCron = self.env["ir.cron"]
        while True:
            run = self.sudo().search(
                [("state", "in", ("queued", "running"))], order="id", limit=1
            )
            if not run:
                IrCron._commit_progress(remaining=0)
                return
            try:
                done = run._step(batch)
            except Exception as error:  # noqa: BLE001 - the run records why it failed
                self.env.cr.rollback()
                self.env.invalidate_all()
                _logger.exception("Appraisal run %s failed", run.id)
                run.write(
                    {
                        "state": "failed",
                        "error": str(error),
                        "finished_at": fields.Datetime.now(),
                    }
                )
                done = 0
            if IrCron._commit_progress(done, remaining=self._remaining_work()) <= 0:
                return


def _changes(record, values):
    """The values that differ from what ``record`` holds (floats to 2 decimals)."""
    changes = {}
    for name, value in values.items():
        field = record._fields[name]
        current = record[name]
        if field.type == "many2one":
            current = current.id
            value = value or False
        elif field.type == "float":
            current, value = round(current, 2), round(value or 0.0, 2)
        if current != value:
            changes[name] = value
    return changes

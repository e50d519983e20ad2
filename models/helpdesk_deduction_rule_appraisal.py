from odoo import fields, models

# Rules whose lines the appraisal run writes (rates, entered platform shortfalls), not
# the per-appeal generators: the run owns their lines and recomputes them in a replay.
RUN_GENERATORS = ("appraisal_rate", "platform_shortfall")


class HelpdeskDeductionRule(models.Model):
    _inherit = "helpdesk.deduction.rule"

    generator = fields.Selection(
        selection_add=[
            ("appraisal_rate", "Rate Below Its Threshold (Appraisal Run)"),
            ("platform_shortfall", "Platform Shortfall Passed On (Appraisal Run)"),
        ],
        ondelete={"appraisal_rate": "set null", "platform_shortfall": "set null"},
    )

    # The per-appeal sync calls every generator; these rules apply to a period, not to
    # an appeal, so they propose nothing there (helpdesk.appraisal.run writes them).
    def _propose_appraisal_rate(self, tickets):
        return []

    def _propose_platform_shortfall(self, tickets):
        return []

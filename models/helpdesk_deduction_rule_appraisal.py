from odoo import api, fields, models

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

    @api.model
    def _appeal_generator_domain(self):
        # These rules apply to a period, not to an appeal: the per-appeal sync leaves
        # them and their lines to helpdesk.appraisal.run.
        return super()._appeal_generator_domain() + [
            ("generator", "not in", RUN_GENERATORS)
        ]

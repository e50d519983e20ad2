from odoo import api, models


class ReportAppraisalPeriod(models.AbstractModel):
    """The appraisal of a period printed in the company's language (QWeb PDF through
    wkhtmltopdf): every card of the period the user may read."""

    _name = "report.helpdesk_utility_complaint.report_appraisal_period"
    _description = "Appraisal Report of a Period"

    @api.model
    def _packs(self, docids):
        periods = self.env["helpdesk.appraisal.period"].browse(docids)
        return self.env["helpdesk.appraisal.report"]._packs_for_periods(periods)

    @api.model
    def _get_report_values(self, docids, data=None):
        return {"packs": self._packs(docids), "doc_ids": docids}


class ReportAppraisalScorecard(models.AbstractModel):
    """The same document for a selection of cards, grouped by period and template."""

    _name = "report.helpdesk_utility_complaint.report_appraisal_scorecard"
    _inherit = "report.helpdesk_utility_complaint.report_appraisal_period"
    _description = "Appraisal Report of Selected Scorecards"

    @api.model
    def _packs(self, docids):
        cards = self.env["helpdesk.scorecard"].browse(docids)
        return self.env["helpdesk.appraisal.report"]._packs_for_cards(cards)

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class HelpdeskXlsxExportWizard(models.TransientModel):
    """Export a ledger list to XLSX: the records selected, or every record of the
    list's filter. Up to the configured size the file downloads at once; beyond it
    the export runs in the background and arrives as an attachment."""

    _name = "helpdesk.xlsx.export.wizard"
    _description = "Export a Ledger to XLSX"

    report_id = fields.Many2one("ir.actions.report", required=True, readonly=True)
    res_model = fields.Char(related="report_id.model", string="Exported Model")
    selected_ids = fields.Json(string="Selected Records", readonly=True)
    filter_domain = fields.Json(readonly=True)
    scope = fields.Selection(
        [("selection", "Selected Records"), ("filter", "Every Record of the Filter")],
        required=True,
        default="selection",
    )
    selected_count = fields.Integer(compute="_compute_counts")
    filter_count = fields.Integer(compute="_compute_counts")
    row_count = fields.Integer(string="Rows", compute="_compute_counts")
    background = fields.Boolean(
        compute="_compute_counts",
        help="Larger than the configured size: it runs in the background.",
    )

    @api.depends("selected_ids", "filter_domain", "scope", "report_id")
    def _compute_counts(self):
        threshold = self.env["helpdesk.xlsx.export"]._background_threshold()
        for wizard in self:
            model = self.env[wizard.report_id.model or "helpdesk.ticket"]
            wizard.selected_count = len(wizard.selected_ids or [])
            wizard.filter_count = model.search_count(Domain(wizard.filter_domain or []))
            wizard.row_count = model.search_count(wizard._domain())
            wizard.background = wizard.row_count > threshold

    def _domain(self):
        self.ensure_one()
        if self.scope == "filter":
            return Domain(self.filter_domain or [])
        return Domain("id", "in", self.selected_ids or [])

    @api.model
    def _open_for(self, report_xmlid):
        """The dialog for the list the user is on (active ids and domain)."""
        report = self.env.ref(report_xmlid)
        context = self.env.context
        selected = context.get("active_ids") or []
        domain = context.get("active_domain") or []
        total = self.env[report.model].search_count(Domain(domain))
        wizard = self.create(
            {
                "report_id": report.id,
                "selected_ids": selected,
                "filter_domain": domain,
                # Selecting the whole list (or the first page of a small one) means the
                # whole filter; the web client caps active_ids anyway.
                "scope": "filter" if len(selected) >= total else "selection",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Export %(report)s", report=report.name),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_export(self):
        self.ensure_one()
        if not self.row_count:
            raise UserError(self.env._("There is nothing to export."))
        domain = list(self._domain())
        if self.background:
            export = self.env["helpdesk.xlsx.export"]._queue(
                self.report_id, domain, self.row_count
            )
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "title": self.env._("Export running in the background"),
                    "message": self.env._(
                        "%(name)s: you will get a message with the file.",
                        name=export.name,
                    ),
                },
            }
        action = self.report_id.report_action(None, data={"domain": domain})
        action["context"] = {}
        return action

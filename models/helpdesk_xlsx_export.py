import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_config_settings_report import EXPORT_ROWS_PARAM

_logger = logging.getLogger(__name__)


class HelpdeskXlsxExport(models.Model):
    """A big XLSX export that runs in the background (an ``ir.cron`` job triggered at
    once), as the user who asked for it, and arrives as an attachment with a message.

    The cron takes one export per run of its loop and reports its progress through
    ``ir.cron._commit_progress``; the rows written so far show on the export.
    """

    _name = "helpdesk.xlsx.export"
    _description = "Background XLSX Export"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    report_id = fields.Many2one(
        "ir.actions.report", required=True, readonly=True, ondelete="cascade"
    )
    domain = fields.Json(readonly=True)
    company_ids = fields.Many2many(
        "res.company",
        "helpdesk_xlsx_export_company_rel",
        "export_id",
        "company_id",
        string="Companies Exported",
        readonly=True,
        help="The companies selected when the export was asked for.",
    )
    lang = fields.Char(string="Language", readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    rows_done = fields.Integer(string="Rows Written", readonly=True)
    progress = fields.Float(compute="_compute_progress")
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Ready"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True)
    error = fields.Text(readonly=True)
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)

    @api.depends("rows_done", "row_count", "state")
    def _compute_progress(self):
        for export in self:
            if export.state == "done":
                export.progress = 100.0
            elif export.row_count:
                export.progress = min(100.0 * export.rows_done / export.row_count, 99.0)
            else:
                export.progress = 0.0

    @api.model
    def _background_threshold(self):
        """Rows above which an export runs in the background (configuration)."""
        value = self.env["ir.config_parameter"].sudo().get_param(EXPORT_ROWS_PARAM)
        return int(value or 20000)

    @api.model
    def _queue(self, report, domain, row_count):
        """Queue an export of ``report`` over ``domain`` for the current user."""
        export = self.create(
            {
                "name": self.env._(
                    "%(report)s (%(count)s rows)", report=report.name, count=row_count
                ),
                "report_id": report.id,
                "domain": list(domain),
                "row_count": row_count,
                "company_ids": self.env.companies.ids,
                "lang": self.env.lang,
            }
        )
        self.env.ref("helpdesk_utility_complaint.ir_cron_xlsx_export")._trigger()
        return export

    @api.model
    def _cron_run(self):
        """Write the queued exports, oldest first."""
        exports = self.sudo().search([("state", "=", "queued")], order="id")
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        if in_cron:
            self.env["ir.cron"]._commit_progress(remaining=len(exports))
        for export in exports:
            export.write({"state": "running", "started_at": fields.Datetime.now()})
            if in_cron:
                self.env["ir.cron"]._commit_progress()
                try:
                    export._run()
                except Exception as error:  # noqa: BLE001 - any failure is reported
                    self.env.cr.rollback()
                    export._fail(error)
                self.env["ir.cron"]._commit_progress(1)
            else:
                try:
                    with self.env.cr.savepoint():
                        export._run()
                except (UserError, ValueError) as error:
                    export._fail(error)

    def _run(self):
        """Render the report as its user, with the companies and language they had;
        the message to them is in that language too."""
        self.ensure_one()
        env = self.env(
            user=self.user_id,
            su=False,
            context=dict(
                self.env.context,
                lang=self.lang or self.user_id.lang,
                tz=self.user_id.tz,
                allowed_company_ids=self.company_ids.ids or self.company_id.ids,
            ),
        )
        content, _format = env["ir.actions.report"]._render_xlsx(
            self.report_id.report_name,
            None,
            {"domain": self.domain, "export_id": self.id},
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.report_id.name}.xlsx",
                    "datas": base64.b64encode(content),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                }
            )
        )
        self.write(
            {
                "state": "done",
                "attachment_id": attachment.id,
                "finished_at": fields.Datetime.now(),
            }
        )
        texts = self._user_texts()
        self.message_post(
            body=texts._("Your export %(name)s is ready.", name=self.name),
            partner_ids=self.user_id.partner_id.ids,
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_comment",
        )
        self.user_id._bus_send(
            "simple_notification",
            {
                "type": "success",
                "title": texts._("Export ready"),
                "message": texts._(
                    "%(name)s is attached to your message.", name=self.name
                ),
            },
        )

    def _fail(self, error):
        _logger.warning("XLSX export %s failed: %s", self.id, error)
        self.write(
            {
                "state": "failed",
                "error": str(error),
                "finished_at": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self._user_texts()._(
                "Your export %(name)s failed: %(error)s", name=self.name, error=error
            ),
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )

    def _user_texts(self):
        """An environment speaking the language of whoever asked for the export."""
        return self.with_context(lang=self.lang or self.user_id.lang).env

    def _set_progress(self, rows_done):
        """Rows written so far; inside the cron, committed so the user sees them."""
        self.write({"rows_done": rows_done})
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._commit_progress()

    def action_download(self):
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("The export is not ready yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """The appeal's archive: the retention rule it falls under, until when it is kept,
    its paper file (R003-09)."""

    _inherit = "helpdesk.ticket"

    archive_retention_id = fields.Many2one(
        "helpdesk.archive.retention",
        string="Archive Rule",
        compute="_compute_archive_retention_id",
        store=True,
        index="btree_not_null",
    )
    retain_until = fields.Date(
        string="Kept Until",
        compute="_compute_archive_dates",
        store=True,
        help="The electronic archive is kept until this day: it cannot be archived or "
        "deleted before (R003-09).",
    )
    paper_filing_due = fields.Date(
        string="Paper File Due", compute="_compute_archive_dates", store=True
    )
    paper_filed_on = fields.Date(
        string="Paper File Filed On", tracking=True, copy=False
    )
    paper_retain_until = fields.Date(
        string="Paper File Kept Until", compute="_compute_archive_dates", store=True
    )

    @api.depends("nature_id", "category_id")
    def _compute_archive_retention_id(self):
        for ticket in self:
            rules = ticket.company_id.complaint_preset_id.archive_retention_ids
            ticket.archive_retention_id = rules.filtered(
                lambda rule, ticket=ticket: rule._matches(ticket)
            )[:1]

    @api.depends("archive_retention_id", "closed_date", "paper_filed_on")
    def _compute_archive_dates(self):
        for ticket in self:
            rule = ticket.archive_retention_id
            closed = ticket.company_id._complaint_local_date(ticket.closed_date)
            if not rule or not closed:
                ticket.retain_until = ticket.paper_filing_due = False
            else:
                ticket.retain_until = closed + relativedelta(
                    years=rule.electronic_years
                )
                ticket.paper_filing_due = (
                    closed + relativedelta(days=rule.filing_days)
                    if rule.filing_days
                    else False
                )
            ticket.paper_retain_until = (
                ticket.paper_filed_on + relativedelta(years=rule.paper_years)
                if rule.paper_years and ticket.paper_filed_on
                else False
            )

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self._check_retention(self.env._("archived"))
        return super().write(vals)

    def unlink(self):
        self._check_retention(self.env._("deleted"))
        return super().unlink()

    def _check_retention(self, what):
        """R003-09: an appeal under a retention rule stays until its period ran out;
        one not closed yet has not even started it."""
        today = fields.Date.context_today(self)
        for ticket in self.sudo().filtered("archive_retention_id"):
            rule = ticket.archive_retention_id
            if not ticket.retain_until:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s cannot be %(what)s: it is not closed, and "
                        "%(rule)s keeps it %(years)s years after closing (R003-09).",
                        number=ticket.number,
                        what=what,
                        rule=rule.name,
                        years=rule.electronic_years,
                    )
                )
            if ticket.retain_until > today:
                raise UserError(
                    self.env._(
                        "Appeal %(number)s cannot be %(what)s before %(day)s: %(rule)s "
                        "keeps it %(years)s years after closing (R003-09).",
                        number=ticket.number,
                        what=what,
                        day=ticket.retain_until,
                        rule=rule.name,
                        years=rule.electronic_years,
                    )
                )

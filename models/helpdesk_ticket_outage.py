from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """The outage, water-quality incident or hydrant operation an appeal is about
    (R002-23, R002-26 to R002-36)."""

    _inherit = "helpdesk.ticket"

    outage_id = fields.Many2one(
        "helpdesk.outage",
        string="Outage / Incident",
        tracking=True,
        index="btree_not_null",
        copy=False,
        ondelete="set null",
        domain="[('company_id', '=', company_id)]",
        help="The outage, water-quality incident or hydrant operation the appeal is "
        "about.",
    )
    outage_notice_info = fields.Char(
        string="Outage Notice",
        compute="_compute_outage_notice_info",
        help="Shown on the appeal when its planned outage was notified in time "
        "(R002-27).",
    )

    @api.depends(
        "outage_id.kind",
        "outage_id.state",
        "outage_id.csc_notified_at",
        "outage_id.start_at",
        "outage_id.expected_restoration_at",
        "outage_id.notice_breached",
    )
    @api.depends_context("uid", "tz")
    def _compute_outage_notice_info(self):
        """R002-27: a planned outage notified at least the required hours ahead is shown
        on
        its appeals, so whoever answers the customer sees it was announced."""
        for ticket in self:
            outage = ticket.outage_id.sudo()
            if (
                outage.kind == "planned"
                and outage.state != "cancelled"
                and outage.csc_notified_at
                and outage.start_at
                and not outage.notice_breached
            ):
                ticket.outage_notice_info = self.env._(
                    "Planned outage notified on %(notified)s from %(start)s to %(end)s",
                    notified=outage._format_time(outage.csc_notified_at),
                    start=outage._format_time(outage.start_at),
                    end=outage._format_time(outage.expected_restoration_at) or "?",
                )
            else:
                ticket.outage_notice_info = False

    @api.constrains("outage_id", "company_id")
    def _check_outage_company(self):
        for ticket in self:
            if (
                ticket.outage_id
                and ticket.outage_id.sudo().company_id != ticket.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "Appeal %(number)s and outage %(outage)s belong to different "
                        "companies.",
                        number=ticket.number,
                        outage=ticket.outage_id.sudo().name,
                    )
                )

    def _report_major_emergency_links(self):
        """R002-26: appeals of a major-emergency category newly linked to an
        incident."""
        tickets = self.filtered(
            lambda ticket: ticket.outage_id and ticket.category_id.is_major_emergency
        )
        for outage in tickets.outage_id:
            outage._report_major_emergency(
                tickets.filtered(
                    lambda ticket, outage=outage: ticket.outage_id == outage
                )
            )

    def action_create_outage(self):
        """Register the outage or water-quality incident this appeal reports and link
        it."""
        self.ensure_one()
        if self.outage_id:
            raise ValidationError(
                self.env._(
                    "Appeal %(number)s is already linked to %(outage)s.",
                    number=self.number,
                    outage=self.outage_id.name,
                )
            )
        category = self.category_id
        if category.is_water_quality:
            kind = "water_quality"
        elif category.is_planned_outage:
            kind = "planned"
        else:
            kind = "unplanned"
        outage = self.env["helpdesk.outage"].create(
            {
                "kind": kind,
                "company_id": self.company_id.id,
                "reason": self.name,
                "department_id": self.department_id.id,
                "start_at": self.occurred_at if kind == "unplanned" else False,
            }
        )
        self.outage_id = outage
        return outage._get_form_action()

    def _outage_links_before_write(self, vals):
        """(outage, major emergency) of each appeal before a write that can change
        them."""
        if "outage_id" not in vals and "category_id" not in vals:
            return None
        return {
            ticket.id: (ticket.outage_id, ticket.category_id.is_major_emergency)
            for ticket in self
        }

    def _outage_links_after_write(self, links_before):
        """Reported once per link: a new incident, or a linked appeal reclassified as
        major (R002-26)."""
        if links_before is None:
            return
        self.filtered(
            lambda ticket: links_before[ticket.id] != (ticket.outage_id, True)
        )._report_major_emergency_links()

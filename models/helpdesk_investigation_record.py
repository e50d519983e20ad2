from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..groups import APPRAISAL


class HelpdeskInvestigationRecord(models.Model):
    """HR's record of one step of its investigation of an appeal: whom it heard, where,
    what the course of events and the cause were, with the evidence (R000-43)."""

    _name = "helpdesk.investigation.record"
    _description = "Investigation Record"
    _inherit = ["mail.thread"]
    _order = "investigated_at desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Appeal", required=True, index=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    investigated_at = fields.Datetime(
        string="Held At", required=True, default=fields.Datetime.now
    )
    investigator_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
    )
    place = fields.Char()
    # The public card: HR's appraisal officers need not be Employees officers.
    employee_ids = fields.Many2many(
        "hr.employee.public",
        "helpdesk_investigation_record_employee_rel",
        "record_id",
        "employee_id",
        string="Staff Heard",
    )
    others_heard = fields.Char(help="The customer, witnesses, contractors ...")
    course_of_events = fields.Text(string="Course of Events", required=True)
    cause = fields.Text()
    conclusion = fields.Text(help="What this step established.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_investigation_record_attachment_rel",
        string="Evidence",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su or self.env.user.has_group(APPRAISAL)):
            raise AccessError(
                self.env._("HR's appraisal officers keep the investigation records.")
            )
        records = super().create(vals_list)
        for record in records:
            record.ticket_id.message_post(
                body=self.env._(
                    "Investigation record of %(when)s added by %(user)s.",
                    when=record.company_id._complaint_format_datetime(
                        record.investigated_at
                    ),
                    user=record.investigator_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return records

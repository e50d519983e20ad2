from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import APPRAISAL, OFFICE


class HelpdeskUnitRecordMixin(models.AbstractModel):
    """What the records a unit keeps for its appraisal share (seed 003: its policy,
    trainings, channel failures, special tasks): the company and the appraised unit;
    a unit's members enter their own unit's records, the response office and HR any
    unit's; evidence is cancelled with a reason, never deleted; a record dated in a
    locked month cannot be added or changed (C-09).

    Each model names its states (one of them ``cancelled``) and, in
    ``_unit_date_fields``, the dates that put it in a month.
    """

    _name = "helpdesk.unit.record.mixin"
    _description = "Record Kept by a Unit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True
    _unit_date_fields = ()

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self._default_unit(),
        help="The appraised unit the record counts for.",
    )
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)

    @api.model
    def _default_unit(self):
        """The top unit of the user's department: the appraised one."""
        department = self.env.user.employee_id.department_id
        while department.parent_id:
            department = department.parent_id
        return department

    @api.model_create_multi
    def create(self, vals_list):
        # Said clearly before the record rules refuse it.
        self._check_unit_member(
            self.env["hr.department"].browse(
                [
                    vals["department_id"]
                    for vals in vals_list
                    if vals.get("department_id")
                ]
            )
        )
        records = super().create(vals_list)
        records._check_months_open()
        records._link_attachments()
        return records

    def write(self, vals):
        self._check_months_open()
        if vals.get("department_id"):
            self._check_unit_member(self.department_id)
            self._check_unit_member(self.department_id.browse(vals["department_id"]))
        result = super().write(vals)
        self._check_months_open()
        self._link_attachments()
        return result

    # Before the access check, so the user reads why (an ondelete hook comes after
    # the generic "not allowed to delete").
    def unlink(self):  # pylint: disable=method-required-super
        raise UserError(  # pylint: disable=no-raise-unlink
            self.env._(
                "%(records)s count in the appraisal: cancel them with a reason "
                "instead of deleting them.",
                records=", ".join(self.mapped("display_name")),
            )
        )

    def _link_attachments(self):
        """Files uploaded into the record's evidence belong to it: whoever reads the
        record (HR, the office) reads them too."""
        names = [
            name
            for name, field in self._fields.items()
            if field.type == "many2many" and field.comodel_name == "ir.attachment"
        ]
        for record in self.sudo():
            files = record.env["ir.attachment"].union(*(record[name] for name in names))
            files.filtered(lambda file: not file.res_id).write(
                {"res_model": record._name, "res_id": record.id}
            )

    def _is_desk_user(self):
        """The response office and HR keep records for any unit."""
        user = self.env.user
        return self.env.su or user.has_group(OFFICE) or user.has_group(APPRAISAL)

    def _check_unit_member(self, units=None):
        """A unit's members (and its head) keep their own unit's records: those of
        ``units``, or of these records."""
        if self._is_desk_user():
            return
        user = self.env.user
        own = user.employee_ids.department_id
        own |= own.parent_id
        for unit in self.department_id if units is None else units:
            if unit not in own and unit.manager_id.user_id != user:
                raise AccessError(
                    self.env._(
                        "You keep the records of your own unit only, not of %(unit)s.",
                        unit=unit.name,
                    )
                )

    def _check_months_open(self):
        """C-09: what counted in a locked month stays as it was."""
        for record in self:
            record._check_days_open(record[name] for name in self._unit_date_fields)

    def _check_days_open(self, days):
        """Refused if a day (or time) of ``days`` is in a locked month."""
        self.ensure_one()
        company = self.company_id
        Period = self.env["helpdesk.appraisal.period"].sudo()
        for day in filter(None, days):
            if not isinstance(day, date) or isinstance(day, datetime):
                day = company._complaint_local_date(fields.Datetime.to_datetime(day))
            Period.search(
                [
                    ("company_id", "=", company.id),
                    ("period_type", "=", "month"),
                    ("date_start", "<=", day),
                    ("date_end", ">=", day),
                    ("state", "=", "locked"),
                ]
            )._check_open()

    def _check_state(self, *states):
        for record in self:
            if record.state not in states:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: this step is not possible now.",
                        record=record.display_name,
                        state=dict(
                            record._fields["state"]._description_selection(self.env)
                        )[record.state],
                    )
                )

    def _check_desk(self, action):
        if not self._is_desk_user():
            raise AccessError(
                self.env._(
                    "Only the response office and HR's appraisal officers %(action)s.",
                    action=action,
                )
            )

    def action_open_cancel(self):
        return self.env["helpdesk.people.cancel"]._open(self)

    def _check_cancel_access(self):
        self.check_access("write")

    def _cancel(self, reason):
        """Cancelled with its reason: it no longer counts, and stays on record."""
        self._check_state(*self._cancellable_states())
        self.write({"state": "cancelled", "cancel_reason": reason})

    def _cancellable_states(self):
        return [
            state
            for state, _label in self._fields["state"].selection
            if state != "cancelled"
        ]

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_ticket_workflow import ENDED_STATES


class HelpdeskTicket(models.Model):
    """The hotline's field handling inside a unit (seed 002): dispatch to the person on
    duty (R002-05), re-assignment inside the unit (R002-07), a new arrival time agreed
    by phone (R002-09), site records (R002-10, R002-11) and first-contact
    responsibility with co-handling units (R002-12)."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # R002-05: duty roster
    # ------------------------------------------------------------------

    def _duty_roster_applies(self):
        self.ensure_one()
        return self.company_id.complaint_preset_id.duty_roster_dispatch

    def _department_step_owner(self):
        """Until someone takes the appeal, it goes to the unit's person on duty."""
        if not self.handler_employee_id and self._duty_roster_applies():
            shifts = self.env["helpdesk.duty.shift"]._on_duty(
                self.department_id, fields.Datetime.now()
            )
            if shifts.user_id:
                return shifts.user_id
        return super()._department_step_owner()

    def action_dispatch(self):
        result = super().action_dispatch()
        now = fields.Datetime.now()
        for ticket in self.filtered(lambda t: t._duty_roster_applies()):
            if ticket.env["helpdesk.duty.shift"]._on_duty(ticket.department_id, now):
                continue
            alert = self.env._(
                "Nobody is on duty at %(unit)s at %(time)s: make sure appeal "
                "%(number)s is accepted (R002-05).",
                unit=ticket.department_id.name,
                time=ticket.company_id._complaint_format_datetime(now),
                number=ticket.number,
            )
            ticket.message_post(body=alert, subtype_xmlid="mail.mt_note")
            ticket._hand_to(
                ticket._office_users(),
                self.env._(
                    "No one on duty at %(unit)s", unit=ticket.department_id.name
                ),
                alert,
            )
        return result

    # ------------------------------------------------------------------
    # R002-07: re-assignment inside the unit
    # ------------------------------------------------------------------

    def action_open_reassign(self):
        self._check_state("accepted", "on_hold")
        self._check_department_member(self.env._("re-assign this appeal"))
        return self._open_wizard(
            "helpdesk.ticket.reassign.wizard", self.env._("Re-assign Within the Unit")
        )

    def _reassign_within_unit(self, section, employee, note):
        """The unit passes the appeal to one of its sections or people: its own
        business, so no state, event or clock changes and the office does nothing."""
        self.ensure_one()
        self._check_state("accepted", "on_hold")
        self._check_department_member(self.env._("re-assign this appeal"))
        if not (section or employee):
            raise UserError(self.env._("Choose the section or the person to take it."))
        # hr.employee's work fields are HR's; the unit reads who belongs where.
        employee_sudo = employee.sudo()
        if employee and not section:
            section = employee_sudo.department_id - self.department_id
        values = {"section_id": section.id}
        if employee:
            values["handler_employee_id"] = employee.id
        elif self.handler_employee_id.sudo().department_id != section:
            values["handler_employee_id"] = False
        self.with_context(appeal_workflow=True).write(values)
        self.message_post(
            body=self.env._(
                "Re-assigned within %(unit)s to %(whom)s: %(note)s",
                unit=self.department_id.name,
                whom=(employee or section).name,
                note=note or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._close_step_activities()
        users = employee_sudo.user_id or section.sudo().manager_id.user_id
        self._hand_to(
            users or self._department_step_owner(),
            self.env._("Handle appeal %(number)s", number=self.number),
            note,
        )

    # ------------------------------------------------------------------
    # R002-09: can't get there in time
    # ------------------------------------------------------------------

    def _arrival_line(self):
        """The running deadline that arrival on site stops."""
        self.ensure_one()
        return self.deadline_ids.filtered(
            lambda line: (
                "arrival" in line.milestone_id.stop_event_ids.mapped("code")
                and not line.reached_at
                and line.status in ("running", "paused", "breached")
            )
        )[:1]

    def action_open_arrival_reschedule(self):
        self._check_state("accepted", "on_hold")
        self._check_department_member(self.env._("agree a new arrival time"))
        if not self.sudo()._arrival_line():
            raise UserError(
                self.env._(
                    "Appeal %(number)s has no on-site deadline running.",
                    number=self.number,
                )
            )
        return self._open_wizard(
            "helpdesk.ticket.arrival.wizard", self.env._("New Arrival Time")
        )

    def _reschedule_arrival(self, called_at, reason, new_arrival_at):
        """R002-09: within the on-site limit the handler phones the customer and agrees
        a new arrival time, which becomes the on-site deadline."""
        self.ensure_one()
        self._check_state("accepted", "on_hold")
        self._check_department_member(self.env._("agree a new arrival time"))
        if not (reason or "").strip() or not called_at or not new_arrival_at:
            raise UserError(
                self.env._(
                    "Give the time of the call, why the site cannot be reached in "
                    "time and the arrival time agreed (R002-09)."
                )
            )
        line = self.sudo()._arrival_line()
        if not line:
            raise UserError(
                self.env._(
                    "Appeal %(number)s has no on-site deadline running.",
                    number=self.number,
                )
            )
        company = self.company_id
        if called_at > fields.Datetime.now():
            raise ValidationError(self.env._("The call cannot be in the future."))
        if called_at < line.start_at:
            raise ValidationError(
                self.env._("The call must be made after the appeal was accepted.")
            )
        if called_at > line.deadline:
            raise ValidationError(
                self.env._(
                    "The customer must be phoned by the on-site deadline %(deadline)s; "
                    "a call at %(call)s is too late to agree a new time (R002-09).",
                    deadline=company._complaint_format_datetime(line.deadline),
                    call=company._complaint_format_datetime(called_at),
                )
            )
        if new_arrival_at <= called_at:
            raise ValidationError(
                self.env._("The agreed arrival time must be after the call.")
            )
        agreed = company._complaint_format_datetime(new_arrival_at)
        self._record_event(
            "arrival_rescheduled",
            when=called_at,
            contact_method="phone",
            department_id=self.department_id.id,
            note=self.env._(
                "%(reason)s — arrival agreed for %(time)s", reason=reason, time=agreed
            ),
        )
        # The customer agreed the time: the request is approved as it is made.
        extension = (
            self.env["helpdesk.sla.extension"]
            .sudo()
            .create(
                {
                    "line_id": line.id,
                    "reason": reason,
                    "new_deadline": new_arrival_at,
                    "requested_by_id": self.env.uid,
                }
            )
        )
        extension._decide("approved")
        return extension

    # ------------------------------------------------------------------
    # R002-10, R002-11: site records logged by hand
    # ------------------------------------------------------------------

    def _loggable_event_types(self):
        """Besides the policy's events, the records the preset always asks for."""
        event_types = super()._loggable_event_types()
        preset = self.company_id.complaint_preset_id
        if self.state in ENDED_STATES or not preset:
            return event_types
        records = (
            self.env["helpdesk.sla.event"]
            .search([("manual_log", "=", True), ("log_preset_ids", "in", preset.ids)])
            ._loggable_by(self.env.user)
            .filtered(
                lambda event: (
                    not event._log_state_list() or self.state in event._log_state_list()
                )
            )
        )
        if not self._is_handling_department_user():
            records = records.filtered(lambda event: not event.log_handling_department)
        return event_types | records

    def _log_event(self, event_type, when=None, reason=None, **details):
        if event_type.log_note_required and not (details.get("note") or "").strip():
            raise UserError(
                self.env._(
                    "“%(event)s” needs a short note of what was said or done.",
                    event=event_type.name,
                )
            )
        return super()._log_event(event_type, when=when, reason=reason, **details)

    # ------------------------------------------------------------------
    # R002-12: first-contact responsibility
    # ------------------------------------------------------------------

    def action_open_co_handling(self):
        self._check_state("dispatched", "accepted", "on_hold")
        self._check_department_member(self.env._("ask another unit for help"))
        return self._open_wizard(
            "helpdesk.ticket.co.handling.wizard", self.env._("Ask a Unit to Help")
        )

    def _add_co_handling(self, departments, note):
        """The first unit keeps the appeal and brings in the units it needs."""
        self.ensure_one()
        self._check_state("dispatched", "accepted", "on_hold")
        self._check_department_member(self.env._("ask another unit for help"))
        departments -= self.department_id | self.co_department_ids
        if not departments:
            raise UserError(self.env._("Choose a unit that is not already on it."))
        if not (note or "").strip():
            raise UserError(self.env._("Say what the unit is asked to do."))
        self.sudo().with_context(appeal_workflow=True).co_department_ids = [
            (4, department.id) for department in departments
        ]
        for department in departments:
            self._hand_to(
                department.complaint_handler_id or department.manager_id.user_id,
                self.env._(
                    "Cooperate on appeal %(number)s (lead: %(lead)s)",
                    number=self.number,
                    lead=self.department_id.name,
                ),
                note,
            )
        self.message_post(
            body=self.env._(
                "%(lead)s keeps the appeal and asked %(units)s to help: %(note)s",
                lead=self.department_id.name,
                units=", ".join(departments.mapped("name")),
                note=note,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _hand_back(self, reason, suggested_department):
        """A unit that needs another's help keeps the appeal (R002-12): it cannot
        hand it back to go to a unit already helping on it."""
        for ticket in self:
            if suggested_department in ticket.co_department_ids:
                raise UserError(
                    self.env._(
                        "%(unit)s is already helping on appeal %(number)s: the first "
                        "unit keeps it and coordinates until it is solved (R002-12).",
                        unit=suggested_department.name,
                        number=ticket.number,
                    )
                )
        return super()._hand_back(reason, suggested_department)

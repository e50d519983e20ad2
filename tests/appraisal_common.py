from datetime import date, datetime, timedelta

from odoo import fields

from .common import ComplaintCase


class AppraisalCase(ComplaintCase):
    """A company on a preset with its response office and HR, and helpers that put
    appeals, callbacks and ledger lines into an appraisal period.

    Periods are in 2025, away from the demo history.
    """

    preset_xmlid = "helpdesk_utility_complaint.preset_water_company"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.hr = Department.create({"name": "HR Department"})
        cls.env["hr.employee"].create(
            {
                "name": "hr_officer",
                "user_id": cls.hr_officer.id,
                "department_id": cls.hr.id,
            }
        )
        cls.preset = cls.env.ref(cls.preset_xmlid)
        cls.company.write(
            {
                "complaint_preset_id": cls.preset.id,
                "complaint_office_department_id": cls.office_department.id,
                "complaint_hr_department_id": cls.hr.id,
            }
        )
        cls.Period = cls.env["helpdesk.appraisal.period"]
        cls.Run = cls.env["helpdesk.appraisal.run"]
        cls.Card = cls.env["helpdesk.scorecard"]
        cls.Line = cls.env["helpdesk.deduction.line"]
        cls.banyang = cls.env.ref("helpdesk_utility_complaint.channel_banyang")
        cls.march = cls.month(2025, 3)
        cls._customers = 0

    @classmethod
    def month(cls, year, month):
        return cls.Period._for_period(cls.company, "month", date(year, month, 1))

    @classmethod
    def rule(cls, code, preset=None):
        return cls.env["helpdesk.deduction.rule"].search(
            [("preset_id", "=", (preset or cls.preset).id), ("code", "=", code)]
        )

    @classmethod
    def template(cls, period_type="month"):
        return cls.Period._default_template(cls.company, period_type)

    @classmethod
    def ledger_line(
        cls, department, code, points, period=None, state="confirmed", ticket=None
    ):
        """A ledger line as a finding or a generator leaves it, confirmed into a
        month."""
        period = period or cls.march
        rule = cls.rule(code)
        return cls.Line.sudo().create(
            {
                "company_id": cls.company.id,
                "ticket_id": ticket.id if ticket else False,
                "rule_id": rule.id,
                "party": "responsible_department",
                "department_id": department.id,
                "base_points": points,
                "state": state,
                "period_id": period.id if state == "confirmed" else False,
                "confirmed_at": fields.Datetime.now()
                if state == "confirmed"
                else False,
                "reason": "Test line",
            }
        )

    @classmethod
    def appeals(cls, department, results, when=None, **values):
        """Appeals of ``department`` replied at ``when`` (a naive UTC datetime in the
        period) and rated one of ``results`` each (None: no callback result)."""
        when = when or datetime(2025, 3, 10, 2, 0)
        vals_list = []
        for _result in results:
            cls._customers += 1
            vals_list.append(
                {
                    "name": "Appeal for the appraisal",
                    "description": "<p>Appraisal test.</p>",
                    "channel_id": values.get("channel_id", cls.phone.id),
                    "nature_id": values.get("nature_id", cls.complaint.id),
                    "category_id": cls.low_pressure.id,
                    "partner_name": "李女士",
                    "complainant_phone": f"1380000{cls._customers:04d}",
                    "complainant_address": f"人民路{cls._customers}号",
                    "department_id": department.id,
                    "received_at": values.get("received_at", when),
                    "registered_at": values.get("received_at", when),
                    "occurred_at": values.get("received_at", when),
                }
            )
            if values.get("channel_id") == cls.banyang.id:
                vals_list[-1].update(
                    platform_reference=f"BY{cls._customers}",
                    platform_deadline=when + timedelta(days=10),
                )
        tickets = (
            cls.env["helpdesk.ticket"].with_user(cls.office_user).create(vals_list)
        )
        tickets.sudo().write({"replied_at": when})
        callbacks = [
            {
                "ticket_id": ticket.id,
                "called_at": when,
                "reached": True,
                "result": result,
                "comment": "Rated on the phone.",
            }
            for ticket, result in zip(tickets, results, strict=True)
            if result
        ]
        cls.env["helpdesk.ticket.callback"].sudo().create(callbacks)
        unsatisfied = tickets.filtered(
            lambda ticket: ticket.satisfaction == "unsatisfied"
        )
        unsatisfied.sudo().write({"unsatisfied_at": when})
        return tickets

    @classmethod
    def clear(cls, tickets, when):
        """An unsatisfied appeal redone and rated satisfied at ``when`` (R000-51)."""
        cls.env["helpdesk.ticket.callback"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "called_at": when,
                    "reached": True,
                    "result": "satisfied",
                }
                for ticket in tickets
            ]
        )
        tickets.sudo().write({"cleared_at": when})

    def compute(self, period=None, template=None, user=None, **options):
        period = period or self.march
        template = template or self.template(period.period_type)
        return self.Run.with_user(user or self.hr_officer)._start(
            period, template, **options
        )

    def card(self, department, period=None, template=None):
        period = period or self.march
        return self.Card.search(
            [
                ("period_id", "=", period.id),
                (
                    "template_id",
                    "=",
                    (template or self.template(period.period_type)).id,
                ),
                ("department_id", "=", department.id),
            ]
        )

    def cell(self, department, code, period=None, template=None):
        return self.card(department, period, template).line_ids.filtered(
            lambda line: line.code == code
        )

    def drill(self, line, role, user=None):
        """The records a cell opens, as the user who clicks it sees them."""
        action = getattr(
            line.with_user(user or self.hr_officer), f"action_open_{role}"
        )()
        return (
            self.env[action["res_model"]]
            .with_user(user or self.hr_officer)
            .search(action["domain"])
        )

import base64
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from .appraisal_common import AppraisalCase


class HeatingCase(AppraisalCase):
    """A company on the heating preset (seed 003), and helpers that enter the records
    its units keep: a policy, trainings, channel failures."""

    preset_xmlid = "helpdesk_utility_complaint.preset_heating"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.heating_temperature = cls.env.ref(
            "helpdesk_utility_complaint.cat_heating_temperature"
        )
        cls.heating_pipe = cls.env.ref("helpdesk_utility_complaint.cat_heating_pipe")
        cls.heating_question = cls.env.ref(
            "helpdesk_utility_complaint.cat_heating_policy"
        )

    @classmethod
    def attachment(cls, name, user=None):
        """A file uploaded by ``user``, as the form's upload widget leaves it."""
        return (
            cls.env["ir.attachment"]
            .with_user(user or cls.hr_officer)
            .create({"name": name, "datas": base64.b64encode(name.encode())})
        )

    @classmethod
    def policy(cls, department, since=date(2024, 12, 1), elements=4, user=None):
        """A policy put in force on ``since`` covering the first ``elements`` of its
        four elements (R003-05)."""
        names = [
            "has_classification",
            "has_authority_tiers",
            "has_escalation",
            "has_archive_rules",
        ]
        user = user or cls.hr_officer
        policy = (
            cls.env["helpdesk.unit.policy"]
            .with_user(user)
            .create(
                {
                    "name": f"{department.name} petition rules",
                    "department_id": department.id,
                    "attachment_ids": [(4, cls.attachment("policy.pdf", user).id)],
                    **{name: index < elements for index, name in enumerate(names)},
                }
            )
        )
        policy.action_submit()
        with freeze_time(since):
            policy.with_user(cls.hr_officer).action_put_in_force()
        return policy

    @classmethod
    def training(cls, department, day, evidence=("sign_in", "slides", "photo")):
        """A training held on ``day`` with the given kinds of evidence (R003-13)."""
        vals = {
            "name": "Calming an angry customer",
            "department_id": department.id,
            "date": day,
        }
        for kind in evidence:
            vals[f"{kind}_attachment_ids"] = [(4, cls.attachment(f"{kind}.jpg").id)]
        training = (
            cls.env["helpdesk.unit.training"].with_user(cls.hr_officer).create(vals)
        )
        training.action_record()
        return training

    @classmethod
    def keep_records(cls, department, year=2025):
        """A unit that keeps its records: a complete policy in force and a complete
        training in every quarter of ``year``."""
        cls.policy(department, since=date(year - 1, 12, 1))
        for month in (1, 4, 7, 10):
            cls.training(department, date(year, month, 10))

    @classmethod
    def failure(cls, department, start, backup_after=None, restored_after=None):
        """A channel failure at ``start`` (naive UTC), its backup and restoration so
        many minutes later (R003-15)."""

        def later(minutes):
            return start + timedelta(minutes=minutes) if minutes is not None else False

        return (
            cls.env["helpdesk.channel.failure"]
            .with_user(cls.office_user)
            .create(
                {
                    "department_id": department.id,
                    "channel_id": cls.phone.id,
                    "started_at": start,
                    "backup_started_at": later(backup_after),
                    "ended_at": later(restored_after),
                }
            )
        )

    def heating_appeal(self, department, when, **values):
        """An appeal of ``department`` received and entered at ``when``, of the
        category's nature."""
        vals = {
            "nature_id": None,
            "category_id": self.heating_temperature.id,
            "department_id": department.id,
            "received_at": when,
            "registered_at": when,
            "occurred_at": when,
            "complainant_phone": f"1390000{self._next_customer():04d}",
        }
        vals.update(values)
        return self._appeal(**vals)  # None leaves a value out

    @classmethod
    def _next_customer(cls):
        cls._customers += 1
        return cls._customers

    def close(self, tickets, when, **values):
        """Appeals replied and closed at ``when`` as the workflow leaves them."""
        tickets.sudo().write(
            dict(
                {
                    "state": "closed",
                    "replied_at": when,
                    "closed_date": when,
                    "reply_text": "Done.",
                },
                **values,
            )
        )

    def rate(self, tickets, result, when, comment="Rated on the phone.", **values):
        self.env["helpdesk.ticket.callback"].sudo().create(
            [
                dict(
                    {
                        "ticket_id": ticket.id,
                        "called_at": when,
                        "reached": bool(result),
                        "result": result or False,
                        "comment": comment,
                    },
                    **values,
                )
                for ticket in tickets
            ]
        )

    MARCH = datetime(2025, 3, 10, 2, 0)

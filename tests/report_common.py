from datetime import datetime, timedelta

import pytz

from .common import GROUP_LEADER, ComplaintCase

BEIJING = pytz.timezone("Asia/Shanghai")


class ReportCase(ComplaintCase):
    """A water-supply company with a general manager, and appeals whose facts (receipt,
    reply, callbacks) are recorded at given Beijing times."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.water_company = cls.env.ref(
            "helpdesk_utility_complaint.preset_water_company"
        )
        cls.hotline = cls.env.ref("helpdesk_utility_complaint.preset_water_hotline")
        cls.general_manager = cls._user("general_manager", GROUP_LEADER, None)
        cls.company.write(
            {
                "complaint_preset_id": cls.water_company.id,
                "complaint_office_department_id": cls.office_department.id,
                "complaint_general_manager_id": cls.general_manager.id,
            }
        )
        cls.Rates = cls.env["helpdesk.complaint.rates"]
        cls.Report = cls.env["helpdesk.periodic.report"]
        cls.customers = 0

    @staticmethod
    def _at(*args):
        """Naive UTC datetime of a Beijing wall-clock time."""
        return (
            BEIJING.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)
        )

    @classmethod
    def _new_appeal(cls, received_at, **values):
        """An appeal of a customer of its own (no repeat link), received then."""
        cls.customers += 1
        return cls._appeal(
            received_at=received_at,
            partner_name=f"客户{cls.customers}",
            complainant_phone=f"1390000{cls.customers:04d}",
            complainant_address=f"人民西路{cls.customers}号",
            **values,
        )

    @classmethod
    def _complete(cls, appeal, replied_at, resolved=True, ratings=()):
        """The appeal's facts up to its final reply and callbacks, as the workflow
        records them: instruction and acceptance an hour after receipt."""
        appeal = appeal.sudo()
        step = appeal.received_at + timedelta(hours=1)
        appeal._record_event("leader_submission", when=step)
        appeal._record_event("acceptance", when=step)
        appeal._record_event("final_reply", when=replied_at)
        appeal.write(
            {"replied_at": replied_at, "resolved": resolved, "state": "replied"}
        )
        for index, rating in enumerate(ratings, start=1):
            cls.env["helpdesk.ticket.callback"].create(
                {
                    "ticket_id": appeal.id,
                    "called_at": replied_at + timedelta(hours=index),
                    "reached": True,
                    "result": rating,
                    "cause": "subjective" if rating == "unsatisfied" else False,
                }
            )
        return appeal

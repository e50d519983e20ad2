"""19.0.1.2.0: events logged by hand, how milestones end with the appeal, withdrawal,
the planned-outage flag of categories.

The shipped records are noupdate, so an existing database does not get the values of
the fields this version adds to them: they are read from the data files and written
where a record still exists. Closed appeals then get their deadline lines ended.
"""

import logging
from pathlib import Path

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

MODULE = "helpdesk_utility_complaint"
DATA = Path(__file__).resolve().parents[2] / "data"
NEW_FIELDS = {
    "helpdesk.sla.event": (
        "ends_appeal",
        "manual_log",
        "log_group_ids",
        "log_handling_department",
        "log_states",
        "log_contact_method",
        "log_pipe_diameter",
    ),
    "helpdesk.sla.milestone": ("end_outcome",),
    "helpdesk.complaint.preset": ("event_backdate_hours",),
    "helpdesk.ticket.stage": ("complaint_states",),
    "helpdesk.appeal.queue": ("domain",),
    "helpdesk.ticket.category": ("is_planned_outage",),
}
FILES = (
    "helpdesk_sla_event_data.xml",
    "helpdesk_sla_policy_water_company_data.xml",
    "helpdesk_sla_policy_water_hotline_data.xml",
    "helpdesk_sla_policy_heating_data.xml",
    "helpdesk_complaint_preset_data.xml",
    "helpdesk_workflow_data.xml",
    "helpdesk_appeal_queue_data.xml",
    "helpdesk_ticket_category_data.xml",
)
# Records of other models in these files whose new values are set here as well.
ONLY_XMLIDS = {
    "helpdesk.ticket.stage": {"helpdesk_mgmt.helpdesk_ticket_stage_cancelled"},
    "helpdesk.appeal.queue": {f"{MODULE}.queue_breached"},
}


def _shipped_values(env):
    def ref(xmlid):
        return env.ref(xmlid if "." in xmlid else f"{MODULE}.{xmlid}").id

    for name in FILES:
        for record in etree.parse(str(DATA / name)).iter("record"):
            model, xmlid = record.get("model"), record.get("id")
            xmlid = xmlid if "." in xmlid else f"{MODULE}.{xmlid}"
            if model not in NEW_FIELDS or (
                model in ONLY_XMLIDS and xmlid not in ONLY_XMLIDS[model]
            ):
                continue
            values = {}
            for field in record.iter("field"):
                if field.get("name") not in NEW_FIELDS[model]:
                    continue
                if field.get("eval"):
                    value = safe_eval(field.get("eval"), {"ref": ref})
                elif env[model]._fields[field.get("name")].type == "float":
                    value = float(field.text)
                else:
                    value = field.text
                values[field.get("name")] = value
            if values:
                yield xmlid, values


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, values in _shipped_values(env):
        record = env.ref(xmlid, raise_if_not_found=False)
        if record:
            record.write(values)
    # Two decimals stored R000-12's shipped 0.125 working day as 0.13; three keep it.
    leader = env.ref(f"{MODULE}.sla_water_leader", raise_if_not_found=False)
    if leader and round(leader.warning_lead, 3) == 0.13:
        leader.warning_lead = 0.125
    closed = env["helpdesk.ticket"].search([("state", "=", "closed")])
    closed._sla_recompute()
    _logger.info("Deadline lines of %s closed appeals ended", len(closed))

from odoo import fields, models, tools


class HelpdeskServiceTargetReport(models.Model):
    """R001-01: the two zero targets per department and month: confirmed service-
    attitude complaints (in the month they were confirmed, C-09) and unsatisfied reviews
    of water-connection applications (in the local month of the rating), each with the
    preset's target."""

    _name = "helpdesk.service.target.report"
    _description = "Zero-Complaint Targets"
    _auto = False
    _order = "month desc, department_id, kind"

    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    month = fields.Date(readonly=True)
    kind = fields.Selection(
        [
            ("attitude", "Service-Attitude Complaints"),
            ("connection", "Connection Bad Reviews"),
        ],
        string="Indicator",
        readonly=True,
    )
    count = fields.Integer(string="Actual", readonly=True, aggregator="sum")
    target = fields.Integer(readonly=True, aggregator="max")
    missed = fields.Boolean(string="Target Missed", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
            SELECT row_number() OVER (ORDER BY month, company_id, department_id, kind)
                   AS id, facts.*, facts.count > facts.target AS missed
            FROM (
                SELECT c.company_id, c.department_id, c.period_date AS month,
                       'attitude' AS kind, count(*) AS count,
                       COALESCE(p.zero_attitude_target, 0) AS target
                FROM helpdesk_service_case c
                JOIN res_company rc ON rc.id = c.company_id
                LEFT JOIN helpdesk_complaint_preset p ON p.id = rc.complaint_preset_id
                WHERE c.state = 'confirmed' AND c.kind = 'attitude'
                GROUP BY c.company_id, c.department_id, c.period_date,
                         p.zero_attitude_target
                UNION ALL
                SELECT t.company_id, t.department_id,
                       date_trunc('month', t.unsatisfied_at AT TIME ZONE 'UTC'
                                  AT TIME ZONE COALESCE(cal.tz, 'UTC'))::date,
                       'connection', count(*), COALESCE(p.zero_connection_target, 0)
                FROM helpdesk_ticket t
                JOIN res_company rc ON rc.id = t.company_id
                JOIN helpdesk_complaint_preset p ON p.id = rc.complaint_preset_id
                JOIN helpdesk_ticket_category cat ON cat.id = t.category_id
                LEFT JOIN resource_calendar cal ON cal.id = COALESCE(
                    rc.complaint_calendar_id,
                    (SELECT res_id FROM ir_model_data
                     WHERE module = 'helpdesk_utility_complaint'
                       AND name = 'resource_calendar_china_complaint_desk'))
                WHERE t.unsatisfied_at IS NOT NULL AND t.department_id IS NOT NULL
                  AND EXISTS (
                    SELECT 1
                    FROM helpdesk_complaint_preset_connection_category_rel r
                    JOIN helpdesk_ticket_category conn ON conn.id = r.category_id
                    WHERE r.preset_id = p.id
                      AND cat.parent_path LIKE conn.parent_path || '%%')
                GROUP BY 1, 2, 3, p.zero_connection_target
            ) facts
            )
            """
        )

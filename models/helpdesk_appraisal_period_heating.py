from odoo import fields, models


class HelpdeskAppraisalPeriod(models.Model):
    """What the preview lists of the units' records a card reads (seed 003)."""

    _inherit = "helpdesk.appraisal.period"

    def _appraisal_issues(self, template, ignore_run=None):
        issues = super()._appraisal_issues(template, ignore_run=ignore_run)
        read = set(template.item_ids.mapped("model_name"))
        for model, domain, name in self._unit_record_issues(template):
            if model not in read:
                continue
            domain = [("company_id", "=", self.company_id.id), *domain]
            count = self.env[model].sudo().search_count(domain)
            if count:
                issues.append(
                    {
                        "name": name,
                        "count": count,
                        "blocking": False,
                        "res_model": model,
                        "domain": domain,
                    }
                )
        return issues

    def _unit_record_issues(self, template):
        """[(model, domain, name)] of the records still waiting for a step."""
        frame = self.env["helpdesk.scorecard.engine"]._frame(self, template)
        policies = [("state", "=", "submitted")]
        failures = [
            ("state", "=", "open"),
            ("minutes_without_backup", "=", False),
            ("started_at", ">=", fields.Datetime.to_string(frame.start_utc)),
            ("started_at", "<", fields.Datetime.to_string(frame.end_utc)),
        ]
        tasks = [
            ("state", "in", ["assigned", "planned"]),
            ("deadline", ">=", fields.Date.to_string(self.date_start)),
            ("deadline", "<=", fields.Date.to_string(self.date_end)),
        ]
        names = {
            "helpdesk.unit.policy": self.env._(
                "Policies submitted to HR, not yet put in force (R003-05)"
            ),
            "helpdesk.channel.failure": self.env._(
                "Channel failures still down without a backup: their backup is not "
                "judged yet (R003-17)"
            ),
            "helpdesk.special.task": self.env._(
                "Special tasks due in the period and not finished: they count in the "
                "month they are finished or closed (R003-43)"
            ),
        }
        domains = {
            "helpdesk.unit.policy": policies,
            "helpdesk.channel.failure": failures,
            "helpdesk.special.task": tasks,
        }
        return [(model, domains[model], name) for model, name in names.items()]

from odoo import api, fields, models


class HelpdeskPayrollExport(models.TransientModel):
    """What payroll receives for a month (C-11): one row per person with the month's
    confirmed penalties and awards, and the year's bonus factor and rating cap."""

    _name = "helpdesk.payroll.export"
    _description = "Payroll Export"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_id = fields.Many2one(
        "helpdesk.appraisal.period",
        string="Month",
        required=True,
        domain="[('company_id', '=', company_id)]",
    )

    def action_export(self):
        self.env["helpdesk.money.line"]._check_appraisal_officer()
        return self.env.ref(
            "helpdesk_utility_complaint.action_report_payroll_xlsx"
        ).report_action(self)

    def _rows(self):
        """Dicts per person, ordered by department and name."""
        self.ensure_one()
        self.env["helpdesk.money.line"]._check_appraisal_officer()
        Line = self.env["helpdesk.money.line"].sudo()
        totals = {}
        for employee, direction, amount, count in Line._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("period_id", "=", self.period_id.id),
                ("state", "=", "confirmed"),
                ("employee_id", "!=", False),
            ],
            ["employee_id", "direction"],
            ["amount:sum", "__count"],
        ):
            row = totals.setdefault(employee, {"penalties": 0, "awards": 0, "lines": 0})
            if direction == "award":
                row["awards"] += amount
            else:
                row["penalties"] += amount
            row["lines"] += count
        employees = (
            self.env["hr.employee"].sudo().browse([employee.id for employee in totals])
        )
        year = self.period_id.date_start.year
        factors = Line._bonus_factors(employees, year)
        caps = Line._rating_caps(employees, year)
        dismissals = {
            employee
            for [employee] in Line._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("year", "=", year),
                    ("state", "=", "confirmed"),
                    ("dismissal_recommended", "=", True),
                ],
                ["employee_id"],
            )
        }
        cap_labels = dict(Line._fields["rating_cap"]._description_selection(self.env))
        rows = []
        for employee in employees.sorted(
            lambda employee: (employee.department_id.complete_name or "", employee.name)
        ):
            row = totals[employee]
            rows.append(
                {
                    "number": employee.barcode or "",
                    "name": employee.name,
                    "department": employee.department_id.complete_name or "",
                    "job": employee.job_id.name or "",
                    "penalties": row["penalties"],
                    "awards": row["awards"],
                    "net": row["penalties"] + row["awards"],
                    "bonus_factor": factors[employee],
                    "rating_cap": cap_labels.get(caps.get(employee), ""),
                    "dismissal": employee in dismissals,
                    "outsourced": employee.is_outsourced,
                    "lines": row["lines"],
                }
            )
        return rows

    @api.model
    def _columns(self):
        labels = {
            "number": self.env._("Badge ID"),
            "name": self.env._("Employee"),
            "department": self.env._("Department"),
            "job": self.env._("Post"),
            "penalties": self.env._("Penalties (yuan)"),
            "awards": self.env._("Awards (yuan)"),
            "net": self.env._("Net Adjustment (yuan)"),
            "bonus_factor": self.env._("Annual Bonus Factor"),
            "rating_cap": self.env._("Highest Annual Rating"),
            "outsourced": self.env._("Outsourced"),
            "dismissal": self.env._("Dismissal Recommended"),
            "lines": self.env._("Lines"),
        }
        widths = {"department": 28, "name": 16, "job": 18, "lines": 8}
        return [(key, label, widths.get(key, 16)) for key, label in labels.items()]

from . import helpdesk_payroll_xlsx

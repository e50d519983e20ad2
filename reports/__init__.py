from . import helpdesk_payroll_xlsx
from . import report_xlsx_ledger
from . import report_appeal_ledger_xlsx
from . import report_deduction_ledger_xlsx
from . import report_periodic_report_xlsx
from . import report_money_ledger_xlsx
from . import report_appraisal_pdf
from . import report_appraisal_xlsx

from . import resource_calendar_holiday_import
from . import helpdesk_ticket_hand_back_wizard
from . import helpdesk_ticket_report_return_wizard
from . import helpdesk_ticket_callback_wizard
from . import helpdesk_ticket_cause_review_wizard
from . import helpdesk_xlsx_export_wizard

from . import test_ledger
from . import test_reference_data
from . import test_security
from . import test_sla
from . import test_translation
from . import test_translation_helpdesk_mgmt
from . import test_tour_registration
from . import test_working_calendar

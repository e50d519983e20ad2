"""XML ids of the security groups Python code names (models, wizards, tests).

This addon's groups are data (security/helpdesk_utility_complaint_security.xml); the
others come from the modules it builds on.
"""

HANDLER = "helpdesk_utility_complaint.group_handler"
DEPARTMENT_MANAGER = "helpdesk_utility_complaint.group_department_manager"
OFFICE = "helpdesk_utility_complaint.group_response_office"
APPRAISAL = "helpdesk_utility_complaint.group_appraisal_officer"
LEADER = "helpdesk_utility_complaint.group_leader"
MANAGER = "helpdesk_utility_complaint.group_complaint_manager"
COMPLAINANT_DATA = "helpdesk_utility_complaint.group_complainant_data"

# Groups of the modules this addon builds on, where Python code names them.
INTERNAL_USER = "base.group_user"
PORTAL = "base.group_portal"
HR_USER = "hr.group_hr_user"
HELPDESK_USER = "helpdesk_mgmt.group_helpdesk_user"
HELPDESK_MANAGER = "helpdesk_mgmt.group_helpdesk_manager"

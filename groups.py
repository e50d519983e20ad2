"""XML ids of the addon's security groups, for Python code (models, wizards, tests).

The groups themselves are data (security/helpdesk_utility_complaint_security.xml).
"""

HANDLER = "helpdesk_utility_complaint.group_handler"
DEPARTMENT_MANAGER = "helpdesk_utility_complaint.group_department_manager"
OFFICE = "helpdesk_utility_complaint.group_response_office"
APPRAISAL = "helpdesk_utility_complaint.group_appraisal_officer"
LEADER = "helpdesk_utility_complaint.group_leader"
MANAGER = "helpdesk_utility_complaint.group_complaint_manager"
COMPLAINANT_DATA = "helpdesk_utility_complaint.group_complainant_data"

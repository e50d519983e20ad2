# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Utility Complaint Desk",
    "summary": "Customer appeals of water, heating and power utilities: ledger, "
    "working-day deadlines, liability findings and monthly appraisal",
    "version": "19.0.1.0.0",
    "license": "AGPL-3",
    "category": "After-Sales",
    "author": "Utility Complaint Desk contributors",
    "website": "https://github.com/utility-complaint/helpdesk_utility_complaint",
    "depends": ["helpdesk_mgmt", "hr", "mail", "resource"],
    "data": [
        "security/helpdesk_utility_complaint_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/helpdesk_complaint_preset_data.xml",
        "data/helpdesk_ticket_nature_data.xml",
        "data/helpdesk_ticket_channel_data.xml",
        "data/helpdesk_ticket_category_data.xml",
        "data/hr_job_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_nature_views.xml",
        "views/helpdesk_ticket_channel_views.xml",
        "views/helpdesk_ticket_category_views.xml",
        "views/helpdesk_complaint_preset_views.xml",
        "views/helpdesk_ticket_recusal_views.xml",
        "views/hr_views.xml",
        "views/res_config_settings_views.xml",
        "views/helpdesk_utility_complaint_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/hr_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "helpdesk_utility_complaint/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}

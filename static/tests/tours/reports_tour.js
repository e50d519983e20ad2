import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";

// Marks the body once the next download has finished, so that the tour waits for it.
function watchNextDownload() {
    const original = download._download;
    download._download = async (options) => {
        try {
            return await original(options);
        } finally {
            download._download = original;
            document.body.classList.add("o_test_downloaded");
        }
    };
}

// A department manager opens the complaint desk dashboard, exports the ledger of a
// filtered list of appeals to XLSX, then prints the month's appraisal of their
// department (issue 12).
registry.category("web_tour.tours").add("helpdesk_utility_complaint_reports", {
    url: "/odoo/action-helpdesk_utility_complaint.action_complaint_desk_dashboard",
    steps: () => [
        // The dashboard is loaded: its figures are drawn and its filters offered.
        { trigger: ".o_spreadsheet_dashboard_action .o_renderer .o-figure" },
        { trigger: ".o_spreadsheet_dashboard_action .o_control_panel:contains(Period)" },
        // The department's open appeals.
        {
            trigger: ".o_spreadsheet_dashboard_action",
            run: "goToUrl /odoo/department-appeals?view_type=list",
            expectUnloadPage: true,
        },
        { trigger: ".o_list_view .o_data_row" },
        // Its complaints: the record rules keep it to the department's.
        { trigger: ".o_searchview_facet:contains(My Department) .o_facet_remove", run: "click" },
        { trigger: ".o_searchview:not(:has(.o_searchview_facet:contains(My Department)))" },
        { trigger: ".o_searchview_dropdown_toggler", run: "click" },
        { trigger: ".o-dropdown-item:contains(Complaints)", run: "click" },
        { trigger: ".o_searchview_facet:contains(Complaints)" },
        { trigger: ".o_pager_value:contains(1-2)" },
        { trigger: "thead .o_list_record_selector input", run: "click" },
        { trigger: ".o_selection_box" },
        { trigger: ".o_cp_action_menus button:contains(Actions)", run: "click" },
        { trigger: ".o-dropdown-item:contains(Export Ledger)", run: "click" },
        { trigger: ".modal .o_field_widget[name=row_count]:contains(2)" },
        { trigger: ".modal button:contains(Export)", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        // The month's appraisal: the cards the manager may read, printed as a PDF.
        {
            trigger: "body:not(:has(.modal))",
            run: "goToUrl /odoo/scorecards",
            expectUnloadPage: true,
        },
        { trigger: ".o_list_view .o_data_row:contains(Tour Network):contains(97.00)" },
        { trigger: "thead .o_list_record_selector input", run: "click" },
        { trigger: ".o_selection_box" },
        { trigger: ".o_cp_action_menus button:contains(Print)", run: "click" },
        {
            trigger: ".o-dropdown-item:contains(Appraisal Report (PDF))",
            run(helpers) {
                watchNextDownload();
                return helpers.click();
            },
        },
        { trigger: "body.o_test_downloaded:not(:has(.o_blockUI))" },
    ],
});

import { registry } from "@web/core/registry";

// A quarterly service-star round in the browser (R001-20 to R001-24): the department
// nominates within its quota and submits, HR audits, the group approves. The Python test
// opens the round's form with each role's login.

const tours = registry.category("web_tour.tours");

function clickButton(label) {
    return { trigger: `.o_form_view .o_statusbar_buttons button:contains(${label})`, run: "click" };
}

function expectState(label) {
    return { trigger: `.o_form_view .o_field_widget[name=state] .o_arrow_button_current:contains(${label})` };
}

tours.add("star_round_nominate", {
    steps: () => [
        expectState("Nominating"),
        { trigger: ".o_field_widget[name=quota_staff]:contains(1)" },
        { trigger: ".o_field_widget[name=nomination_ids] .o_field_x2many_list_row_add a", run: "click" },
        {
            trigger: ".o_field_widget[name=nomination_ids] .o_data_row .o_field_widget[name=employee_id] input",
            run: "edit Tour Representative",
        },
        { trigger: ".o-autocomplete--dropdown-item:contains(Tour Representative)", run: "click" },
        {
            trigger: ".o_field_widget[name=nomination_ids] .o_data_row .o_field_widget[name=reason] input, .o_field_widget[name=nomination_ids] .o_data_row .o_field_widget[name=reason] textarea",
            run: "edit Three quarters at the counter without a complaint.",
        },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: ".o_field_widget[name=nomination_ids] .o_data_row td:contains(1,000)" },
        clickButton("Submit Nominations"),
        expectState("Under Audit"),
    ],
});

tours.add("star_round_audit", {
    steps: () => [
        expectState("Under Audit"),
        clickButton("Approve"),
        { trigger: ".o_form_view .o_form_statusbar:not(:has(.o_statusbar_buttons button:contains(Approve)))" },
    ],
});

tours.add("star_round_approve", {
    steps: () => [
        clickButton("Approve"),
        expectState("Approved"),
    ],
});

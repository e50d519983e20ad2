import { registry } from "@web/core/registry";

// A heating complaint and a hotline leak repair walked in the web client, each step by
// the role that owns it; the department logs what no workflow button records (contact
// made, solution proposed, arrival on site, repair started and finished) from the
// "Log Event" dialog (issue 8). The Python test starts each tour with the right login.

const tours = registry.category("web_tour.tours");

function field(name) {
    return `.o_form_view .o_field_widget[name=${name}]`;
}

function clickButton(label) {
    return { trigger: `.o_form_view .o_statusbar_buttons button:contains(${label})`, run: "click" };
}

function expectState(label) {
    return { trigger: `${field("state")}:contains(${label})` };
}

function openTab(label) {
    return { trigger: `.o_notebook .nav-link:contains(${label})`, run: "click" };
}

function pickMany2one(name, text) {
    return [
        { trigger: `${field(name)} input`, run: `edit ${text}` },
        { trigger: `.o-autocomplete--dropdown-item:contains(${text})`, run: "click" },
    ];
}

function register(title, channel, category) {
    return [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: `${field("name")} input`, run: `edit ${title}` },
        ...pickMany2one("channel_id", channel),
        ...pickMany2one("category_id", category),
        { trigger: `${field("partner_name")} input`, run: "edit 吴先生" },
        { trigger: `${field("complainant_phone")} input`, run: "edit 13905336666" },
        { trigger: `${field("description")} .odoo-editor-editable`, run: "editor Reported by phone." },
        ...pickMany2one("department_id", "Tour Network"),
        ...pickMany2one("section_id", "Tour Repair"),
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        clickButton("Dispatch"),
        expectState("Dispatched"),
    ];
}

// Opens the Log Event dialog, picks the event and fills what it asks.
function logEvent(event, details = []) {
    return [
        clickButton("Log Event"),
        { trigger: `.modal .o_field_widget[name=event_type_id] label:contains(${event})`, run: "click" },
        ...details,
        { trigger: ".modal button:contains(Log)", run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ];
}

function report() {
    return [
        openTab("Handling"),
        { trigger: `${field("report_facts")} textarea`, run: "edit The valve was closed after a test." },
        { trigger: `${field("report_cause")} textarea`, run: "edit It was not reopened." },
        { trigger: `${field("report_policy_basis")} textarea`, run: "edit Service rules, art. 8." },
        { trigger: `${field("report_responsibility")} textarea`, run: "edit Repair team." },
        { trigger: `${field("report_proposed_reply")} textarea`, run: "edit Fixed and checked." },
        clickButton("Submit Report"),
        expectState("Approved"),
    ];
}

tours.add("appeal_log_heating_register", {
    steps: () => register("Tour heating: radiator cold", "Phone", "Temperature Below Standard"),
});

tours.add("appeal_log_heating_department", {
    steps: () => [
        clickButton("Accept"),
        expectState("Accepted"),
        ...logEvent("Customer Contacted", [
            { trigger: ".modal .o_field_widget[name=contact_method] .o_select_menu_toggler", run: "click" },
            { trigger: ".o_select_menu_item:contains(Phone)", run: "click" },
        ]),
        ...logEvent("Solution Proposed", [
            { trigger: ".modal .o_field_widget[name=note] textarea", run: "edit Reopen the valve today." },
        ]),
        ...report(),
    ],
});

tours.add("appeal_log_reply_and_callback", {
    steps: () => [
        openTab("Reply"),
        { trigger: `${field("reply_text")} textarea`, run: "edit Fixed; the room is warm again." },
        clickButton("Send Final Reply"),
        expectState("Replied"),
        clickButton("Call Back"),
        { trigger: ".modal .o_field_widget[name=result] .o_select_menu_toggler", run: "click" },
        {
            trigger: ".o_select_menu_item:contains(Satisfied):not(:contains(Basically)):not(:contains(Unsatisfied))",
            run: "click",
        },
        { trigger: ".modal button:contains(Log Callback)", run: "click" },
        expectState("Closed"),
    ],
});

tours.add("appeal_log_hotline_register", {
    steps: () => register("Tour hotline: burst main", "Own Hotline", "Leak or Pipe Burst"),
});

tours.add("appeal_log_hotline_department", {
    steps: () => [
        clickButton("Accept"),
        expectState("Accepted"),
        ...logEvent("Arrived on Site"),
        ...logEvent("Repair Started", [
            { trigger: ".modal .o_field_widget[name=pipe_diameter] input", run: "edit 300" },
        ]),
        ...logEvent("Repair Completed", [
            { trigger: ".modal .o_field_widget[name=pipe_diameter] input:value(300)" },
        ]),
        ...report(),
    ],
});

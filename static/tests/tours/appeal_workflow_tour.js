import { registry } from "@web/core/registry";

// One complaint walked through the water-supply company's workflow, one role per tour
// (R000-04 to R000-06, R002-13, R002-21). The Python test starts each with the right login
// on the appeal's form.

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

function saveForm() {
    return [
        { trigger: ".o_form_button_save:enabled", run: "click" },
        { trigger: ".o_form_readonly, .o_form_saved" },
    ];
}

function pickMany2one(name, text) {
    return [
        { trigger: `${field(name)} input`, run: `edit ${text}` },
        { trigger: `.o-autocomplete--dropdown-item:contains(${text})`, run: "click" },
    ];
}

tours.add("appeal_flow_register", {
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: `${field("name")} input`, run: "edit Tour complaint: no water on floor 6" },
        ...pickMany2one("channel_id", "Phone"),
        ...pickMany2one("category_id", "Low Water Pressure"),
        { trigger: `${field("partner_name")} input`, run: "edit 周女士" },
        { trigger: `${field("complainant_phone")} input`, run: "edit 13905331111" },
        { trigger: `${field("description")} .odoo-editor-editable`, run: "editor No water above the fifth floor." },
        openTab("Handling"),
        { trigger: `${field("proposed_opinion")} textarea`, run: "edit Transfer to the department in charge." },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        clickButton("Submit to Leader"),
        expectState("Awaiting Instruction"),
    ],
});

tours.add("appeal_flow_instruct", {
    steps: () => [
        openTab("Handling"),
        { trigger: `${field("instruction")} textarea`, run: "edit Billing department to check the meter first." },
        clickButton("Record Instruction"),
        { trigger: ".o_form_view .o_statusbar_buttons:not(:has(button:contains(Record Instruction)))" },
    ],
});

tours.add("appeal_flow_dispatch_billing", {
    steps: () => [
        openTab("Handling"),
        ...pickMany2one("department_id", "Billing"),
        clickButton("Dispatch"),
        expectState("Dispatched"),
    ],
});

tours.add("appeal_flow_hand_back", {
    steps: () => [
        clickButton("Hand Back"),
        { trigger: ".modal .o_field_widget[name=reason] textarea", run: "edit The meter is fine; the pressure is a network problem." },
        { trigger: ".modal .o_field_widget[name=suggested_department_id] input", run: "edit Network" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Network)", run: "click" },
        { trigger: ".modal button:contains(Hand Back)", run: "click" },
        expectState("Handed Back"),
    ],
});

tours.add("appeal_flow_dispatch_network", {
    steps: () => [
        openTab("Handling"),
        ...pickMany2one("department_id", "Network"),
        // Saved before the section is picked: the department's onchange (which clears a
        // section of another department) must not land while the section is typed.
        ...saveForm(),
        ...pickMany2one("section_id", "Repair"),
        clickButton("Dispatch"),
        expectState("Dispatched"),
    ],
});

tours.add("appeal_flow_report", {
    steps: () => [
        clickButton("Accept"),
        expectState("Accepted"),
        openTab("Handling"),
        { trigger: `${field("report_facts")} textarea`, run: "edit Valve V-12 was half closed after a repair." },
        { trigger: `${field("report_cause")} textarea`, run: "edit The repair team did not reopen it fully." },
        { trigger: `${field("report_policy_basis")} textarea`, run: "edit Water supply service rules, art. 12." },
        { trigger: `${field("report_responsibility")} textarea`, run: "edit Repair team." },
        { trigger: `${field("report_proposed_reply")} textarea`, run: "edit The valve is open again." },
        {
            trigger: `${field("report_attachment_ids")} input[type=file]:not(:visible)`,
            async run() {
                const file = new File(["%PDF-1.4 signed report"], "signed-report.pdf", {
                    type: "application/pdf",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { trigger: `${field("report_attachment_ids")}:contains(signed-report.pdf)` },
        clickButton("Submit Report"),
        expectState("Reported"),
    ],
});

tours.add("appeal_flow_approve", {
    steps: () => [
        clickButton("Approve Report"),
        { trigger: ".o_form_view .o_statusbar_buttons:not(:has(button:contains(Approve Report)))" },
    ],
});

tours.add("appeal_flow_reply_and_callback", {
    steps: () => [
        expectState("Approved"),
        openTab("Reply"),
        { trigger: `${field("reply_text")} textarea`, run: "edit The valve is open again and the pressure is normal." },
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

tours.add("appeal_flow_consultation_on_the_spot", {
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: `${field("name")} input`, run: "edit Tour consultation: how to pay the bill" },
        ...pickMany2one("channel_id", "Phone"),
        ...pickMany2one("category_id", "Water Bill and Charges"),
        { trigger: `${field("description")} .odoo-editor-editable`, run: "editor Where can I pay?" },
        openTab("Reply"),
        { trigger: `${field("reply_text")} textarea`, run: "edit At any bank counter or in the WeChat account." },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        clickButton("Answer on the Spot"),
        expectState("Replied"),
        clickButton("Close"),
        expectState("Closed"),
    ],
});

// HR's appraisal officer records who is liable (R000-57, R000-59): the table proposes the
// party and its points, confirming writes the deduction to the ledger.
tours.add("appeal_flow_liability_finding", {
    steps: () => [
        openTab("Liability"),
        { trigger: ".o_form_view button:contains(Record a Liability Finding)", run: "click" },
        { trigger: ".modal .o_field_widget[name=rule_id] input", run: "click" },
        { trigger: ".modal .o_field_widget[name=rule_id] input", run: "edit R000-59" },
        { trigger: ".o-autocomplete--dropdown-item:contains(R000-59 Irregular procedure)", run: "click" },
        { trigger: ".modal .o_field_widget[name=line_ids] td:contains(Tour Network)" },
        { trigger: ".modal .o_field_widget[name=total_points]:contains(2.00)" },
        {
            trigger: ".modal .o_field_widget[name=investigation] .odoo-editor-editable",
            run: "editor The department did not visit the site within the deadline.",
        },
        { trigger: ".modal button:contains(Confirm Finding)", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_field_widget[name=deduction_ids] td:contains(R000-59)" },
    ],
});

import { registry } from "@web/core/registry";

// The response office registers a 12345 platform appeal from the ledger (R000-01, R000-08).
registry.category("web_tour.tours").add("helpdesk_utility_complaint_registration", {
    url: "/odoo/appeal-ledger",
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit Burst main on Huaguang Road" },
        { trigger: ".o_field_widget[name=channel_id] input", run: "edit 12345" },
        { trigger: ".o-autocomplete--dropdown-item:contains(12345)", run: "click" },
        { trigger: ".o_field_widget[name=platform_reference] input", run: "edit ZB12345-TOUR-1" },
        {
            trigger: ".o_field_widget[name=platform_deadline] input",
            run: "edit 12/31/2099 17:00:00",
        },
        { trigger: ".o_field_widget[name=category_id] input", run: "edit Leak or Pipe" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Leak or Pipe Burst)", run: "click" },
        // The category proposes its nature (R003-46).
        { trigger: ".o_field_widget[name=nature_id] input:value(Help Request)" },
        { trigger: ".o_field_widget[name=partner_name] input", run: "edit 王先生" },
        { trigger: ".o_field_widget[name=complainant_phone] input", run: "edit 13905330000" },
        { trigger: ".o_field_widget[name=description] .odoo-editor-editable", run: "editor Water everywhere." },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: ".o_field_widget[name=number]:contains(SQ)" },
    ],
});

import { registry } from "@web/core/registry";

// HR runs a month's appraisal, opens a card, drills from a number to the appeal behind
// it, then locks the month. The Python test (test_tour_appraisal.py) prepares the month
// and starts each tour on Run Appraisal.

const tours = registry.category("web_tour.tours");

tours.add("appraisal_run_and_drill", {
    steps: () => [
        { trigger: ".modal button[name=action_preview]", run: "click" },
        { trigger: ".modal button[name=action_compute]", run: "click" },
        { trigger: ".modal .alert-success:contains(scorecards computed)" },
        { trigger: ".modal button[name=action_open_scorecards]", run: "click" },
        { trigger: ".o_list_view .o_data_row:contains(Tour Network) td[name=department_id]", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=total]:contains(97.00)" },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(C-08/liability) button[name=action_open_value]",
            run: "click",
        },
        { trigger: ".o_list_view .o_data_row:contains(R000-59) td[name=rule_code]", run: "click" },
        { trigger: ".o_form_view button[name=action_open_fact]", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=channel_id]" },
        { trigger: ".o_breadcrumb:contains(Tour Network)" },
    ],
});

tours.add("appraisal_lock", {
    steps: () => [
        { trigger: ".modal button[name=action_preview]", run: "click" },
        // Only a warning left: the satisfaction report to HR is not submitted.
        { trigger: ".modal .o_field_widget[name=issue_ids] .o_data_row:contains(satisfaction report)" },
        { trigger: ".modal:not(:has(.alert-warning))" },
        { trigger: ".modal button[name=action_lock]", run: "click" },
        { trigger: ".modal-footer button.btn-primary:contains(Ok)", run: "click" },
        { trigger: ".modal .o_field_widget[name=period_state]:contains(Locked)" },
    ],
});

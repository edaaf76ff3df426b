package dev.missions.coordinator.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form's budget fields as typed, for a new mission or a raised budget. Only that they are numbers is checked here;
 * whether they make sense is the API's to say.
 */
record BudgetFields(String maxTokens, String maxCostUsd) {

    BudgetFields {
        maxTokens = maxTokens == null ? "" : maxTokens.strip();
        maxCostUsd = maxCostUsd == null ? "" : maxCostUsd.strip();
    }

    /** Adds a problem per field that is no number, keyed by the field's name. */
    void check(Map<String, String> problems) {
        number("maxTokens", maxTokens, false, problems);
        number("maxCostUsd", maxCostUsd, true, problems);
    }

    /** The API's budget object with the fields that were filled in; empty when none was. */
    Map<String, Object> body() {
        Map<String, Object> budget = new LinkedHashMap<>();
        if (!maxTokens.isBlank()) {
            budget.put("maxTokens", Long.parseLong(maxTokens));
        }
        if (!maxCostUsd.isBlank()) {
            budget.put("maxCostUsd", Double.parseDouble(maxCostUsd));
        }
        return budget;
    }

    private static void number(String field, String value, boolean decimal, Map<String, String> problems) {
        if (value.isBlank()) {
            return;
        }
        try {
            if (decimal) {
                Double.parseDouble(value);
            } else {
                Long.parseLong(value);
            }
        } catch (NumberFormatException e) {
            problems.put(field, field + " must be a " + (decimal ? "number" : "whole number") + ", got '" + value + "'");
        }
    }
}

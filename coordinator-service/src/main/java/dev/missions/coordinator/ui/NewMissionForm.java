package dev.missions.coordinator.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The new-mission form as entered. Only what a form cannot say in JSON is checked here (a number that is no number, a
 * plan that is no JSON); everything else the API checks, and its violations are placed beside the field they name.
 */
record NewMissionForm(String goal, String repository, String baseBranch, String kind, String maxTokens, String maxCostUsd,
        String plan) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static NewMissionForm of(MultivaluedMap<String, String> form) {
        return new NewMissionForm(value(form, "goal"), value(form, "repository"), value(form, "baseBranch"), value(form, "kind"),
                value(form, "maxTokens"), value(form, "maxCostUsd"), value(form, "plan"));
    }

    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        new BudgetFields(maxTokens, maxCostUsd).check(problems);
        if (!plan.isBlank()) {
            try {
                JSON.readTree(plan);
            } catch (JsonProcessingException e) {
                problems.put("plan", "plan is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return problems;
    }

    /** The body of POST /missions; blank fields are left out, so the API's defaults apply. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("goal", goal);
        body.put("repository", repository);
        if (!baseBranch.isBlank()) {
            body.put("baseBranch", baseBranch);
        }
        if (!kind.isBlank()) {
            body.put("kind", kind);
        }
        Map<String, Object> budget = new BudgetFields(maxTokens, maxCostUsd).body();
        if (!budget.isEmpty()) {
            body.put("budget", budget);
        }
        if (!plan.isBlank()) {
            try {
                body.put("plan", JSON.readTree(plan));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("checked in problems()", e);
            }
        }
        return body;
    }

    /** The API's 400, field by field: each violation starts with the field it is about (budget.maxTokens → maxTokens). */
    static Map<String, String> place(JsonNode error) {
        Map<String, String> problems = new LinkedHashMap<>();
        String message = error.path("error").asText("the API refused the mission");
        boolean plan = message.startsWith("invalid plan") || message.contains("plan");
        for (JsonNode violation : error.path("violations")) {
            String text = violation.asText();
            String field = text.split("[ :]", 2)[0].replace("budget.", "");
            if (!Views.Draft.FIELDS.contains(field)) {
                field = plan ? "plan" : "form";
            }
            problems.merge(field, text, (a, b) -> a + "; " + b);
        }
        if (problems.isEmpty()) {
            problems.put(plan ? "plan" : "form", message);
        }
        return problems;
    }

    Views.Draft draft(Map<String, String> problems, String csrf) {
        return new Views.Draft(goal, repository, baseBranch, kind, maxTokens, maxCostUsd, plan, Views.Draft.kindOptions(kind),
                problems, problems.get("form"), csrf);
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }
}

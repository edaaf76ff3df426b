package dev.missions.coordinator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missions.events.AttemptStep;
import dev.missions.events.ToolCallSummary;
import java.util.List;

/**
 * The steps droids report with their heartbeats and results, kept in the statement that applies them: all of them at
 * once, and a step seen before (a heartbeat's, sent again with the result) kept once.
 */
public final class AttemptSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttemptSteps() {
    }

    /**
     * The insert of attempts' steps, for a statement's WITH list. {@code reports} is a FROM item {@code r} with the
     * columns subtask_id, attempt and steps (the steps as JSON text: a jsonb parameter would be sent as one JSON string).
     */
    public static String insert(String reports) {
        return """
                insert into attempt_step (subtask_id, attempt, number, started_at, body)
                select r.subtask_id, r.attempt, (item ->> 'number')::int, (item ->> 'startedAt')::timestamptz, item
                  from %s, jsonb_array_elements(coalesce(r.steps, '[]')::jsonb) item
                on conflict do nothing""".formatted(reports);
    }

    /** The steps as the API shows them. */
    public static String json(List<AttemptStep> steps) {
        ArrayNode all = JSON.createArrayNode();
        for (AttemptStep step : steps) {
            ObjectNode node = all.addObject()
                    .put("number", step.getNumber())
                    .put("startedAt", step.getStartedAt().toString())
                    .put("durationMs", step.getDurationMs())
                    .put("text", step.getText());
            if (step.getUsage() != null) {
                node.putObject("usage")
                        .put("inputTokens", step.getUsage().getInputTokens())
                        .put("outputTokens", step.getUsage().getOutputTokens())
                        .put("cachedTokens", step.getUsage().getCachedTokens())
                        .put("costUsd", step.getUsage().getCostUsd());
            }
            ArrayNode calls = node.putArray("calls");
            for (ToolCallSummary call : step.getCalls()) {
                calls.addObject().put("tool", call.getTool()).put("arguments", call.getArguments())
                        .put("output", call.getOutput()).put("durationMs", call.getDurationMs());
            }
        }
        try {
            return JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("steps cannot be written as JSON", e);
        }
    }
}

package dev.missions.coordinator.attempt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missions.events.AttemptStep;
import dev.missions.events.ToolCallSummary;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the steps droids report, in the transaction of the heartbeat or result that carried them: all of them in one
 * statement, and a step seen before (a heartbeat's, sent again with the result) kept once.
 */
@ApplicationScoped
public class AttemptSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    // the parameter goes as text: the client would send a String bound for jsonb as one JSON string
    public Uni<Void> record(UUID subtaskId, int attempt, List<AttemptStep> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into attempt_step (subtask_id, attempt, number, started_at, body)
                        select ?1, ?2, (step ->> 'number')::int, (step ->> 'startedAt')::timestamptz, step
                        from jsonb_array_elements(cast(cast(?3 as text) as jsonb)) step
                        on conflict do nothing""")
                .setParameter(1, subtaskId)
                .setParameter(2, attempt)
                .setParameter(3, json(steps))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The steps as the API shows them. */
    static String json(List<AttemptStep> steps) {
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

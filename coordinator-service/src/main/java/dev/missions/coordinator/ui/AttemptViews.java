package dev.missions.coordinator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a subtask's page shows, from the API's GET /missions/{id}/subtasks/{subtaskId}: its facts, artifacts and attempts. */
final class AttemptViews {

    private static final Set<String> IN_FLIGHT = Set.of("DISPATCHED", "RUNNING");

    private AttemptViews() {
    }

    public record Fact(String name, String value) {
    }

    public record Call(String tool, String arguments, String output, String duration) {
    }

    public record Step(int number, String at, String duration, String tokens, String cost, String text, List<Call> calls) {
    }

    public record Attempt(int number, String outcome, String outcomeLabel, String dispatchedAt, String finishedAt, String took,
            String droid, String summary, String failureReason, List<Step> steps, boolean open) {
    }

    public record Detail(String missionId, String missionHref, String key, String title, String role, String status,
            String statusLabel, List<Fact> facts, List<Fact> artifacts, String lastError, List<Attempt> attempts,
            String liveHref, String trigger) {
    }

    static Detail detail(String missionId, JsonNode body, Instant now) {
        JsonNode subtask = body.path("subtask");
        String status = subtask.path("status").asText();
        String subtaskId = subtask.path("id").asText();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Cast", text(subtask.path("provider")) + "/" + text(subtask.path("model"))));
        facts.add(new Fact("Attempt", subtask.path("attempt").asText()));
        Instant lease = instant(subtask.path("leaseExpiresAt"));
        if (lease != null && IN_FLIGHT.contains(status)) {
            facts.add(new Fact("Lease", (lease.isAfter(now) ? "expires in " : "expired ") + Views.span(Duration.between(now, lease).abs())
                    + (lease.isAfter(now) ? "" : " ago")));
        }
        Instant heartbeat = instant(subtask.path("lastHeartbeatAt"));
        if (heartbeat != null && IN_FLIGHT.contains(status)) {
            facts.add(new Fact("Last heartbeat", Views.span(Duration.between(heartbeat, now)) + " ago, at step "
                    + subtask.path("lastStep").asInt()));
        }
        Instant retryAt = instant(subtask.path("retryAt"));
        if (retryAt != null && status.equals("RETRY_WAIT")) {
            facts.add(new Fact("Next attempt", "in " + Views.span(Duration.between(now, retryAt))));
        }
        List<Fact> artifacts = new ArrayList<>();
        subtask.path("artifacts").properties().forEach(artifact -> artifacts.add(new Fact(artifact.getKey(),
                artifact.getValue().asText())));
        List<Attempt> attempts = new ArrayList<>();
        JsonNode all = body.path("attempts");
        for (int i = all.size() - 1; i >= 0; i--) { // newest first: the one people came for
            attempts.add(attempt(all.get(i), now, i == all.size() - 1));
        }
        String live = "/ui/missions/" + missionId + "/subtasks/" + subtaskId + "/live";
        // steps arrive with heartbeats, which are no mission events: a running attempt is also fetched again every few seconds
        String trigger = "sse:mission-" + missionId + " delay:50ms" + (IN_FLIGHT.contains(status) ? ", every 3s" : "");
        return new Detail(missionId, "/ui/missions/" + missionId, subtask.path("key").asText(), text(subtask.path("title")),
                Views.label(text(subtask.path("role"))), status, Views.label(status), facts, artifacts,
                text(subtask.path("lastError")), attempts, live, trigger);
    }

    private static Attempt attempt(JsonNode attempt, Instant now, boolean newest) {
        Instant dispatched = instant(attempt.path("dispatchedAt"));
        Instant finished = instant(attempt.path("finishedAt"));
        String outcome = text(attempt.path("outcome"));
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : attempt.path("steps")) {
            List<Call> calls = new ArrayList<>();
            for (JsonNode call : step.path("calls")) {
                calls.add(new Call(call.path("tool").asText(), call.path("arguments").asText(), call.path("output").asText(),
                        millis(call.path("durationMs").asLong())));
            }
            JsonNode usage = step.path("usage");
            steps.add(new Step(step.path("number").asInt(), time(instant(step.path("startedAt"))),
                    millis(step.path("durationMs").asLong()),
                    String.format(Locale.ROOT, "%,d", usage.path("inputTokens").asLong() + usage.path("outputTokens").asLong()),
                    Views.usd(usage.path("costUsd").asDouble()), text(step.path("text")), calls));
        }
        Instant end = finished != null ? finished : now;
        return new Attempt(attempt.path("attempt").asInt(), outcome == null ? "RUNNING" : outcome,
                outcome == null ? "In progress or lost" : Views.label(outcome), time(dispatched), time(finished),
                dispatched == null ? "" : Views.span(Duration.between(dispatched, end)), text(attempt.path("droidId")),
                text(attempt.path("summary")), text(attempt.path("failureReason")), steps, newest);
    }

    private static String millis(long ms) {
        return ms < 1_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static Instant instant(JsonNode node) {
        String text = text(node);
        return text == null ? null : Instant.parse(text);
    }
}

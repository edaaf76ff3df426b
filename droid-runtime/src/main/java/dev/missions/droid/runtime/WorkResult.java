package dev.missions.droid.runtime;

import dev.missions.events.Outcome;
import dev.missions.events.Usage;
import java.util.Map;
import java.util.Objects;

/** What one attempt produced, before the runtime adds identity, causation and casting. */
public record WorkResult(Outcome outcome, String summary, String failureReason, Map<String, String> artifacts,
        Usage usage) {

    public WorkResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        artifacts = Map.copyOf(artifacts == null ? Map.of() : artifacts);
    }

    public static WorkResult succeeded(String summary, Map<String, String> artifacts) {
        return new WorkResult(Outcome.SUCCEEDED, summary, null, artifacts, null);
    }

    public static WorkResult failed(String summary, String failureReason) {
        return new WorkResult(Outcome.FAILED, summary, failureReason, Map.of(), null);
    }

    public WorkResult withUsage(Usage usage) {
        return new WorkResult(outcome, summary, failureReason, artifacts, usage);
    }
}

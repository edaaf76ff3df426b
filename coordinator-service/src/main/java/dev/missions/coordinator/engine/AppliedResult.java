package dev.missions.coordinator.engine;

import java.util.UUID;

/** A droid's result as its subtask_result row keeps it, with its steps as JSON; stored only with a decision it made. */
public record AppliedResult(UUID subtaskId, int attempt, String eventId, String outcome, String droidId, String summary,
        String failureReason, String stepsJson) {
}

package dev.missions.coordinator.attempt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One attempt of a subtask as the API shows it: when it was dispatched and applied, how it ended, and its steps as the
 * droid summarized them (an attempt still running has steps and no outcome yet).
 */
public record AttemptView(int attempt, Instant dispatchedAt, Instant finishedAt, String outcome, String droidId,
        String summary, String failureReason, JsonNode steps) {
}

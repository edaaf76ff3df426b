package dev.missions.coordinator.core;

import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import java.util.Map;
import java.util.UUID;

/** What a decision asks the world to do, in order, in the transaction that stores it. */
public sealed interface Effect {

    /** An event on the mission's timeline and on {@code missions.events}; {@code status} is the mission's at that point. */
    record Announce(MissionEventType type, MissionStatus status, UUID subtaskId, Role role, Integer attempt, String message,
            Map<String, String> attributes) implements Effect {
    }

    /**
     * An attempt cast to its role's droids, announced as SUBTASK_STARTED with {@code message}. The remaining budget lets
     * the droid stop before the mission crosses it; null is unlimited.
     */
    record Dispatch(UUID subtaskId, int attempt, MissionStatus status, Map<String, String> inputs, Long remainingTokens,
            Double remainingCostUsd, String message) implements Effect {
    }

    /** A subtask that used its last attempt, kept for a person. */
    record DeadLetter(UUID subtaskId, int attempt, String reason) implements Effect {
    }
}

package dev.missions.coordinator.core;

/** Where a subtask is; the moves between them are {@link Transitions}'. */
public enum SubtaskStatus {
    PENDING, DISPATCHED, RUNNING, RETRY_WAIT, SUCCEEDED, FAILED, DEAD,
    /** Dropped by a re-plan: kept for the record, no longer part of the mission's plan. */
    REPLACED;

    public boolean isInFlight() {
        return this == DISPATCHED || this == RUNNING;
    }
}

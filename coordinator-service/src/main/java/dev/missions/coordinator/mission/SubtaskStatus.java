package dev.missions.coordinator.mission;

public enum SubtaskStatus {
    PENDING, DISPATCHED, RUNNING, RETRY_WAIT, SUCCEEDED, FAILED, DEAD,
    /** Dropped by a re-plan: kept for the record, no longer part of the mission's plan. */
    REPLACED;

    public boolean isInFlight() {
        return this == DISPATCHED || this == RUNNING;
    }

    /** The subtasks of the current plan: everything a re-plan has not dropped. */
    public static java.util.List<Subtask> live(java.util.List<Subtask> subtasks) {
        return subtasks.stream().filter(s -> s.status != REPLACED).toList();
    }
}

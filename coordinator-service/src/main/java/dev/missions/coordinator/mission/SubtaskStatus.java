package dev.missions.coordinator.mission;

public enum SubtaskStatus {
    PENDING, DISPATCHED, RUNNING, RETRY_WAIT, SUCCEEDED, FAILED, DEAD;

    public boolean isInFlight() {
        return this == DISPATCHED || this == RUNNING;
    }
}

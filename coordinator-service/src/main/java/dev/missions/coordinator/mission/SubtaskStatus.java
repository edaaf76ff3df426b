package dev.missions.coordinator.mission;

public enum SubtaskStatus {
    PENDING, DISPATCHED, RUNNING, SUCCEEDED, FAILED, DEAD;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == DEAD;
    }
}

package dev.missions.coordinator.engine;

import dev.missions.coordinator.core.MissionState;

/**
 * A mission as one read found it: its charter, its state and the version that read saw. A write applies only while the
 * version is still the stored one; {@code delivered} says the event being applied was applied before.
 */
public record MissionRecord(long version, Charter charter, MissionState state, boolean delivered) {
}

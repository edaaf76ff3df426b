package dev.missions.coordinator.engine;

import dev.missions.coordinator.core.MissionState;

/**
 * A mission as one read found it: its charter, its state and the version that read saw. A write applies only while the
 * version is still the stored one.
 */
public record MissionRecord(long version, Charter charter, MissionState state) {

    /** The same mission after a decision not yet written: later decisions of the same batch build on it. */
    MissionRecord then(MissionState next) {
        return new MissionRecord(version, charter, next);
    }
}

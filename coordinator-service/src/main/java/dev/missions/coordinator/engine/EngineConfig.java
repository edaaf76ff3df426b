package dev.missions.coordinator.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the coordinator drives subtasks: leases, retries and review rounds. */
@ConfigMapping(prefix = "missions.engine")
public interface EngineConfig {

    /**
     * How long a started attempt may go without a heartbeat before it is presumed dead: four of the droids' 2 s
     * beats, so a killed droid's task is dispatched again within about 10 s (decision 0022).
     */
    @WithDefault("8s")
    Duration lease();

    /**
     * How long a dispatched attempt may wait for a droid to start it (its first heartbeat). Longer than the lease:
     * a task may queue behind busy droids of its role, and nothing is lost while it waits on the topic.
     */
    @WithDefault("10m")
    Duration pickupTimeout();

    /** Attempts per subtask before it is dead-lettered and the mission blocked. */
    @WithDefault("3")
    int maxAttempts();

    /** First retry delay; doubles per attempt, with jitter, up to {@link #maxRetryDelay()}. */
    @WithDefault("2s")
    Duration retryDelay();

    @WithDefault("5m")
    Duration maxRetryDelay();

    /** How often leases and retry timers are checked. */
    @WithDefault("1s")
    Duration timerInterval();

    /** Fix rounds (review asks for changes, or tests fail) before the mission waits for a person. */
    @WithDefault("3")
    int maxReworkRounds();

    /**
     * Re-plans of the remaining work per mission after a subtask failed for good (0 = never re-plan).
     * Needs a planner model: the built-in template cannot plan around a failure.
     */
    @WithDefault("1")
    int maxReplans();
}

package dev.missions.coordinator.analytics;

import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import java.time.Instant;
import java.util.Map;

/** GET /analytics: figures over the missions created since {@code since} (all missions when null). */
public record Analytics(Instant since, Missions missions, Durations durations, Map<Role, Usage> usageByRole,
        Map<Source, Usage> usageBySource, long retries, long deadLetters) {

    /** {@code successRate} is SUCCEEDED over finished (SUCCEEDED, FAILED, CANCELLED); null when none finished. */
    public record Missions(long total, Map<MissionStatus, Long> byStatus, long finished, long succeeded, Double successRate) {
    }

    /** Creation to finish of finished missions, in seconds; null figures when none finished. */
    public record Durations(long finished, Double medianSeconds, Double p90Seconds, Double shareOver4h, Double shareOver24h) {
    }

    public record Usage(long inputTokens, long outputTokens, long cachedTokens, long tokens, double costUsd) {
    }
}

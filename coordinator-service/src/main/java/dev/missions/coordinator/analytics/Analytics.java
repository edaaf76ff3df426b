package dev.missions.coordinator.analytics;

import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * GET /analytics: figures over the missions created since {@code since} (all missions when null). Usage by model is
 * keyed {@code provider/model}, as each subtask was cast.
 */
public record Analytics(Instant since, Missions missions, Durations durations, List<Day> perDay, Map<Role, Usage> usageByRole,
        Map<String, Usage> usageByModel, Map<Source, Usage> usageBySource, long retries, long deadLetters) {

    /** {@code successRate} is SUCCEEDED over finished (SUCCEEDED, FAILED, CANCELLED); null when none finished. */
    public record Missions(long total, Map<MissionStatus, Long> byStatus, long finished, long succeeded, Double successRate) {
    }

    /** Creation to finish of finished missions, in seconds; null figures when none finished. */
    public record Durations(long finished, Double medianSeconds, Double p90Seconds, Double shareOver4h, Double shareOver24h) {
    }

    /** The missions created on one day (UTC) by their status now; only days with missions, oldest first. */
    public record Day(LocalDate day, long total, Map<MissionStatus, Long> byStatus) {
    }

    public record Usage(long inputTokens, long outputTokens, long cachedTokens, long tokens, double costUsd) {
    }
}

package dev.missions.coordinator.listing;

import dev.missions.coordinator.core.Spent;
import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of GET /missions, newest first; {@code total} counts every match, not just this page; {@code counts} are the
 * matches per status, over every filter but the status (what a dashboard shows beside its status filter).
 */
public record MissionPage(List<Summary> items, long total, int limit, int offset, Map<MissionStatus, Long> counts) {

    /** {@code progress}: subtasks of the current plan that succeeded, of all of them. */
    public record Summary(UUID id, String goal, String title, MissionStatus status, Source source, String sourceReference,
            String sourceUrl, String repository, Instant createdAt, Instant updatedAt, Spent usage, Progress progress) {
    }

    public record Progress(long done, long total) {
    }
}

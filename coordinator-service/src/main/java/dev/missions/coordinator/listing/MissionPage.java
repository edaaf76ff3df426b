package dev.missions.coordinator.listing;

import dev.missions.coordinator.budget.Spend;
import dev.missions.coordinator.mission.Mission;
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
            String sourceUrl, String repository, Instant createdAt, Instant updatedAt, Spend usage, Progress progress) {

        static Summary of(Mission mission, Progress progress) {
            return new Summary(mission.id, mission.goal, mission.title, mission.status, mission.source, mission.sourceReference,
                    mission.sourceUrl, mission.repository, mission.createdAt, mission.updatedAt,
                    mission.spend == null ? new Spend() : mission.spend, progress == null ? Progress.NONE : progress);
        }
    }

    public record Progress(long done, long total) {
        static final Progress NONE = new Progress(0, 0);
    }
}

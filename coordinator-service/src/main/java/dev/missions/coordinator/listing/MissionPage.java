package dev.missions.coordinator.listing;

import dev.missions.coordinator.budget.Spend;
import dev.missions.coordinator.mission.Mission;
import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One page of GET /missions, newest first; {@code total} counts every match, not just this page. */
public record MissionPage(List<Summary> items, long total, int limit, int offset) {

    public record Summary(UUID id, String goal, String title, MissionStatus status, Source source, String repository,
            Instant createdAt, Instant updatedAt, Spend usage) {

        static Summary of(Mission mission) {
            return new Summary(mission.id, mission.goal, mission.title, mission.status, mission.source, mission.repository,
                    mission.createdAt, mission.updatedAt, mission.spend == null ? new Spend() : mission.spend);
        }
    }
}

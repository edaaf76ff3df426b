package dev.missions.coordinator.api;

import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.Subtask;

import dev.missions.coordinator.timeline.Timeline;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Reads a mission with its subtasks and timeline for the API. */
@ApplicationScoped
public class MissionViews {

    @Inject
    Timeline timeline;

    /** The mission's view, or null when there is no such mission. */
    @WithSession
    public Uni<MissionView> of(UUID missionId) {
        return Mission.<Mission>findById(missionId).flatMap(mission -> mission == null ? Uni.createFrom().nullItem()
                : of(mission));
    }

    /** The view of a mission already loaded in the current session. */
    public Uni<MissionView> of(Mission mission) {
        return Subtask.ofMission(mission.id).flatMap(subtasks -> timeline.of(mission.id)
                .map(events -> MissionView.of(mission, subtasks, events)));
    }
}

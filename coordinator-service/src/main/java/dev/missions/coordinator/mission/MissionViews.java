package dev.missions.coordinator.mission;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads a mission with its subtasks for the API. */
@ApplicationScoped
public class MissionViews {

    /** The mission's view, or null when there is no such mission. */
    @WithSession
    public Uni<MissionView> of(UUID missionId) {
        return Mission.<Mission>findById(missionId).flatMap(mission -> mission == null ? Uni.createFrom().nullItem()
                : Subtask.ofMission(missionId).map(subtasks -> MissionView.of(mission, subtasks)));
    }
}

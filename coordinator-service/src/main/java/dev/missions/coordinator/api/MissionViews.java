package dev.missions.coordinator.api;

import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.timeline.Timeline;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads a mission with its subtasks and timeline for the API: two statements, as the engine and the timeline store them. */
@ApplicationScoped
public class MissionViews {

    private final MissionEngine engine;
    private final Timeline timeline;

    public MissionViews(MissionEngine engine, Timeline timeline) {
        this.engine = engine;
        this.timeline = timeline;
    }

    /** The mission's view, or null when there is no such mission. */
    public Uni<MissionView> of(UUID missionId) {
        return engine.read(missionId).flatMap(record -> record == null ? Uni.createFrom().nullItem()
                : timeline.of(missionId).map(events -> MissionView.of(record, events)));
    }
}

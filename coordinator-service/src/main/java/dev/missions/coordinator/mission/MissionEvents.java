package dev.missions.coordinator.mission;

import dev.missions.outbox.Outbox;
import dev.missions.coordinator.timeline.Timeline;
import dev.missions.events.EventMeta;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.SourceRef;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/** Announces mission progress on {@code missions.events}, through the outbox, and keeps it on the mission's timeline. */
@ApplicationScoped
public class MissionEvents {

    @Inject
    Outbox outbox;

    @Inject
    Timeline timeline;

    public static EventMeta meta(Mission mission, String causationId) {
        return Metas.next(mission.id.toString(), mission.correlationId, causationId, Instant.now());
    }

    public Uni<Void> announce(Mission mission, MissionEventType type, String message, String causationId) {
        return announce(mission, type, null, message, causationId, Map.of());
    }

    public Uni<Void> announce(Mission mission, MissionEventType type, Subtask subtask, String message, String causationId,
            Map<String, String> attributes) {
        MissionEvent event = MissionEvent.newBuilder()
                .setMeta(meta(mission, causationId))
                .setType(type)
                .setStatus(mission.status)
                .setSubtaskId(subtask == null ? null : subtask.id.toString())
                .setRole(subtask == null ? null : subtask.role)
                .setAttempt(subtask == null ? null : subtask.attempt)
                .setMessage(message)
                .setOrigin(SourceRef.newBuilder().setSource(mission.source)
                        .setReference(mission.sourceReference).setUrl(mission.sourceUrl).build())
                .setAttributes(attributes)
                .build();
        return outbox.add(Topic.MISSION_EVENTS, mission.id.toString(), event).chain(() -> timeline.record(event));
    }
}

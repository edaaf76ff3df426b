package dev.missions.coordinator.engine;

import dev.missions.coordinator.mission.Mission;

import dev.missions.coordinator.core.Effect;
import dev.missions.coordinator.timeline.Timeline;
import dev.missions.events.EventMeta;
import dev.missions.events.MissionEvent;
import dev.missions.events.SourceRef;
import dev.missions.outbox.Outbox;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Announces mission progress on {@code missions.events}, through the outbox, and keeps it on the mission's timeline. */
@ApplicationScoped
public class MissionEvents {

    private final Outbox outbox;
    private final Timeline timeline;

    public MissionEvents(Outbox outbox, Timeline timeline) {
        this.outbox = outbox;
        this.timeline = timeline;
    }

    public static EventMeta meta(Mission mission, String causationId) {
        return Metas.next(mission.id.toString(), mission.correlationId, causationId, Instant.now());
    }

    public Uni<Void> announce(Mission mission, Effect.Announce announce, String causationId) {
        MissionEvent event = MissionEvent.newBuilder()
                .setMeta(meta(mission, causationId))
                .setType(announce.type())
                .setStatus(announce.status())
                .setSubtaskId(announce.subtaskId() == null ? null : announce.subtaskId().toString())
                .setRole(announce.role())
                .setAttempt(announce.attempt())
                .setMessage(announce.message())
                .setOrigin(SourceRef.newBuilder().setSource(mission.source)
                        .setReference(mission.sourceReference).setUrl(mission.sourceUrl).build())
                .setAttributes(announce.attributes())
                .build();
        return outbox.add(Topic.MISSION_EVENTS, mission.id.toString(), event).chain(() -> timeline.record(event));
    }
}

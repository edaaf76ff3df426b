package dev.missions.coordinator.engine;

import dev.missions.coordinator.core.Effect;
import dev.missions.events.EventMeta;
import dev.missions.events.MissionEvent;
import dev.missions.events.SourceRef;
import dev.missions.schemas.Metas;
import java.time.Instant;

/** Mission progress as announced on {@code missions.events} and kept on the mission's timeline. */
final class MissionEvents {

    private MissionEvents() {
    }

    static EventMeta meta(Charter charter, String causationId) {
        return Metas.next(charter.id().toString(), charter.correlationId(), causationId, Instant.now());
    }

    static MissionEvent of(Charter charter, Effect.Announce announce, String causationId) {
        return MissionEvent.newBuilder()
                .setMeta(meta(charter, causationId))
                .setType(announce.type())
                .setStatus(announce.status())
                .setSubtaskId(announce.subtaskId() == null ? null : announce.subtaskId().toString())
                .setRole(announce.role())
                .setAttempt(announce.attempt())
                .setMessage(announce.message())
                .setOrigin(SourceRef.newBuilder().setSource(charter.source())
                        .setReference(charter.sourceReference()).setUrl(charter.sourceUrl()).build())
                .setAttributes(announce.attributes())
                .build();
    }
}

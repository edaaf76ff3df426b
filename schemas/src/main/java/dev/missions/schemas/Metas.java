package dev.missions.schemas;

import dev.missions.events.EventMeta;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The {@link EventMeta} of a new event: a fresh id, now (to the millisecond the wire keeps), and its causal chain. */
public final class Metas {

    private Metas() {
    }

    /** An event that starts a chain of its own, e.g. a request or a command a person sent. */
    public static EventMeta first(String missionId) {
        return next(missionId, missionId, null, Instant.now());
    }

    /** An event caused by {@code cause}: same mission and correlation, {@code cause} as its causation. */
    public static EventMeta causedBy(EventMeta cause, Instant now) {
        return next(cause.getMissionId(), cause.getCorrelationId(), cause.getEventId(), now);
    }

    public static EventMeta next(String missionId, String correlationId, String causationId, Instant now) {
        return EventMeta.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now.truncatedTo(ChronoUnit.MILLIS))
                .setMissionId(missionId)
                .setCorrelationId(correlationId)
                .setCausationId(causationId)
                .build();
    }
}

package dev.missions.coordinator.timeline;

import dev.missions.coordinator.mission.Json;
import dev.missions.coordinator.core.Transitions;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** A timeline entry as the API shows it, in GET /missions/{id} and as SSE data. */
public record TimelineEvent(long id, UUID missionId, String eventId, MissionEventType type, MissionStatus status,
        UUID subtaskId, Role role, Integer attempt, String message, Map<String, String> attributes, Instant occurredAt) {

    static final String COLUMNS = "id, mission_id, event_id, type, status, subtask_id, role, attempt, message, attributes, occurred_at";

    /** After this event the mission changes no more, so a stream may end. */
    public boolean isFinal() {
        return Transitions.isFinal(status);
    }

    static TimelineEvent of(Row row) {
        String role = row.getString("role");
        return new TimelineEvent(row.getLong("id"), row.getUUID("mission_id"), row.getString("event_id"),
                MissionEventType.valueOf(row.getString("type")), MissionStatus.valueOf(row.getString("status")),
                row.getUUID("subtask_id"), role == null ? null : Role.valueOf(role), row.getInteger("attempt"),
                row.getString("message"), Json.read(row.getString("attributes")),
                row.getOffsetDateTime("occurred_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant());
    }
}

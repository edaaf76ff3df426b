package dev.missions.gateway.outbound;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * An open row of {@code notification}: what {@link Notifier} needs to send it. {@code dueAt} is kept as read, so a
 * claim can compare it with the stored value exactly.
 *
 * @param payload the MissionEvent, plain Avro binary
 */
record Notification(long id, String missionId, Target target, byte[] payload, int attempts, OffsetDateTime dueAt) {

    /** The columns {@link #of} reads, in a select's list. */
    static final String COLUMNS = "id, mission_id, target, payload, attempts, due_at";

    /** A new notification, due now; attempts, done_at, dead_at and last_error keep their defaults. */
    static final String INSERT = """
            insert into notification (mission_id, target, payload, due_at, created_at) values ($1, $2, $3, $4, $5)""";

    static Notification of(Row row) {
        return new Notification(row.getLong("id"), row.getString("mission_id"), Target.valueOf(row.getString("target")),
                row.getBuffer("payload").getBytes(), row.getInteger("attempts"), row.getOffsetDateTime("due_at"));
    }
}

package dev.missions.coordinator.timeline;

import dev.missions.coordinator.mission.Json;
import dev.missions.events.MissionEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The mission timeline. Written in the announcing transaction; read with plain SQL so a stream can poll
 * from any thread. Per mission, ids follow commit order: every announcing transaction holds the mission's
 * row lock (or creates the mission), so a reader polling "after the last id" misses nothing.
 */
@ApplicationScoped
public class Timeline {

    static final int BATCH = 500;

    @Inject
    Pool client;

    /** Stores the event in the caller's transaction. */
    public Uni<Void> record(MissionEvent event) {
        TimelineRow row = new TimelineRow();
        row.missionId = UUID.fromString(event.getMeta().getMissionId());
        row.eventId = event.getMeta().getEventId();
        row.type = event.getType().name();
        row.status = event.getStatus().name();
        row.subtaskId = event.getSubtaskId() == null ? null : UUID.fromString(event.getSubtaskId());
        row.role = event.getRole() == null ? null : event.getRole().name();
        row.attempt = event.getAttempt();
        row.message = event.getMessage();
        row.attributes = Json.write(event.getAttributes());
        row.occurredAt = event.getMeta().getOccurredAt();
        return row.persist().replaceWithVoid();
    }

    /** The whole timeline of a mission, oldest first. */
    public Uni<List<TimelineEvent>> of(UUID missionId) {
        return query("select " + TimelineEvent.COLUMNS + " from mission_event where mission_id = $1 order by id",
                Tuple.of(missionId));
    }

    /** Up to one batch of events after {@code afterId}, oldest first. */
    public Uni<List<TimelineEvent>> after(UUID missionId, long afterId) {
        return query("select " + TimelineEvent.COLUMNS + " from mission_event where mission_id = $1 and id > $2 order by id limit "
                + BATCH, Tuple.of(missionId, afterId));
    }

    /** Up to one batch of every mission's events after {@code afterId}, oldest first (GET /events). */
    public Uni<List<TimelineEvent>> afterAll(long afterId) {
        return query("select " + TimelineEvent.COLUMNS + " from mission_event where id > $1 order by id limit " + BATCH,
                Tuple.of(afterId));
    }

    /** The newest timeline id, 0 when there is none. */
    public Uni<Long> latestId() {
        return client.query("select coalesce(max(id), 0) as latest from mission_event").execute()
                .map(rows -> rows.iterator().next().getLong("latest"));
    }

    private Uni<List<TimelineEvent>> query(String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(rows -> {
            List<TimelineEvent> events = new ArrayList<>();
            rows.forEach(row -> events.add(TimelineEvent.of(row)));
            return events;
        });
    }
}

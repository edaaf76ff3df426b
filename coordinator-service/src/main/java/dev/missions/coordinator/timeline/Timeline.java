package dev.missions.coordinator.timeline;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The mission timeline, as the mission store writes it with each decision. Per mission, ids follow commit order: a
 * decision's statement takes its events' ids only after it updated (so locked) the mission's row, or created it, and
 * holds that lock until it commits, so a reader polling "after the last id" misses nothing.
 */
@ApplicationScoped
public class Timeline {

    static final int BATCH = 500;

    @Inject
    Pool client;

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

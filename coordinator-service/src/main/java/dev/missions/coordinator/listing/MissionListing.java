package dev.missions.coordinator.listing;

import dev.missions.coordinator.mission.Mission;
import dev.missions.events.MissionStatus;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Finds missions for GET /missions. */
@ApplicationScoped
public class MissionListing {

    // id breaks ties, so pages do not overlap when missions share a creation instant
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "id");

    private final Pool client;

    public MissionListing(Pool client) {
        this.client = client;
    }

    @WithSession
    public Uni<MissionPage> page(MissionFilter filter) {
        String where = filter.where();
        PanacheQuery<Mission> query = where.isEmpty() ? Mission.findAll(NEWEST_FIRST)
                : Mission.find(where, NEWEST_FIRST, filter.parameters());
        int lastIndex = (int) Math.min((long) filter.offset() + filter.limit() - 1, Integer.MAX_VALUE);
        return query.range(filter.offset(), lastIndex).list()
                .flatMap(missions -> counts(filter).flatMap(counts -> progress(missions).map(progress -> new MissionPage(
                        missions.stream().map(mission -> MissionPage.Summary.of(mission, progress.get(mission.id))).toList(),
                        total(filter, counts), filter.limit(), filter.offset(), counts))));
    }

    /** Every status with its count (zero included), so a client can show them all without knowing the statuses. */
    private Uni<Map<MissionStatus, Long>> counts(MissionFilter filter) {
        String where = filter.whereAnyStatus();
        String hql = "select status, count(*) from Mission" + (where.isEmpty() ? "" : " where " + where) + " group by status";
        return Mission.getSession().flatMap(session -> {
            var query = session.createSelectionQuery(hql, Object[].class);
            filter.parametersAnyStatus().forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> {
            Map<MissionStatus, Long> counts = new EnumMap<>(MissionStatus.class);
            for (MissionStatus status : MissionStatus.values()) {
                counts.put(status, 0L);
            }
            rows.forEach(row -> counts.put((MissionStatus) row[0], ((Number) row[1]).longValue()));
            return counts;
        });
    }

    private static long total(MissionFilter filter, Map<MissionStatus, Long> counts) {
        return filter.status() != null ? counts.get(filter.status())
                : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Done and total subtasks of the page's missions, in one query; a re-plan's dropped subtasks do not count. */
    private Uni<Map<UUID, MissionPage.Progress>> progress(List<Mission> missions) {
        if (missions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        UUID[] ids = missions.stream().map(mission -> mission.id).toArray(UUID[]::new);
        return client.preparedQuery("select mission_id, count(*) filter (where status = 'SUCCEEDED') as done,"
                + " count(*) filter (where status <> 'REPLACED') as total from subtask where mission_id = any($1) group by mission_id")
                .execute(Tuple.of(ids)).map(rows -> {
                    Map<UUID, MissionPage.Progress> progress = new HashMap<>();
                    rows.forEach(row -> progress.put(row.getUUID("mission_id"),
                            new MissionPage.Progress(row.getLong("done"), row.getLong("total"))));
                    return progress;
                });
    }
}

package dev.missions.coordinator.listing;

import dev.missions.coordinator.core.Spent;
import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Finds missions for GET /missions. */
@ApplicationScoped
public class MissionListing {

    /**
     * The page's missions with their progress: done and total subtasks, where a re-plan's dropped ones do not count.
     * The id breaks ties, so pages do not overlap when missions share a creation instant.
     */
    private static final String PAGE = """
            select m.id, m.goal, m.title, m.status, m.source, m.source_reference, m.source_url, m.repository,
                   m.created_at, m.updated_at, m.input_tokens, m.output_tokens, m.cached_tokens, m.cost_usd, m.steps,
                   p.done, p.total
              from mission m
              cross join lateral (select count(*) filter (where s.status = 'SUCCEEDED') as done,
                                         count(*) filter (where s.status <> 'REPLACED') as total
                                    from subtask s where s.mission_id = m.id) p
            %s order by m.created_at desc, m.id desc limit %s offset %s""";

    private final Pool client;

    public MissionListing(Pool client) {
        this.client = client;
    }

    public Uni<MissionPage> page(MissionFilter filter) {
        Tuple arguments = filter.arguments();
        int n = arguments.size();
        String sql = PAGE.formatted(filter.where(), "$" + (n + 1), "$" + (n + 2));
        Uni<List<MissionPage.Summary>> items = client.preparedQuery(sql)
                .execute(arguments.addInteger(filter.limit()).addInteger(filter.offset()))
                .map(rows -> {
                    List<MissionPage.Summary> summaries = new ArrayList<>();
                    rows.forEach(row -> summaries.add(summary(row)));
                    return summaries;
                });
        return items.flatMap(summaries -> counts(filter).map(counts -> new MissionPage(summaries, total(filter, counts),
                filter.limit(), filter.offset(), counts)));
    }

    /** Every status with its count (zero included), so a client can show them all without knowing the statuses. */
    private Uni<Map<MissionStatus, Long>> counts(MissionFilter filter) {
        return client.preparedQuery("select status, count(*) as n from mission" + filter.whereAnyStatus() + " group by status")
                .execute(filter.argumentsAnyStatus()).map(rows -> {
                    Map<MissionStatus, Long> counts = new EnumMap<>(MissionStatus.class);
                    for (MissionStatus status : MissionStatus.values()) {
                        counts.put(status, 0L);
                    }
                    rows.forEach(row -> counts.put(MissionStatus.valueOf(row.getString("status")), row.getLong("n")));
                    return counts;
                });
    }

    private static long total(MissionFilter filter, Map<MissionStatus, Long> counts) {
        return filter.status() != null ? counts.get(filter.status())
                : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static MissionPage.Summary summary(Row row) {
        return new MissionPage.Summary(row.getUUID("id"), row.getString("goal"), row.getString("title"),
                MissionStatus.valueOf(row.getString("status")), Source.valueOf(row.getString("source")),
                row.getString("source_reference"), row.getString("source_url"), row.getString("repository"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")),
                new Spent(row.getLong("input_tokens"), row.getLong("output_tokens"), row.getLong("cached_tokens"),
                        row.getDouble("cost_usd"), row.getInteger("steps")),
                new MissionPage.Progress(row.getLong("done"), row.getLong("total")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

package dev.missions.coordinator.analytics;

import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Computes {@link Analytics} in PostgreSQL, over missions created since a given instant. */
@ApplicationScoped
public class AnalyticsQueries {

    private static final String FINISHED = "status in ('SUCCEEDED', 'FAILED', 'CANCELLED')";
    private static final String SECONDS = "extract(epoch from updated_at - created_at)::double precision";

    private static final String BY_STATUS = "select status, count(*) as n from mission where created_at >= $1 group by status";
    // a finished mission's last change is its finish, so updated_at - created_at is its duration
    private static final String DURATIONS = "select count(*) as n,"
            + " percentile_cont(0.5) within group (order by " + SECONDS + ") as median,"
            + " percentile_cont(0.9) within group (order by " + SECONDS + ") as p90,"
            + " count(*) filter (where updated_at - created_at > interval '4 hours') as over4h,"
            + " count(*) filter (where updated_at - created_at > interval '24 hours') as over24h"
            + " from mission where created_at >= $1 and " + FINISHED;
    private static final String PER_DAY = "select (created_at at time zone 'UTC')::date as day, status, count(*) as n"
            + " from mission where created_at >= $1 group by 1, 2 order by 1";
    private static final String USAGE = "sum(input_tokens)::bigint as input, sum(output_tokens)::bigint as output,"
            + " sum(cached_tokens)::bigint as cached, sum(cost_usd) as cost";
    private static final String BY_ROLE = "select s.role as key, " + USAGE.replace("sum(", "sum(s.")
            + " from subtask s join mission m on m.id = s.mission_id where m.created_at >= $1 group by s.role";
    private static final String BY_MODEL = "select s.provider || '/' || s.model as key, " + USAGE.replace("sum(", "sum(s.")
            + " from subtask s join mission m on m.id = s.mission_id where m.created_at >= $1 group by 1";
    private static final String BY_SOURCE = "select source as key, " + USAGE + " from mission where created_at >= $1 group by source";
    private static final String RETRIES = "select coalesce(sum(greatest(s.attempt - 1, 0)), 0)::bigint as n"
            + " from subtask s join mission m on m.id = s.mission_id where m.created_at >= $1";
    private static final String DEAD_LETTERS = "select count(*) as n from dead_letter d join mission m on m.id = d.mission_id"
            + " where m.created_at >= $1";

    @Inject
    Pool client;

    public Uni<Analytics> since(Instant since) {
        Tuple from = Tuple.of(OffsetDateTime.ofInstant(since == null ? Instant.EPOCH : since, ZoneOffset.UTC));
        return Uni.combine().all().unis(query(BY_STATUS, from), query(DURATIONS, from), query(PER_DAY, from), query(BY_ROLE, from),
                query(BY_MODEL, from), query(BY_SOURCE, from), query(RETRIES, from), query(DEAD_LETTERS, from))
                .asTuple().map(r -> new Analytics(since, missions(r.getItem1()), durations(first(r.getItem2())), days(r.getItem3()),
                        usage(r.getItem4(), Role.class), usage(r.getItem5(), name -> name, new TreeMap<>()),
                        usage(r.getItem6(), Source.class), first(r.getItem7()).getLong("n"), first(r.getItem8()).getLong("n")));
    }

    private Uni<RowSet<Row>> query(String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args);
    }

    private static Row first(RowSet<Row> rows) {
        return rows.iterator().next();
    }

    private static Analytics.Missions missions(RowSet<Row> rows) {
        Map<MissionStatus, Long> byStatus = zeros();
        rows.forEach(row -> byStatus.put(MissionStatus.valueOf(row.getString("status")), row.getLong("n")));
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long succeeded = byStatus.get(MissionStatus.SUCCEEDED);
        long finished = succeeded + byStatus.get(MissionStatus.FAILED) + byStatus.get(MissionStatus.CANCELLED);
        return new Analytics.Missions(total, byStatus, finished, succeeded, finished == 0 ? null : (double) succeeded / finished);
    }

    private static List<Analytics.Day> days(RowSet<Row> rows) {
        Map<LocalDate, Map<MissionStatus, Long>> days = new TreeMap<>();
        rows.forEach(row -> days.computeIfAbsent(row.getLocalDate("day"), day -> zeros())
                .put(MissionStatus.valueOf(row.getString("status")), row.getLong("n")));
        List<Analytics.Day> perDay = new ArrayList<>();
        days.forEach((day, byStatus) -> perDay.add(new Analytics.Day(day, byStatus.values().stream().mapToLong(Long::longValue).sum(),
                byStatus)));
        return perDay;
    }

    private static Map<MissionStatus, Long> zeros() {
        Map<MissionStatus, Long> byStatus = new EnumMap<>(MissionStatus.class);
        for (MissionStatus status : MissionStatus.values()) {
            byStatus.put(status, 0L);
        }
        return byStatus;
    }

    private static Analytics.Durations durations(Row row) {
        long finished = row.getLong("n");
        return new Analytics.Durations(finished, row.getDouble("median"), row.getDouble("p90"),
                share(row.getLong("over4h"), finished), share(row.getLong("over24h"), finished));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static <K extends Enum<K>> Map<K, Analytics.Usage> usage(RowSet<Row> rows, Class<K> keys) {
        return usage(rows, name -> Enum.valueOf(keys, name), new EnumMap<>(keys));
    }

    private static <K> Map<K, Analytics.Usage> usage(RowSet<Row> rows, Function<String, K> key, Map<K, Analytics.Usage> usage) {
        rows.forEach(row -> {
            long input = row.getLong("input");
            long output = row.getLong("output");
            usage.put(key.apply(row.getString("key")),
                    new Analytics.Usage(input, output, row.getLong("cached"), input + output, row.getDouble("cost")));
        });
        return usage;
    }
}

package dev.missions.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How far the relay is behind, per relayed table: the unsent rows and the age of the oldest. Counted in the database
 * by every instance, not only by the leader, so a deployment whose leader is stuck still shows its backlog growing.
 */
@ApplicationScoped
public class OutboxBacklog {

    private final Pool client;
    private final String count;
    private final List<AtomicLong> rows = new ArrayList<>();
    private final List<AtomicLong> oldest = new ArrayList<>();

    OutboxBacklog(Pool client, Instance<RelayedTimeline> timeline, MeterRegistry registry) {
        this.client = client;
        List<RelayedTable> tables = RelayedTable.all(timeline);
        this.count = IntStream.range(0, tables.size())
                .mapToObj(i -> "select " + i + " as source, b.* from (" + tables.get(i).backlog + ") b")
                .collect(Collectors.joining(" union all "));
        for (RelayedTable table : tables) {
            AtomicLong unsent = new AtomicLong();
            AtomicLong oldestMillis = new AtomicLong();
            rows.add(unsent);
            oldest.add(oldestMillis);
            Gauge.builder("missions.outbox.backlog", unsent, AtomicLong::get).tag("table", table.name)
                    .description("Rows not yet published").register(registry);
            Gauge.builder("missions.outbox.oldest.age", oldestMillis, OutboxBacklog::ageSeconds).tag("table", table.name)
                    .baseUnit("seconds").description("Age of the oldest unpublished row, 0 when there is none").register(registry);
        }
    }

    @Scheduled(every = "${missions.outbox.backlog-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return client.query(count).execute().invoke(result -> {
            for (Row row : result) {
                int source = row.getInteger("source");
                OffsetDateTime time = row.getOffsetDateTime("oldest");
                rows.get(source).set(row.getLong("rows"));
                oldest.get(source).set(time == null ? 0 : time.toInstant().toEpochMilli());
            }
        }).replaceWithVoid();
    }

    private static double ageSeconds(AtomicLong oldestMillis) {
        long millis = oldestMillis.get();
        return millis == 0 ? 0 : Math.max(0, Duration.between(Instant.ofEpochMilli(millis), Instant.now()).toMillis() / 1000.0);
    }
}

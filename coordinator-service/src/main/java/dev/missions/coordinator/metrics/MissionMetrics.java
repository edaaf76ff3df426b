package dev.missions.coordinator.metrics;

import dev.missions.coordinator.core.MissionState;
import dev.missions.coordinator.core.Spent;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's metrics (docs/observability.md). Labels come from fixed sets only: statuses, roles, sources and the
 * models the operator casts, never from what a request or a droid wrote.
 */
@ApplicationScoped
public class MissionMetrics {

    private static final Duration HOP_MIN = Duration.ofMillis(1);
    private static final Duration HOP_MAX = Duration.ofHours(2);

    private final MeterRegistry registry;
    private final Pool client;
    private final Map<MissionStatus, AtomicLong> byStatus = new EnumMap<>(MissionStatus.class);

    MissionMetrics(MeterRegistry registry, Pool client) {
        this.registry = registry;
        this.client = client;
        for (MissionStatus status : MissionStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("missions.by.status", count, AtomicLong::get).tag("status", status.name())
                    .description("Missions in each status").register(registry);
        }
    }

    /** Counted in the database, so every instance reports the whole deployment and a restart loses nothing. */
    @Scheduled(every = "${missions.metrics.count-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> countByStatus() {
        return client.query("select status, count(*) as missions from mission group by status").execute().invoke(rows -> {
            Map<MissionStatus, Long> counted = new EnumMap<>(MissionStatus.class);
            for (Row row : rows) {
                counted.put(MissionStatus.valueOf(row.getString("status")), row.getLong("missions"));
            }
            byStatus.forEach((status, count) -> count.set(counted.getOrDefault(status, 0L)));
        }).replaceWithVoid();
    }

    /** A decision moved {@code before} to {@code after}; a mission that reached a final status is timed. */
    public void decided(MissionState before, MissionState after) {
        if (!before.isFinished() && after.isFinished()) {
            Timer.builder("missions.duration").description("From a mission's request to its final status")
                    .tag("status", after.status().name()).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofDays(7))
                    .register(registry).record(Duration.between(after.createdAt(), after.updatedAt()));
        }
    }

    /**
     * A droid's result changed its subtask: what it spent, by role, model and where the mission came from, and the
     * hop from its dispatch to now (unknown for droids that do not say when they were dispatched).
     */
    public void resultApplied(Role role, String model, Source source, Spent spent, Instant dispatchedAt) {
        String roleName = role.name().toLowerCase();
        String sourceName = source == null ? "unknown" : source.name().toLowerCase();
        String modelName = model == null ? "unknown" : model;
        tokens(roleName, modelName, sourceName, "input").increment(spent.inputTokens());
        tokens(roleName, modelName, sourceName, "output").increment(spent.outputTokens());
        Counter.builder("missions.cost.usd").description("Cost of applied results, in US dollars")
                .tags("role", roleName, "model", modelName, "source", sourceName).register(registry).increment(spent.costUsd());
        if (dispatchedAt != null) {
            Timer.builder("missions.hop.latency").description("From a subtask's dispatch to its result applied")
                    .tag("role", roleName).publishPercentileHistogram().minimumExpectedValue(HOP_MIN).maximumExpectedValue(HOP_MAX)
                    .register(registry).record(since(dispatchedAt));
        }
    }

    /** Clocks of different hosts may disagree a little: a hop never takes less than nothing. */
    private static Duration since(Instant start) {
        Duration elapsed = Duration.between(start, Instant.now());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    private Counter tokens(String role, String model, String source, String kind) {
        return Counter.builder("missions.tokens").description("Tokens spent by applied results")
                .tags("role", role, "model", model, "source", source, "kind", kind).register(registry);
    }
}

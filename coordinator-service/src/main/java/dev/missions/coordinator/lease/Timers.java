package dev.missions.coordinator.lease;

import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.engine.EngineConfig;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.outbox.OutboxRelay;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Timers are rows: an ended lease, a due retry and a crossed wall-clock budget are found in SQL, every one of them at
 * each tick, and each mission that has one gets a {@link Input.Tick} as a decision of its own, so several coordinators
 * may tick at once. The missions are applied a chunk at a time, so no one statement grows with the backlog.
 */
@ApplicationScoped
public class Timers {

    static final int CHUNK = 200;

    private static final String DUE = """
            select s.mission_id from subtask s
             where (s.status in ('DISPATCHED', 'RUNNING') and s.lease_expires_at < $1)
                or (s.status = 'RETRY_WAIT' and s.due_at <= $2
                    and exists (select 1 from mission m where m.id = s.mission_id and m.status = 'RUNNING'))
            union
            select m.id from mission m
             where m.status = 'RUNNING' and m.budget_max_wall_clock_seconds is not null
               and m.created_at + make_interval(secs => m.budget_max_wall_clock_seconds) < $2""";

    private final MissionEngine engine;
    private final OutboxRelay relay;
    private final EngineConfig config;
    private final Pool client;

    /**
     * Heartbeats sent while this coordinator was down are still on the topic: for one lease after start, leases
     * do not expire, so droids are not blamed for the coordinator's own downtime while the backlog is read.
     */
    private final Instant started = Instant.now();

    public Timers(MissionEngine engine, OutboxRelay relay, EngineConfig config, Pool client) {
        this.engine = engine;
        this.relay = relay;
        this.config = config;
        this.client = client;
    }

    @Scheduled(every = "${missions.engine.timer-interval:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Instant now = Instant.now();
        Instant leasesEndedBefore = now.isBefore(started.plus(config.lease())) ? Instant.EPOCH : now;
        return client.preparedQuery(DUE).execute(Tuple.of(OffsetDateTime.ofInstant(leasesEndedBefore, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(rows -> {
                    List<UUID> missions = new ArrayList<>();
                    rows.forEach(row -> missions.add(row.getUUID(0)));
                    return missions;
                })
                .flatMap(missions -> each(missions, new Input.Tick(leasesEndedBefore)));
    }

    /** One decision per mission, a chunk read and written together; the relay is woken after each chunk. */
    private Uni<Void> each(List<UUID> missions, Input.Tick tick) {
        if (missions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<UUID> chunk = missions.subList(0, Math.min(CHUNK, missions.size()));
        return engine.applyAll(chunk.stream().map(id -> new MissionEngine.Event(id, null, null, record -> tick, null, null))
                        .toList())
                .invoke(relay::wake)
                .chain(() -> each(missions.subList(chunk.size(), missions.size()), tick));
    }
}

package dev.missions.coordinator.lease;

import dev.missions.coordinator.engine.AttemptSteps;
import dev.missions.coordinator.inbox.Batches;
import dev.missions.coordinator.engine.EngineConfig;
import dev.missions.events.AttemptStep;
import dev.missions.events.SubtaskHeartbeat;
import dev.missions.outbox.DatabaseRetry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A heartbeat extends the lease of the attempt it names; one for a superseded attempt changes nothing. The steps it
 * carries are kept either way: they are that attempt's history. The beats of one poll are applied in one statement,
 * its own transaction: a lease lasts seconds, and beats come from every droid at once.
 */
@ApplicationScoped
public class HeartbeatConsumer {

    private static final String EXTEND = """
            with r as (select * from unnest($1::uuid[], $2::int[], $3::int[], $4::text[]) as b(subtask_id, attempt, last_step, steps))
            , stepped as (
            %s)
            update subtask s set lease_expires_at = $5, status = 'RUNNING', updated_at = $6, last_heartbeat_at = $6,
                                 last_step = r.last_step
              from r
             where s.id = r.subtask_id and s.attempt = r.attempt and s.status in ('DISPATCHED', 'RUNNING')""".formatted(
            AttemptSteps.insert("r"));

    private final EngineConfig config;
    private final Pool client;

    public HeartbeatConsumer(EngineConfig config, Pool client) {
        this.config = config;
        this.client = client;
    }

    @Incoming("heartbeats")
    public Uni<Void> onHeartbeats(KafkaRecordBatch<String, SubtaskHeartbeat> batch) {
        List<SubtaskHeartbeat> beats = Batches.readable(batch);
        return DatabaseRetry.untilAvailable(beats.size() + " heartbeats", () -> extendLeases(beats))
                .call(() -> Batches.settle(batch));
    }

    Uni<Void> extendLeases(List<SubtaskHeartbeat> beats) {
        // one row per attempt: the update takes one row each, so the latest beat speaks; the steps of all are kept
        Map<String, Beat> latest = new LinkedHashMap<>();
        for (SubtaskHeartbeat beat : beats) {
            UUID subtaskId = subtaskId(beat);
            if (subtaskId != null) {
                latest.merge(subtaskId + "/" + beat.getAttempt(), new Beat(subtaskId, beat.getAttempt(), beat.getStep(),
                        new ArrayList<>(beat.getSteps())), Beat::then);
            }
        }
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Beat> rows = new ArrayList<>(latest.values());
        Instant now = Instant.now();
        return client.preparedQuery(EXTEND).execute(Tuple.from(List.of(
                        rows.stream().map(Beat::subtaskId).toArray(UUID[]::new),
                        rows.stream().map(Beat::attempt).toArray(Integer[]::new),
                        rows.stream().map(Beat::step).toArray(Integer[]::new),
                        rows.stream().map(b -> b.steps().isEmpty() ? null : AttemptSteps.json(b.steps())).toArray(String[]::new),
                        time(now.plus(config.lease())), time(now))))
                .replaceWithVoid();
    }

    private static UUID subtaskId(SubtaskHeartbeat beat) {
        try {
            return UUID.fromString(beat.getSubtaskId());
        } catch (IllegalArgumentException e) {
            Log.warnf("heartbeat %s names no subtask (%s); dropped", beat.getMeta().getEventId(), beat.getSubtaskId());
            return null;
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Beat(UUID subtaskId, int attempt, Integer step, List<AttemptStep> steps) {

        Beat then(Beat later) {
            steps.addAll(later.steps);
            return new Beat(subtaskId, attempt, later.step == null ? step : later.step, steps);
        }
    }
}

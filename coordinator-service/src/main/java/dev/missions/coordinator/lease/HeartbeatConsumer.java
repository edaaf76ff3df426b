package dev.missions.coordinator.lease;

import dev.missions.coordinator.engine.AttemptSteps;
import dev.missions.coordinator.engine.EngineConfig;
import dev.missions.events.SubtaskHeartbeat;
import dev.missions.outbox.DatabaseRetry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A heartbeat extends the lease of the attempt it names; one for a superseded attempt changes nothing. The steps it
 * carries are kept either way: they are that attempt's history. One statement, so one round trip and its own transaction.
 */
@ApplicationScoped
public class HeartbeatConsumer {

    private static final String EXTEND = """
            with stepped as (
            %s)
            update subtask set lease_expires_at = $4, status = 'RUNNING', updated_at = $5, last_heartbeat_at = $5,
                               last_step = $6
             where id = $1 and attempt = $2 and status in ('DISPATCHED', 'RUNNING')""".formatted(
            AttemptSteps.insert("", "$1", "$2", "$3"));

    private final EngineConfig config;
    private final Pool client;

    public HeartbeatConsumer(EngineConfig config, Pool client) {
        this.config = config;
        this.client = client;
    }

    @Incoming("heartbeats")
    public Uni<Void> onHeartbeat(SubtaskHeartbeat heartbeat) {
        return DatabaseRetry.untilAvailable("heartbeat " + heartbeat.getMeta().getEventId(), () -> extendLease(heartbeat));
    }

    Uni<Void> extendLease(SubtaskHeartbeat heartbeat) {
        Instant now = Instant.now();
        return client.preparedQuery(EXTEND).execute(Tuple.from(Arrays.asList(
                        UUID.fromString(heartbeat.getSubtaskId()), heartbeat.getAttempt(),
                        heartbeat.getSteps().isEmpty() ? null : AttemptSteps.json(heartbeat.getSteps()),
                        now.plus(config.lease()).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC), heartbeat.getStep())))
                .replaceWithVoid();
    }
}

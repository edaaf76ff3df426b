package dev.missions.coordinator.lease;

import dev.missions.coordinator.attempt.AttemptSteps;
import dev.missions.coordinator.engine.EngineConfig;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.core.SubtaskStatus;
import dev.missions.events.SubtaskHeartbeat;
import dev.missions.outbox.DatabaseRetry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A heartbeat extends the lease of the attempt it names; one for a superseded attempt changes nothing. The steps it
 * carries are kept either way: they are that attempt's history.
 */
@ApplicationScoped
public class HeartbeatConsumer {

    @Inject
    EngineConfig config;

    @Inject
    AttemptSteps steps;

    @Incoming("heartbeats")
    public Uni<Void> onHeartbeat(SubtaskHeartbeat heartbeat) {
        return DatabaseRetry.untilAvailable("heartbeat " + heartbeat.getMeta().getEventId(), () -> extendLease(heartbeat));
    }

    @WithTransaction
    Uni<Void> extendLease(SubtaskHeartbeat heartbeat) {
        Instant now = Instant.now();
        UUID subtaskId = UUID.fromString(heartbeat.getSubtaskId());
        // steps first, as a result's transaction takes them: both lock step keys, then the subtask, never the reverse
        return steps.record(subtaskId, heartbeat.getAttempt(), heartbeat.getSteps())
                .chain(() -> Subtask.update("leaseExpiresAt = ?1, status = ?2, updatedAt = ?3, lastHeartbeatAt = ?3,"
                                + " lastStep = ?7 where id = ?4 and attempt = ?5 and status in ?6",
                        now.plus(config.lease()), SubtaskStatus.RUNNING, now, subtaskId, heartbeat.getAttempt(),
                        List.of(SubtaskStatus.DISPATCHED, SubtaskStatus.RUNNING), heartbeat.getStep()))
                .replaceWithVoid();
    }
}

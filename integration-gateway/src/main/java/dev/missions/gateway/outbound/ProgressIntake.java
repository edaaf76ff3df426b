package dev.missions.gateway.outbound;

import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.Source;
import dev.missions.gateway.GatewayConfig;
import dev.missions.outbox.DatabaseRetry;
import dev.missions.schemas.AvroBytes;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows every mission's progress and queues what must be told, in the transaction that records the event
 * id: a redelivered event queues nothing twice. Nothing outside is called here, so a slow or failing Slack
 * or Linear never holds the consumer back; {@link Notifier} sends.
 */
@ApplicationScoped
public class ProgressIntake {

    /** Events worth a reply in the Slack thread. */
    static final Set<MissionEventType> NOTABLE = EnumSet.of(MissionEventType.SUBTASK_FAILED, MissionEventType.BLOCKED,
            MissionEventType.BUDGET_EXCEEDED, MissionEventType.SUCCEEDED, MissionEventType.FAILED,
            MissionEventType.AWAITING_APPROVAL);

    /** Events worth a comment on the Linear issue. */
    static final Set<MissionEventType> FOR_LINEAR = EnumSet.of(MissionEventType.ACCEPTED, MissionEventType.BLOCKED,
            MissionEventType.SUCCEEDED, MissionEventType.FAILED);

    private final Pool pool;
    private final GatewayConfig config;
    private final Notifier notifier;
    private final PullRequests pullRequests;

    ProgressIntake(Pool pool, GatewayConfig config, Notifier notifier, PullRequests pullRequests) {
        this.pool = pool;
        this.config = config;
        this.notifier = notifier;
        this.pullRequests = pullRequests;
    }

    @Incoming("mission-events")
    public Uni<Void> follow(MissionEvent event) {
        log(event);
        List<Target> targets = targets(event);
        if (targets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return DatabaseRetry.untilAvailable("mission event " + event.getMeta().getEventId(), () -> pool.withTransaction(connection -> connection
                        .preparedQuery("insert into event_inbox (event_id, received_at) values ($1, $2) on conflict do nothing")
                        .execute(Tuple.of(event.getMeta().getEventId(), OffsetDateTime.now(ZoneOffset.UTC)))
                        .flatMap(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem() : queue(connection, event, targets))))
                .invoke(notifier::wake);
    }

    List<Target> targets(MissionEvent event) {
        List<Target> targets = new ArrayList<>();
        GatewayConfig.Outbound outbound = config.outbound();
        if (event.getType() == MissionEventType.SUCCEEDED && pullRequests.enabled()) {
            targets.add(Target.PULL_REQUEST);
        }
        if (outbound.slackToken().isPresent() && outbound.slackChannel().isPresent()) {
            targets.add(Target.SLACK_PROGRESS);
            if (NOTABLE.contains(event.getType())) {
                targets.add(Target.SLACK_THREAD);
            }
        }
        if (outbound.linearApiKey().isPresent() && event.getOrigin() != null && event.getOrigin().getSource() == Source.LINEAR
                && event.getOrigin().getReference() != null && FOR_LINEAR.contains(event.getType())) {
            targets.add(Target.LINEAR_COMMENT);
        }
        return targets;
    }

    /** One row per target, in the event id's transaction; a batch runs in list order, so ids follow {@code targets}. */
    private static Uni<Void> queue(SqlClient transaction, MissionEvent event, List<Target> targets) {
        Buffer payload = Buffer.buffer(AvroBytes.encode(event));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Tuple> rows = targets.stream()
                .map(target -> Tuple.of(event.getMeta().getMissionId(), target.name(), payload, now, now))
                .toList();
        return transaction.preparedQuery(Notification.INSERT).executeBatch(rows).replaceWithVoid();
    }

    private static void log(MissionEvent event) {
        Log.infof("mission %s: %s, now %s%s%s", event.getMeta().getMissionId(), event.getType(), event.getStatus(),
                event.getSubtaskId() == null ? "" : " (subtask " + event.getSubtaskId() + ")",
                event.getMessage() == null ? "" : ": " + event.getMessage());
    }
}

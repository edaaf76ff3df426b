package dev.missions.gateway.outbound;

import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.Source;
import dev.missions.gateway.GatewayConfig;
import dev.missions.outbox.DatabaseRetry;
import dev.missions.schemas.AvroBytes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
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

    @Inject
    GatewayConfig config;

    @Inject
    Notifier notifier;

    @Inject
    PullRequests pullRequests;

    @Incoming("mission-events")
    public Uni<Void> follow(MissionEvent event) {
        log(event);
        List<Target> targets = targets(event);
        if (targets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return DatabaseRetry.untilAvailable("mission event " + event.getMeta().getEventId(), () -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into event_inbox (event_id, received_at) values (?1, ?2) on conflict do nothing")
                        .setParameter(1, event.getMeta().getEventId())
                        .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                        .executeUpdate())
                .flatMap(inserted -> inserted == 0 ? Uni.createFrom().voidItem() : queue(event, targets))))
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

    private Uni<Void> queue(MissionEvent event, List<Target> targets) {
        byte[] payload = AvroBytes.encode(event);
        Instant now = Instant.now();
        List<Notification> rows = targets.stream().map(target -> {
            Notification row = new Notification();
            row.missionId = event.getMeta().getMissionId();
            row.target = target;
            row.payload = payload;
            row.dueAt = now;
            row.createdAt = now;
            return row;
        }).toList();
        return Notification.persist(rows);
    }

    private static void log(MissionEvent event) {
        Log.infof("mission %s: %s, now %s%s%s", event.getMeta().getMissionId(), event.getType(), event.getStatus(),
                event.getSubtaskId() == null ? "" : " (subtask " + event.getSubtaskId() + ")",
                event.getMessage() == null ? "" : ": " + event.getMessage());
    }
}

package dev.missions.coordinator.inbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import dev.missions.outbox.Pruning;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Forgets consumed event ids older than the retention. A redelivery comes from an offset not yet committed, minutes
 * after the first delivery at most, so the default keeps a week, longer than the topics keep their records: an event
 * the inbox no longer knows can no longer be delivered. Results would be safe even then (the decision core ignores a
 * result for an attempt not in flight); commands are the reason for the margin.
 */
@ApplicationScoped
public class InboxPruning {

    private static final String PRUNE = """
            delete from inbox where event_id in (
                select event_id from inbox where received_at < $1 limit $2)""";

    private final Pool client;
    private final Duration retention;

    InboxPruning(Pool client, @ConfigProperty(name = "missions.inbox.retention", defaultValue = "168h") Duration retention) {
        this.client = client;
        this.retention = retention;
    }

    @Scheduled(every = "${missions.inbox.prune-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return Pruning.pass("inbox", pruneReceivedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)));
    }

    /** Event ids received before {@code cutoff} forgotten, in batches until a short one; the number forgotten. */
    public Uni<Integer> pruneReceivedBefore(OffsetDateTime cutoff) {
        return Pruning.before(client, PRUNE, cutoff);
    }
}

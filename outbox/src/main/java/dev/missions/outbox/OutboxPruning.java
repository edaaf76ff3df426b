package dev.missions.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes outbox rows that were sent longer than the retention ago: once the broker has a record, its row only helps
 * someone reading the table. Oldest first along the primary key, so the table stays the size of its retention.
 */
@ApplicationScoped
public class OutboxPruning {

    private static final String PRUNE = """
            delete from outbox where id in (
                select id from outbox where sent_at < $1 order by id limit $2)""";

    private final Pool client;
    private final Duration retention;

    OutboxPruning(Pool client, @ConfigProperty(name = "missions.outbox.retention", defaultValue = "1h") Duration retention) {
        this.client = client;
        this.retention = retention;
    }

    @Scheduled(every = "${missions.outbox.prune-interval:1m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return Pruning.pass("outbox", pruneSentBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)));
    }

    /** Rows sent before {@code cutoff} deleted, in batches until a short one; the number deleted. */
    public Uni<Integer> pruneSentBefore(OffsetDateTime cutoff) {
        return Pruning.before(client, PRUNE, cutoff);
    }
}

package dev.missions.gateway.inbound;

import dev.missions.gateway.GatewayConfig;
import dev.missions.outbox.Outbox;
import dev.missions.outbox.OutboxRelay;
import dev.missions.schemas.Topic;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records a verified delivery and what it causes in one transaction: the delivery id (replays are refused),
 * the mission key (one mission per Linear issue or per failed CI run), and the record in the outbox. No dual
 * write: Kafka only ever sees what committed, through {@link OutboxRelay}.
 *
 * <p>The webhooks run on worker threads (they may call provider APIs); these methods block them until the
 * statement or transaction is done.
 */
@ApplicationScoped
public class Intake {

    private final Pool pool;
    private final OutboxRelay relay;
    private final Outbox outbox;
    private final GatewayConfig config;

    Intake(Pool pool, OutboxRelay relay, Outbox outbox, GatewayConfig config) {
        this.pool = pool;
        this.relay = relay;
        this.outbox = outbox;
        this.config = config;
    }

    /** Whether this delivery was recorded before: a cheap check before slow work, the insert decides. */
    public boolean seen(Delivery delivery) {
        return count("select count(*) from delivery where provider = $1 and delivery_id = $2",
                Tuple.of(delivery.provider(), delivery.id())) > 0;
    }

    /** Whether a mission was started for {@code missionKey}. */
    public boolean started(String missionKey) {
        return count("select count(*) from mission_key where mission_key = $1", Tuple.of(missionKey)) > 0;
    }

    /** Remembers a delivery that publishes nothing, so a replay of it is refused too. */
    public Verdict record(Delivery delivery) {
        return pool.withTransaction(connection -> remember(connection, delivery)
                        .map(first -> first ? Verdict.RECORDED : Verdict.REPLAYED))
                .await().indefinitely();
    }

    /**
     * Records the delivery and, unless a mission was already started for {@code missionKey} (null: no key),
     * the key and {@code record} for {@code topic}, keyed by {@code missionId}.
     */
    public Verdict publish(Delivery delivery, String missionKey, Topic topic, String missionId, SpecificRecord record) {
        if (!topic.recordClass().isInstance(record)) {
            throw new IllegalArgumentException(topic.topicName() + " carries " + topic.recordClass().getSimpleName()
                    + ", not " + record.getClass().getSimpleName());
        }
        Verdict verdict = pool.withTransaction(connection -> remember(connection, delivery).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(Verdict.REPLAYED);
            }
            Uni<Boolean> keyed = missionKey == null ? Uni.createFrom().item(true) : claim(connection, missionKey, missionId);
            return keyed.flatMap(claimed -> claimed
                    ? outbox.add(connection, topic, missionId, record).replaceWith(Verdict.PUBLISHED)
                    : Uni.createFrom().item(Verdict.ALREADY_STARTED));
        })).await().indefinitely();
        if (verdict == Verdict.PUBLISHED) {
            try {
                relay.wake();
            } catch (RuntimeException e) {
                // committed is committed: the relay's poll publishes it; the caller must not see a failure
                Log.warnf("cannot wake the outbox relay (%s); its poll publishes the record", e.toString());
            }
        }
        return verdict;
    }

    private long count(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments)
                .map(rows -> rows.iterator().next().getLong(0))
                .await().indefinitely();
    }

    private static Uni<Boolean> remember(SqlClient transaction, Delivery delivery) {
        return transaction.preparedQuery(
                        "insert into delivery (provider, delivery_id, received_at) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(delivery.provider(), delivery.id(), OffsetDateTime.now(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Uni<Boolean> claim(SqlClient transaction, String missionKey, String missionId) {
        return transaction.preparedQuery(
                        "insert into mission_key (mission_key, mission_id, created_at) values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(missionKey, UUID.fromString(missionId), OffsetDateTime.now(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Delivery ids are kept long past any retry or signature window; mission keys are kept for good. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldDeliveries() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(config.deliveryTtl());
        return pool.preparedQuery("delete from delivery where received_at < $1").execute(Tuple.of(before))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        Log.infof("forgot %d deliveries received before %s", rows.rowCount(), before);
                    }
                })
                .replaceWithVoid();
    }
}

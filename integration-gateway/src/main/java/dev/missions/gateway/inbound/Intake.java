package dev.missions.gateway.inbound;

import dev.missions.gateway.GatewayConfig;
import dev.missions.outbox.Outbox;
import dev.missions.outbox.OutboxRelay;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records a verified delivery and what it causes in one transaction: the delivery id (replays are refused),
 * the mission key (one mission per Linear issue or per failed CI run), and the record in the outbox. No dual
 * write: Kafka only ever sees what committed, through {@link OutboxRelay}.
 *
 * <p>The webhooks run on worker threads (they may call provider APIs); these methods block them until the
 * transaction is done, on a Vert.x context of their own as Hibernate Reactive needs.
 */
@ApplicationScoped
public class Intake {

    @Inject
    OutboxRelay relay;

    @Inject
    Outbox outbox;

    @Inject
    GatewayConfig config;

    /** Whether this delivery was recorded before: a cheap check before slow work, the insert decides. */
    public boolean seen(Delivery delivery) {
        return await(() -> Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*) from delivery where provider = ?1 and delivery_id = ?2", Long.class)
                .setParameter(1, delivery.provider()).setParameter(2, delivery.id())
                .getSingleResult()))) > 0;
    }

    /** Whether a mission was started for {@code missionKey}. */
    public boolean started(String missionKey) {
        return await(() -> Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*) from mission_key where mission_key = ?1", Long.class)
                .setParameter(1, missionKey)
                .getSingleResult()))) > 0;
    }

    /** Remembers a delivery that publishes nothing, so a replay of it is refused too. */
    public Verdict record(Delivery delivery) {
        return await(() -> Panache.withTransaction(() -> remember(delivery)
                .map(first -> first ? Verdict.RECORDED : Verdict.REPLAYED)));
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
        Verdict verdict = await(() -> Panache.withTransaction(() -> remember(delivery).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(Verdict.REPLAYED);
            }
            Uni<Boolean> keyed = missionKey == null ? Uni.createFrom().item(true) : claim(missionKey, missionId);
            return keyed.flatMap(claimed -> claimed
                    ? outbox.add(topic, missionId, record).replaceWith(Verdict.PUBLISHED)
                    : Uni.createFrom().item(Verdict.ALREADY_STARTED));
        })));
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

    private Uni<Boolean> remember(Delivery delivery) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into delivery (provider, delivery_id, received_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, delivery.provider())
                .setParameter(2, delivery.id())
                .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Uni<Boolean> claim(String missionKey, String missionId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into mission_key (mission_key, mission_id, created_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, missionKey)
                .setParameter(2, UUID.fromString(missionId))
                .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Delivery ids are kept long past any retry or signature window; mission keys are kept for good. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldDeliveries() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(config.deliveryTtl());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery("delete from delivery where received_at < ?1")
                        .setParameter(1, before).executeUpdate()))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("forgot %d deliveries received before %s", deleted, before);
                    }
                })
                .replaceWithVoid();
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("database work failed", e);
        }
    }
}

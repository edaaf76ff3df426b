package dev.missions.outbox;

import dev.missions.schemas.AvroBytes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows in id order, so each mission's records keep their order (decision 0003). It is woken
 * right after each commit; {@link RelayPoll} is only the safety net for rows a crash left behind. An advisory
 * lock lets one instance of a service relay at a time. A row is marked sent after the broker acknowledged it:
 * a crash in between publishes it again, and consumers drop the duplicate by its eventId.
 */
@ApplicationScoped
public class OutboxRelay {

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<SpecificRecord> emitter;

    @Inject
    Vertx vertx;

    @Inject
    RelayGuard guard;

    @ConfigProperty(name = "missions.outbox.batch-size", defaultValue = "500")
    int batchSize;

    private final long lockKey;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    OutboxRelay(@ConfigProperty(name = "quarkus.application.name") String application) {
        this.lockKey = lockKey(application);
    }

    /**
     * The advisory lock of a service's relay. Per service, not one for all: services have their own databases, but
     * ones that share a server must not wait on each other.
     */
    public static long lockKey(String application) {
        long hash = 0xcbf29ce484222325L; // FNV-1a: stable across JVMs and releases, unlike String.hashCode's spread
        for (byte b : ("outbox:" + application).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** Asks for a drain; at most one runs at a time, and a wake during a drain causes one more. */
    public void wake() {
        wakeAgain.set(true);
        if (running.compareAndSet(false, true)) {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> drain());
        }
    }

    /**
     * Passes again only for a full batch or a wake that came meanwhile: every writer wakes the relay after its commit,
     * so a row committed after this pass's read has woken it, and a short batch means nothing else was waiting.
     */
    private void drain() {
        wakeAgain.set(false);
        relayBatch().subscribe().with(sent -> {
            if (sent >= batchSize || wakeAgain.get()) {
                drain();
            } else {
                finish();
            }
        }, failure -> {
            Log.warnf(failure, "outbox relay failed; the next poll retries");
            finish();
        });
    }

    private void finish() {
        running.set(false);
        if (wakeAgain.get()) {
            wake();
        }
    }

    /** The lock and the read in one round trip: a volatile function in a CTE runs once, before the rows are read. */
    private static final String LOCK_AND_READ = """
            with relay as (select pg_try_advisory_xact_lock(?1) as owner)
            select o.* from outbox o, relay where relay.owner and o.sent_at is null order by o.id limit ?2""";

    Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(LOCK_AND_READ, OutboxMessage.class)
                        .setParameter(1, lockKey).setParameter(2, batchSize).getResultList())
                .flatMap(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : publish(rows)));
    }

    private Uni<Integer> publish(List<OutboxMessage> rows) {
        if (guard.halted()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Void>> acks = rows.stream().map(this::send).toList();
        Instant now = Instant.now();
        return Uni.join().all(acks).andFailFast()
                .invoke(guard::acknowledged)
                .flatMap(ignored -> OutboxMessage.update("sentAt = ?1 where id in ?2", now,
                        rows.stream().map(row -> row.id).toList()))
                .replaceWith(rows.size());
    }

    private Uni<Void> send(OutboxMessage row) {
        SpecificRecord record = AvroBytes.decode(row.recordClass, row.payload);
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.topic).withKey(row.messageKey).build();
        return emitter.sendMessage(Message.of(record).addMetadata(metadata));
    }
}

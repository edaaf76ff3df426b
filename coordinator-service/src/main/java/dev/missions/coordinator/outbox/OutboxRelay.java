package dev.missions.coordinator.outbox;

import dev.missions.schemas.AvroBytes;
import dev.missions.coordinator.chaos.CrashPoints;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows in id order, so each mission's events keep their order; an advisory lock lets
 * only one coordinator instance relay at a time. It is woken right
 * after each commit; the schedule is only the safety net for rows left by a crash.
 * A row is marked sent after the broker acknowledged it: a crash in between publishes it again,
 * and consumers drop the duplicate by its eventId.
 */
@ApplicationScoped
public class OutboxRelay {

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<SpecificRecord> emitter;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "missions.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @Inject
    CrashPoints crashPoints;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    /** Asks for a drain; at most one runs at a time, and a wake during a drain causes one more. */
    public void wake() {
        wakeAgain.set(true);
        if (running.compareAndSet(false, true)) {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> drain());
        }
    }

    // delayed: the first tick must not race the messaging wiring at startup
    @Scheduled(every = "${missions.outbox.poll-interval:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    private void drain() {
        wakeAgain.set(false);
        relayBatch().subscribe().with(sent -> {
            if (sent > 0 || wakeAgain.get()) {
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

    /** Lock key of the relay: one coordinator instance publishes at a time, so each mission's order holds. */
    public static final long RELAY_LOCK = 0x6d697373696f6e73L;

    Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("select pg_try_advisory_xact_lock(?1)", Boolean.class)
                        .setParameter(1, RELAY_LOCK).getSingleResult())
                .flatMap(owner -> !owner ? Uni.createFrom().item(0)
                        : OutboxMessage.<OutboxMessage>find("sentAt is null order by id").page(0, batchSize).list()
                                .flatMap(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : publish(rows))));
    }

    private Uni<Integer> publish(List<OutboxMessage> rows) {
        if (crashPoints.frozen()) {
            return Uni.createFrom().item(0); // another thread reached a crash point: nothing more leaves this process
        }
        List<Uni<Void>> acks = rows.stream().map(this::send).toList();
        Instant now = Instant.now();
        return Uni.join().all(acks).andFailFast()
                .invoke(() -> crashPoints.reach(CrashPoints.RELAY_AFTER_SEND_BEFORE_MARK))
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

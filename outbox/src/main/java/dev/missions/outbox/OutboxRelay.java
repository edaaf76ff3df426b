package dev.missions.outbox;

import dev.missions.schemas.AvroBytes;
import dev.missions.schemas.EventHeaders;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.common.header.internals.RecordHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows in id order, so each mission's records keep their order (decision 0003). It is woken right
 * after each commit; {@link RelayPoll} is only the safety net for rows a crash left behind. One instance of a service
 * relays at a time: the leader, whose own connection holds a session advisory lock for as long as it lives (a leader
 * that dies, or loses its connection, lets the lock go with it). A pass is one statement that marks what the last
 * pass sent and reads what is still unsent; a row is marked only after the broker acknowledged it, so a crash in
 * between publishes it again, and consumers drop the duplicate by its eventId.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Marks $1 sent and reads the next unsent rows, those just marked excluded (the read sees the rows as before). */
    private static final String MARK_AND_READ = """
            with marked as (update outbox set sent_at = now() where id = any($1))
            select id, topic, message_key, record_class, payload from outbox
             where sent_at is null and id <> all($1) order by id limit $2""";

    private final MutinyEmitter<SpecificRecord> emitter;
    private final Vertx vertx;
    private final RelayGuard guard;
    private final Pool client;
    private final int batchSize;
    private final long lockKey;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    /** This instance's connection while it is the leader; touched only by the one drain that runs at a time. */
    private SqlConnection leader;
    /** While another instance leads, this one asks for the lock once a second, not on every wake. */
    private long nextTry = System.nanoTime();

    OutboxRelay(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<SpecificRecord> emitter, Vertx vertx, RelayGuard guard, Pool client,
            @ConfigProperty(name = "missions.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.emitter = emitter;
        this.vertx = vertx;
        this.guard = guard;
        this.client = client;
        this.batchSize = batchSize;
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
     * Passes until a read finds nothing unsent: every writer wakes the relay after its commit, so a row committed
     * after the last read has woken it again.
     */
    private void drain() {
        wakeAgain.set(false);
        leader().flatMap(connection -> connection == null ? Uni.createFrom().item(0) : pass(connection, new Long[0]))
                .subscribe().with(sent -> finish(), failure -> {
                    Log.warnf(failure, "outbox relay failed; the next poll retries");
                    resign();
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        if (wakeAgain.get()) {
            wake();
        }
    }

    /** This instance's leader connection, taken now if the lock is free; null while another instance leads. */
    private Uni<SqlConnection> leader() {
        if (leader != null) {
            return Uni.createFrom().item(leader);
        }
        if (System.nanoTime() - nextTry < 0) {
            return Uni.createFrom().nullItem();
        }
        nextTry = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        return client.getConnection().flatMap(connection -> connection
                .preparedQuery("select pg_try_advisory_lock($1) as owner").execute(Tuple.of(lockKey))
                .onFailure().call(connection::close)
                .flatMap(rows -> {
                    if (rows.iterator().next().getBoolean("owner")) {
                        leader = connection;
                        return Uni.createFrom().item(connection);
                    }
                    return connection.close().replaceWith((SqlConnection) null);
                }));
    }

    /** Lets the lock go with the connection: after a failure it may be broken, and a new one takes the lock again. */
    private void resign() {
        SqlConnection connection = leader;
        leader = null;
        if (connection != null) {
            connection.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    @PreDestroy
    void stop() {
        resign();
    }

    private Uni<Integer> pass(SqlConnection connection, Long[] sent) {
        return connection.preparedQuery(MARK_AND_READ).execute(Tuple.of(sent, batchSize)).flatMap(rows -> {
            if (rows.size() == 0 || guard.halted()) {
                return Uni.createFrom().item(sent.length);
            }
            List<Long> ids = new ArrayList<>(rows.size());
            List<Uni<Void>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ids.add(row.getLong("id"));
                acks.add(send(row));
            }
            return Uni.join().all(acks).andFailFast()
                    .invoke(guard::acknowledged)
                    .flatMap(ignored -> pass(connection, ids.toArray(Long[]::new)))
                    .map(more -> sent.length + more);
        });
    }

    private Uni<Void> send(Row row) {
        SpecificRecord record = AvroBytes.decode(row.getString("record_class"), row.getBuffer("payload").getBytes());
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.getString("topic"))
                .withKey(row.getString("message_key"));
        String type = EventHeaders.typeOf(record);
        if (type != null) {
            metadata.withHeaders(new RecordHeaders().add(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        }
        return emitter.sendMessage(Message.of(record).addMetadata(metadata.build()));
    }
}

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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * that dies, or loses its connection, lets the lock go with it). A pass is one statement that marks what the broker
 * acknowledged since the last pass and reads what is still unsent and not on its way. A pass does not wait for the
 * broker: rows read go to the one idempotent producer at once, which keeps their order per partition, and the next
 * pass may read while they are in flight. A row is marked only after the broker acknowledged it, so a crash in
 * between publishes it again, and consumers drop the duplicate by its eventId.
 */
@ApplicationScoped
public class OutboxRelay {

    /**
     * Marks $1 sent and reads the next unsent rows, leaving out those just marked and those on their way ($2), in id
     * order (the read sees the rows as they were before the mark).
     */
    private static final String MARK_AND_READ = """
            with marked as (update outbox set sent_at = now() where id = any($1))
            select id, topic, message_key, record_class, payload from outbox
             where sent_at is null and id <> all($1) and id <> all($2) order by id limit $3""";

    private final MutinyEmitter<SpecificRecord> emitter;
    private final Vertx vertx;
    private final RelayGuard guard;
    private final Pool client;
    private final int batchSize;
    private final long lockKey;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    /** Rows sent and not yet acknowledged: a pass must not read them again. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Rows the broker acknowledged, for the next pass to mark. */
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
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
     * Passes until a read comes back short: every writer wakes the relay after its commit, so a row committed after
     * the last read has woken it again, and the last acknowledgement of a burst wakes it to mark what was sent.
     */
    private void drain() {
        wakeAgain.set(false);
        leader().flatMap(connection -> connection == null ? Uni.createFrom().voidItem() : pass(connection))
                .subscribe().with(done -> finish(), failure -> {
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
        // what was on its way is read again by whoever leads next: sent twice at worst, never lost
        inFlight.clear();
        acknowledged.clear();
        if (connection != null) {
            connection.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    @PreDestroy
    void stop() {
        resign();
    }

    private Uni<Void> pass(SqlConnection connection) {
        // in flight first: a row acknowledged in between is then in both, left out of the read either way
        Long[] flying = inFlight.toArray(Long[]::new);
        List<Long> marking = new ArrayList<>();
        for (Long id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            marking.add(id);
        }
        return connection.preparedQuery(MARK_AND_READ).execute(Tuple.of(marking.toArray(Long[]::new), flying, batchSize))
                .flatMap(rows -> {
                    if (guard.halted()) {
                        return Uni.createFrom().voidItem();
                    }
                    for (Row row : rows) {
                        send(row);
                    }
                    return rows.size() < batchSize ? Uni.createFrom().voidItem() : pass(connection);
                });
    }

    /** Sends without waiting; the acknowledgement queues the row for marking, a failure leaves it for a later pass. */
    private void send(Row row) {
        long id = row.getLong("id");
        inFlight.add(id);
        SpecificRecord record = AvroBytes.decode(row.getString("record_class"), row.getBuffer("payload").getBytes());
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.getString("topic"))
                .withKey(row.getString("message_key"));
        String type = EventHeaders.typeOf(record);
        if (type != null) {
            metadata.withHeaders(new RecordHeaders().add(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        }
        emitter.sendMessage(Message.of(record).addMetadata(metadata.build())).subscribe().with(ignored -> {
            guard.acknowledged();
            acknowledged.add(id);
            inFlight.remove(id);
            if (inFlight.isEmpty()) {
                wake(); // the end of a burst: mark it now rather than at the next commit or poll
            }
        }, failure -> {
            inFlight.remove(id);
            Log.warnf(failure, "outbox row %d was not published; a later pass sends it again", id);
        });
    }
}

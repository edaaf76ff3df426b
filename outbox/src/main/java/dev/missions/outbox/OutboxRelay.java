package dev.missions.outbox;

import dev.missions.schemas.AvroBytes;
import dev.missions.schemas.EventHeaders;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
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
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows in id order, so each mission's records keep their order (decision 0003), and the rows of the
 * service's {@link RelayedTimeline} if it has one (decision 0055). It is woken right after each commit;
 * {@link RelayPoll} is only the safety net for rows a crash left behind. One instance of a service
 * relays at a time: the leader, whose own connection holds a session advisory lock for as long as it lives (a leader
 * that dies, or loses its connection, lets the lock go with it). A pass is one statement that marks what the broker
 * acknowledged since the last pass and reads what is still unsent and not on its way. A pass does not wait for the
 * broker: rows read go to the one idempotent producer at once, which keeps their order per partition, and the next
 * pass may read while they are in flight. A row is marked only after the broker acknowledged it, so a crash in
 * between publishes it again, and consumers drop the duplicate by its eventId.
 */
@ApplicationScoped
public class OutboxRelay {

    private final MutinyEmitter<SpecificRecord> emitter;
    private final Vertx vertx;
    private final RelayGuard guard;
    private final Pool client;
    private final int batchSize;
    private final long lockKey;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    /** The outbox table, then the service's timeline if it relays one. */
    private final List<RelayedTable> tables;
    private final String markAndRead;
    /** This instance's connection while it is the leader; touched only by the one drain that runs at a time. */
    private SqlConnection leader;
    /** While another instance leads, this one asks for the lock once a second, not on every wake. */
    private long nextTry = System.nanoTime();

    OutboxRelay(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<SpecificRecord> emitter, Vertx vertx, RelayGuard guard, Pool client,
            Instance<RelayedTimeline> timeline,
            @ConfigProperty(name = "missions.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.emitter = emitter;
        this.vertx = vertx;
        this.guard = guard;
        this.client = client;
        this.batchSize = batchSize;
        this.lockKey = lockKey(application);
        this.tables = RelayedTable.all(timeline);
        this.markAndRead = RelayedTable.markAndRead(this.tables);
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
        tables.forEach(RelayedTable::forget);
        if (connection != null) {
            connection.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    @PreDestroy
    void stop() {
        resign();
    }

    private Uni<Void> pass(SqlConnection connection) {
        List<Object> arguments = new ArrayList<>();
        for (RelayedTable table : tables) {
            // in flight first: a row acknowledged in between is then in both, left out of the read either way
            Long[] flying = table.inFlight.toArray(Long[]::new);
            arguments.add(table.takeAcknowledged());
            arguments.add(flying);
        }
        arguments.add(batchSize);
        return connection.preparedQuery(markAndRead).execute(Tuple.from(arguments)).flatMap(rows -> {
            if (guard.halted()) {
                return Uni.createFrom().voidItem();
            }
            int[] read = new int[tables.size()];
            for (Row row : rows) {
                int source = row.getInteger("source");
                read[source]++;
                send(tables.get(source), row);
            }
            return Arrays.stream(read).anyMatch(n -> n == batchSize) ? pass(connection) : Uni.createFrom().voidItem();
        });
    }

    /** Sends without waiting; the acknowledgement queues the row for marking, a failure leaves it for a later pass. */
    private void send(RelayedTable table, Row row) {
        long id = row.getLong("id");
        table.inFlight.add(id);
        SpecificRecord record = AvroBytes.decode(row.getString("record_class"), row.getBuffer("payload").getBytes());
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(row.getString("topic"))
                .withKey(row.getString("message_key"));
        String type = EventHeaders.typeOf(record);
        if (type != null) {
            metadata.withHeaders(new RecordHeaders().add(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        }
        Message<SpecificRecord> message = Message.of(record).addMetadata(metadata.build());
        String traceParent = row.getString("trace_parent");
        if (traceParent != null) {
            // published inside the trace of the span that wrote the row, whoever publishes it and whenever
            message = message.addMetadata(TracingMetadata.withCurrent(TraceContext.parent(traceParent)));
        }
        emitter.sendMessage(message).subscribe().with(ignored -> {
            table.acknowledged.add(id);
            table.inFlight.remove(id);
            if (tables.stream().allMatch(t -> t.inFlight.isEmpty())) {
                // the end of a burst: all of it acknowledged, none of it marked yet; mark it now, not at the next wake
                guard.acknowledged();
                wake();
            }
        }, failure -> {
            table.inFlight.remove(id);
            Log.warnf(failure, "row %d of a relayed table was not published; a later pass sends it again", id);
        });
    }
}

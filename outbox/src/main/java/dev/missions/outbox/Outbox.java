package dev.missions.outbox;

import dev.missions.schemas.AvroBytes;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records events in the caller's transaction (the connection it passes); {@link OutboxRelay} publishes them after
 * commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox (topic, message_key, record_class, payload, trace_parent, created_at)
            values ($1, $2, $3, $4, $5, now())""";

    /**
     * {@code key} is the Kafka key: the mission id, so a mission's records stay in order on one partition. The record is
     * published inside the current span's trace.
     */
    public Uni<Void> add(SqlClient transaction, Topic topic, String key, SpecificRecord record) {
        if (!topic.recordClass().isInstance(record)) {
            throw new IllegalArgumentException(topic.topicName() + " carries " + topic.recordClass().getSimpleName()
                    + ", not " + record.getClass().getSimpleName());
        }
        return transaction.preparedQuery(INSERT).execute(Tuple.of(topic.topicName(), key, record.getClass().getName(),
                Buffer.buffer(AvroBytes.encode(record)), TraceContext.current())).replaceWithVoid();
    }
}

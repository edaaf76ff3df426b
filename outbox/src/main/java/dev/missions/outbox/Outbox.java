package dev.missions.outbox;

import dev.missions.schemas.AvroBytes;
import dev.missions.schemas.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** Records events in the caller's transaction; {@link OutboxRelay} publishes them after commit. */
@ApplicationScoped
public class Outbox {

    /** {@code key} is the Kafka key: the mission id, so a mission's records stay in order on one partition. */
    public Uni<Void> add(Topic topic, String key, SpecificRecord record) {
        if (!topic.recordClass().isInstance(record)) {
            throw new IllegalArgumentException(topic.topicName() + " carries " + topic.recordClass().getSimpleName()
                    + ", not " + record.getClass().getSimpleName());
        }
        OutboxMessage message = new OutboxMessage();
        message.topic = topic.topicName();
        message.messageKey = key;
        message.recordClass = record.getClass().getName();
        message.payload = AvroBytes.encode(record);
        message.createdAt = Instant.now();
        return message.persist().replaceWithVoid();
    }
}

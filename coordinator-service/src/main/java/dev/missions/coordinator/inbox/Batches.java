package dev.missions.coordinator.inbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.List;
import java.util.Objects;

/**
 * The records of one poll, consumed together. A record the deserializer could not read comes in a batch without a
 * payload (one consumed alone would have gone to the dead-letter topic before reaching the consumer): each is nacked,
 * so the channel's failure strategy sends it to its dead-letter topic with the bytes it held.
 */
public final class Batches {

    private Batches() {
    }

    /** The readable payloads, in order. */
    public static <T> List<T> readable(KafkaRecordBatch<String, T> batch) {
        return batch.getPayload().stream().filter(Objects::nonNull).toList();
    }

    /** Sends the unreadable records to the dead-letter topic, then acknowledges the batch. */
    public static <T> Uni<Void> settle(KafkaRecordBatch<String, T> batch) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (KafkaRecord<String, T> record : batch.getRecords()) {
            if (record.getPayload() == null) {
                done = done.chain(() -> Uni.createFrom().completionStage(record.nack(new IllegalArgumentException(
                        "a record of " + record.getTopic() + " (key " + record.getKey() + ") could not be read"))));
            }
        }
        return done.chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }
}

package dev.missions.coordinator;

import dev.missions.events.EventMeta;
import dev.missions.events.Outcome;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import dev.missions.schemas.serde.MissionsAvroSerializer;
import dev.missions.testsupport.EmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A droid test double that speaks the real topics with plain Kafka clients. */
final class DroidDouble implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;
    private final KafkaConsumer<String, Object> consumer;
    private final List<Object> seen = new ArrayList<>();

    DroidDouble(Topic... topics) {
        String servers = EmbeddedKafka.shared().bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(), serializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "double-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), deserializer());
        consumer.subscribe(java.util.Arrays.stream(topics).map(Topic::topicName).toList());
    }

    /** The first record (seen before or now) matching {@code match}, waiting up to {@code timeout}. */
    <T> T await(Class<T> type, Predicate<T> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Object record : seen) {
                if (type.isInstance(record) && match.test(type.cast(record))) {
                    return type.cast(record);
                }
            }
            consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
        }
        throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout + "; saw " + seen);
    }

    <T> List<T> seen(Class<T> type, Predicate<T> match) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        return seen.stream().filter(type::isInstance).map(type::cast).filter(match).toList();
    }

    SubtaskCompleted complete(SubtaskAssigned task, Outcome outcome) {
        SubtaskCompleted result = SubtaskCompleted.newBuilder()
                .setMeta(EventMeta.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                        .setMissionId(task.getMeta().getMissionId()).setCorrelationId(task.getMeta().getCorrelationId())
                        .setCausationId(task.getMeta().getEventId()).build())
                .setSubtaskId(task.getSubtaskId()).setAttempt(task.getAttempt()).setRole(task.getRole())
                .setDroidId("double").setOutcome(outcome).setSummary("done by the double").setCasting(task.getCasting())
                .build();
        send(Topic.RESULTS, result.getMeta().getMissionId(), result);
        return result;
    }

    void send(Topic topic, String key, Object record) {
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), key, record)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic.topicName(), e);
        }
    }

    private static MissionsAvroSerializer serializer() {
        MissionsAvroSerializer serializer = new MissionsAvroSerializer();
        serializer.configure(Map.of(), false);
        return serializer;
    }

    private static MissionsAvroDeserializer deserializer() {
        MissionsAvroDeserializer deserializer = new MissionsAvroDeserializer();
        deserializer.configure(Map.of(), false);
        return deserializer;
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}

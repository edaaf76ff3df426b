package dev.missions.testsupport;

import dev.missions.schemas.serde.MissionsAvroDeserializer;
import dev.missions.schemas.serde.MissionsAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for tests: send records as the services would, and watch what the services do
 * (records they publish, offsets they commit), without a consumer group of the probe's own.
 */
public final class KafkaProbe {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;

    private KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A probe on {@code bootstrapServers}; in a {@code @QuarkusTest} pass the app's {@code kafka.bootstrap.servers}. */
    public static KafkaProbe on(String bootstrapServers) {
        return new KafkaProbe(bootstrapServers);
    }

    /** Sends an Avro record with the services' serde, keyed as the catalog says (missionId). */
    public RecordMetadata send(String topic, String key, Object record) {
        return send(topic, key, record, new MissionsAvroSerializer(), Map.of());
    }

    /** Sends an Avro record with these headers beside it. */
    public RecordMetadata send(String topic, String key, Object record, Map<String, String> headers) {
        return send(topic, key, record, new MissionsAvroSerializer(), headers);
    }

    /** Sends bytes as they are: a poison record when they are not Avro. */
    public RecordMetadata sendRaw(String topic, String key, byte[] value) {
        return send(topic, key, value, new ByteArraySerializer(), Map.of());
    }

    /** The first Avro record on {@code topic} of {@code type} that {@code match}es, read from the beginning. */
    public <T> T awaitRecord(String topic, Class<T> type, Predicate<T> match, Duration timeout) {
        Deserializer<Object> values = new MissionsAvroDeserializer();
        values.configure(Map.of(), false);
        return awaitConsumerRecord(topic, values,
                r -> type.isInstance(r.value()) && match.test(type.cast(r.value())), timeout)
                .map(r -> type.cast(r.value()))
                .orElseThrow(() -> new AssertionError("no matching " + type.getSimpleName() + " on " + topic + " within " + timeout));
    }

    /** The first record on {@code topic} that {@code match}es, value and headers as raw bytes. */
    public ConsumerRecord<String, byte[]> awaitRawRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            Duration timeout) {
        return awaitConsumerRecord(topic, new ByteArrayDeserializer(), match, timeout)
                .orElseThrow(() -> new AssertionError("no matching record on " + topic + " within " + timeout));
    }

    /** Every record on {@code topic} now, value and headers as raw bytes: to show that something did not happen. */
    public List<ConsumerRecord<String, byte[]>> rawRecords(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(POLL).forEach(records::add);
            }
            return records;
        }
    }

    /** Waits until consumer group {@code groupId} has committed past {@code sent}: the service consumed it. */
    public void awaitCommittedPast(String groupId, RecordMetadata sent, Duration timeout) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        Instant deadline = Instant.now().plus(timeout);
        long committed = -1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get();
                committed = Optional.ofNullable(offsets.get(partition)).map(OffsetAndMetadata::offset).orElse(-1L);
                if (committed > sent.offset()) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read offsets of group " + groupId, e.getCause());
        }
        throw new AssertionError("group " + groupId + " committed " + committed + " on " + partition
                + ", not past offset " + sent.offset() + ", within " + timeout);
    }

    private <V> RecordMetadata send(String topic, String key, V value, Serializer<V> serializer, Map<String, String> headers) {
        serializer.configure(Map.of(), false);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            ProducerRecord<String, V> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic, e.getCause());
        }
    }

    private <V> Optional<ConsumerRecord<String, V>> awaitConsumerRecord(String topic, Deserializer<V> values,
            Predicate<ConsumerRecord<String, V>> match, Duration timeout) {
        try (KafkaConsumer<String, V> consumer = consumer(values)) {
            assignFromBeginning(consumer, topic);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                    if (match.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** A consumer outside any group: it reads everything and commits nothing. */
    private <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), values);
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<String, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }
}

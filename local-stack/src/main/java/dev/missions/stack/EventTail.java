package dev.missions.stack;

import dev.missions.events.MissionEvent;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows {@code missions.events} from now on, without joining a consumer group. */
public final class EventTail implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;

    public EventTail(String bootstrapServers) {
        MissionsAvroDeserializer values = new MissionsAvroDeserializer();
        values.configure(Map.of(), false);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.MISSION_EVENTS.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The events that arrived within {@code wait}. */
    public List<MissionEvent> poll(Duration wait) {
        return java.util.stream.StreamSupport.stream(consumer.poll(wait).spliterator(), false)
                .map(record -> record.value())
                .filter(MissionEvent.class::isInstance).map(MissionEvent.class::cast).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

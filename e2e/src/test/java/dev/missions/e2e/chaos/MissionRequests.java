package dev.missions.e2e.chaos;

import dev.missions.events.MissionRequested;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroSerializer;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Asks for missions on {@code missions.requests}, as the gateway does: the request waits on the topic while the
 * coordinator is down, and a send is retried across a broker restart (idempotent, acks=all, minutes to deliver).
 */
final class MissionRequests implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;

    MissionRequests(String bootstrapServers) {
        MissionsAvroSerializer values = new MissionsAvroSerializer();
        values.configure(Map.of(), false);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000"), new StringSerializer(), values);
    }

    /** Returns once the broker has the request. */
    void send(MissionRequested request) {
        String missionId = request.getMeta().getMissionId();
        try {
            producer.send(new ProducerRecord<>(Topic.MISSION_REQUESTS.topicName(), missionId, request)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending mission " + missionId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("mission " + missionId + " not requested", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

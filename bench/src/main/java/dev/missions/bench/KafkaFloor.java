package dev.missions.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka part of the floor: a plain producer with the services' durability (acks=all, idempotent) to a plain
 * consumer on the same broker, one record at a time, so each sample is an unloaded one-way trip. Both ends live in
 * this JVM, so one clock (nanoTime) times both.
 */
final class KafkaFloor {

    private static final String TOPIC = "bench.floor";
    private static final int WARMUP = 50;

    private KafkaFloor() {
    }

    static Distribution measure(String bootstrapServers, int samples) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
        }
        SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        try (KafkaConsumer<String, Long> consumer = consumer(bootstrapServers);
                KafkaProducer<String, Long> producer = producer(bootstrapServers)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread reader = Thread.ofPlatform().name("bench-floor-consumer").start(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                        long arrived = System.nanoTime();
                        try {
                            arrivals.put(arrived - record.value());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            List<Double> oneWays = new ArrayList<>();
            for (int i = 0; i < WARMUP + samples; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "floor", System.nanoTime()));
                Long nanos = arrivals.poll(30, TimeUnit.SECONDS);
                if (nanos == null) {
                    throw new IllegalStateException("a floor record did not arrive within 30 s");
                }
                if (i >= WARMUP) {
                    oneWays.add(nanos / 1e6);
                }
            }
            running.set(false);
            reader.join(5000);
            return Distribution.of(oneWays);
        }
    }

    /** The services' producer durability; linger 0 because the floor is what one record costs, unbatched. */
    private static KafkaProducer<String, Long> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new LongSerializer());
    }

    private static KafkaConsumer<String, Long> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new LongDeserializer());
    }
}

package dev.missions.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.schemas.Topic;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureTest {

    @Test
    void theBrokerCarriesRecordsAndHasEveryCatalogTopic() throws Exception {
        String servers = EmbeddedKafka.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            Set<String> names = admin.listTopics().names().get();
            for (Topic topic : Topic.values()) {
                assertTrue(names.contains(topic.topicName()), topic.topicName());
                assertTrue(names.contains(topic.deadLetterTopicName()), topic.deadLetterTopicName());
            }
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(), new StringSerializer());
                var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                        ConsumerConfig.GROUP_ID_CONFIG, "probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
            consumer.subscribe(List.of("probe"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 50 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertEquals("hello", records.iterator().next().value());
        }
    }

    @Test
    void theDatabaseServesSeparateDatabases() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.shared();
        database.ensureDatabase("probe_one");
        database.ensureDatabase("probe_one");
        try (Connection connection = database.connect("probe_one");
                ResultSet rs = connection.createStatement().executeQuery("select current_database(), current_setting('fsync')")) {
            rs.next();
            assertEquals("probe_one", rs.getString(1));
            assertEquals("on", rs.getString(2));
        }
    }
}

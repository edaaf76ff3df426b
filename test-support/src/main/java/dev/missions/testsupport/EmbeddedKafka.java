package dev.missions.testsupport;

import dev.missions.schemas.Topic;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** A real KRaft broker inside this JVM, and the catalog's topics on it. */
public final class EmbeddedKafka implements AutoCloseable {

    /** Partitions per topic: enough for parallel consumers, few enough to start fast. */
    public static final int PARTITIONS = 4;
    private static final String CLUSTER_ID = "bWlzc2lvbnMtbG9jYWwtMQ";

    private static EmbeddedKafka shared;

    private final EmbeddedKafkaBroker broker;
    private final String bootstrapServers;

    private EmbeddedKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.bootstrapServers = broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    /** One broker per JVM on random ports with throw-away storage; closed when the JVM exits. */
    public static synchronized EmbeddedKafka shared() {
        if (shared == null) {
            shared = start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-kafka-stop"));
        }
        return shared;
    }

    /** A broker on {@code port} (0 = random); with {@code logDir}, its data survives a restart. */
    public static EmbeddedKafka start(int port, Path logDir) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().withClusterId(CLUSTER_ID);
        if (port > 0) {
            broker.withKafkaPort(port);
        }
        if (logDir != null) {
            broker.withDeleteLogDirsOnClose(false);
        }
        // one modifier only: the companion keeps the last one given
        broker.withAdditionalProperties(props -> {
            props.put("num.partitions", String.valueOf(PARTITIONS));
            props.put("offsets.topic.num.partitions", "4");
            props.put("group.initial.rebalance.delay.ms", "0");
            if (logDir != null) {
                // the companion makes a temporary folder only when log.dir (singular) is unset
                props.put("log.dir", logDir.toAbsolutePath().toString());
            }
        });
        EmbeddedKafka kafka = new EmbeddedKafka(broker.start());
        kafka.createCatalogTopics();
        return kafka;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates every catalog topic and its dead-letter topic; existing ones are left alone. */
    public void createCatalogTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                for (String name : List.of(topic.topicName(), topic.deadLetterTopicName())) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, PARTITIONS, (short) 1));
                    }
                }
            }
            admin.createTopics(missing).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + Topic.values().length + " on " + bootstrapServers, e.getCause());
        }
    }


    @Override
    public void close() {
        broker.close();
    }
}

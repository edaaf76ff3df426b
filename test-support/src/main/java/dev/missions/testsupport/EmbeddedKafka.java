package dev.missions.testsupport;

import dev.missions.schemas.Topic;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
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

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final String bootstrapServers;
    private volatile EmbeddedKafkaBroker broker;

    private EmbeddedKafka(int port, int controllerPort, Path logDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.broker = launch(port, controllerPort, logDir);
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
        // a broker that keeps its data can be restarted: it then needs the same ports again, so they are fixed now
        boolean restartable = logDir != null;
        EmbeddedKafka kafka = new EmbeddedKafka(port == 0 && restartable ? FreePorts.one() : port,
                restartable ? FreePorts.one() : 0, logDir);
        kafka.createCatalogTopics();
        return kafka;
    }

    private static EmbeddedKafkaBroker launch(int port, int controllerPort, Path logDir) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().withClusterId(CLUSTER_ID);
        if (port > 0) {
            broker.withKafkaPort(port);
        }
        if (controllerPort > 0) {
            broker.withControllerPort(controllerPort);
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
        return broker.start();
    }

    /**
     * Stops the broker, stays down for {@code downtime}, and starts it again on the same ports and log directory, as
     * a restarted server would come back: clients must reconnect on their own. Only for a broker started with a
     * log directory.
     */
    public synchronized void restart(Duration downtime) {
        if (logDir == null) {
            throw new IllegalStateException("a broker without a log directory loses its data on restart");
        }
        broker.close();
        sleep(downtime);
        broker = launch(port, controllerPort, logDir);
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


    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker was down", e);
        }
    }

    @Override
    public synchronized void close() {
        broker.close();
    }
}

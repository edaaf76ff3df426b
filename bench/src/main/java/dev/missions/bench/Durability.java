package dev.missions.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The durability settings the run was measured under, read from where they take effect (the services' shared
 * Kafka wiring and the live database), so that no figure can silently come from weaker settings than users get.
 */
public record Durability(String producerAcks, String producerIdempotence, String synchronousCommit, String fsync,
        String walSyncMethod) {

    private static final String SHARED_KAFKA_WIRING = "META-INF/microprofile-config.properties";
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";

    static Durability read(Connection coordinatorDb) {
        Properties wiring = servicesKafkaWiring();
        return new Durability(wiring.getProperty(CONNECTOR + "acks"), wiring.getProperty(CONNECTOR + "enable.idempotence"),
                show(coordinatorDb, "synchronous_commit"), show(coordinatorDb, "fsync"), show(coordinatorDb, "wal_sync_method"));
    }

    /** Production settings: acks=all with idempotence, and every commit flushed to disk. */
    boolean production() {
        return "all".equals(producerAcks) && "true".equals(producerIdempotence) && "on".equals(synchronousCommit)
                && "on".equals(fsync);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("producer_acks", producerAcks);
        map.put("producer_enable_idempotence", producerIdempotence);
        map.put("postgres_synchronous_commit", synchronousCommit);
        map.put("postgres_fsync", fsync);
        map.put("postgres_wal_sync_method", walSyncMethod);
        map.put("production_defaults", production());
        return map;
    }

    @Override
    public String toString() {
        return "producer acks=" + producerAcks + " enable.idempotence=" + producerIdempotence
                + "; postgres synchronous_commit=" + synchronousCommit + " fsync=" + fsync + " wal_sync_method="
                + walSyncMethod;
    }

    /** The schemas module's wiring, which every service reads (a service's own file may only override it). */
    private static Properties servicesKafkaWiring() {
        try {
            for (URL url : Collections.list(Durability.class.getClassLoader().getResources(SHARED_KAFKA_WIRING))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                if (properties.containsKey(CONNECTOR + "acks")) {
                    return properties;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the services' Kafka wiring", e);
        }
        throw new IllegalStateException("no " + SHARED_KAFKA_WIRING + " with " + CONNECTOR + "acks on the classpath");
    }

    private static String show(Connection connection, String setting) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + setting, e);
        }
    }
}

package dev.missions.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Hands the JVM's one embedded PostgreSQL to a Quarkus test; init arg {@code database} picks the database. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String database = "missions";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return EmbeddedDatabase.shared().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // the server outlives one Quarkus app: other tests in this JVM reuse it
    }
}

package dev.missions.stack;

import java.nio.file.Path;

/** The six services of the system, each a Quarkus app run from its module's {@code quarkus-app}. */
public enum Service {
    COORDINATOR("coordinator-service", 8080, "coordinator"),
    GATEWAY("integration-gateway", 8081, "gateway"),
    DROID_CODE("droid-code-service", 8082, null),
    DROID_TEST("droid-test-service", 8083, null),
    DROID_REVIEW("droid-review-service", 8084, null),
    DROID_DOCS("droid-docs-service", 8085, null);

    private final String module;
    private final int defaultPort;
    private final String database;

    Service(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The database this service owns, or null when it keeps no state. */
    public String database() {
        return database;
    }

    public Path runner(Path home) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}

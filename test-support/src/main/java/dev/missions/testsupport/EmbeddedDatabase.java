package dev.missions.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A real PostgreSQL server run from embedded binaries, with one database per service. */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedDatabase shared;

    private final Path dataDir;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** One server per JVM with a throw-away data directory; stopped when the JVM exits. */
    public static synchronized EmbeddedDatabase shared() {
        if (shared == null) {
            shared = start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    /** A server on {@code port} (0 = random); with {@code dataDir}, its data survives a restart. */
    public static EmbeddedDatabase start(int port, Path dataDir) {
        return new EmbeddedDatabase(launch(port, dataDir), dataDir);
    }

    private static EmbeddedPostgres launch(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    // durability as users get it: every commit reaches the disk
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "200")
                    // what each statement costs, for the bench; loaded, it costs nothing until a database creates it
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * Stops the server (fast shutdown: every session is cut and its open transaction rolled back), stays down for
     * {@code downtime}, and starts it again on the same port and data directory: clients must reconnect on their
     * own. Only for a server started with a data directory.
     */
    public synchronized void restart(java.time.Duration downtime) {
        if (dataDir == null) {
            throw new IllegalStateException("a server without a data directory loses its data on restart");
        }
        int port = port();
        close();
        try {
            Thread.sleep(downtime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while PostgreSQL was down", e);
        }
        postgres = launch(port, dataDir);
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates {@code database} unless it exists. */
    public synchronized void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    /** Quarkus datasource settings for {@code database}, created if needed. */
    public Map<String, String> quarkusConfig(String database) {
        ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD,
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.reactive.url", reactiveUrl(database),
                "quarkus.datasource.devservices.enabled", "false");
    }

    public Connection connect(String database) throws SQLException {
        return postgres.getDatabase(USER, database).getConnection();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        }
    }
}

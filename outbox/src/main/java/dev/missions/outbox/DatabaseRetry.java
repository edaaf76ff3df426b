package dev.missions.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A consumer's work while the database is restarting or failing over: tried again with backoff until it is back,
 * never dead-lettered. A record that failed only because PostgreSQL was away is not a poison record; sending it to
 * the DLQ would lose a mission request or a result.
 */
public final class DatabaseRetry {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, serialization_failure, deadlock. */
    private static final Set<String> PASSING_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");
    private static final String POOL_CLOSED = "Pool closed";

    private DatabaseRetry() {
    }

    /** Runs {@code work} (a whole transaction) again each time it failed for {@link #unavailable}; other failures pass. */
    public static <T> Uni<T> untilAvailable(String what, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>deferred(work::get)
                .onFailure(DatabaseRetry::unavailable).invoke(failure -> Log.warnf(
                        "database unavailable (%s); %s is tried again", rootMessage(failure), what))
                .onFailure(DatabaseRetry::unavailable).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }

    /** True when the failure says the database could not be reached or asked for the transaction to be run again. */
    public static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ClosedConnectionException || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof DatabaseException db && passing(db.getSqlState())) {
                return true;
            }
            // the pool was closed under the work: the service is stopping, and another instance (or this one,
            // restarted) must get the record again, not the DLQ; Vert.x reports this by message only
            if (POOL_CLOSED.equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean passing(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || PASSING_STATES.contains(sqlState));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

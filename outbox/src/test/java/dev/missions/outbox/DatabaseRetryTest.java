package dev.missions.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseRetryTest {

    @Test
    void aDatabaseThatIsAwayIsWaitedFor() {
        assertTrue(DatabaseRetry.unavailable(new ConnectException("Connection refused")));
        assertTrue(DatabaseRetry.unavailable(new CompletionException(new RuntimeException("wrapped",
                ClosedConnectionException.INSTANCE))));
        assertTrue(DatabaseRetry.unavailable(state("57P01"))); // terminating connection due to administrator command
        assertTrue(DatabaseRetry.unavailable(state("57P03"))); // the database system is starting up
        assertTrue(DatabaseRetry.unavailable(state("08006")));
        assertTrue(DatabaseRetry.unavailable(state("40001")));
    }

    @Test
    void aFailureOfTheRecordItselfIsNot() {
        assertFalse(DatabaseRetry.unavailable(state("23505"))); // unique violation
        assertFalse(DatabaseRetry.unavailable(state("22P02"))); // invalid text representation
        assertFalse(DatabaseRetry.unavailable(new IllegalArgumentException("subtask is not part of mission")));
        assertFalse(DatabaseRetry.unavailable(new NullPointerException()));
        assertFalse(DatabaseRetry.unavailable(new RuntimeException("error executing SQL statement", state("22023"))));
    }

    @Test
    void workOnAPoolClosedWhileTheServiceStopsIsLeftForTheNextInstance() {
        // what Vert.x fails a pending or new statement with once the service's pool is closed at shutdown
        Throwable closed = io.vertx.core.Future.failedFuture("Pool closed").cause();
        assertTrue(DatabaseRetry.unavailable(new RuntimeException("batch failed", closed)));
        assertFalse(DatabaseRetry.unavailable(new IllegalStateException("Pool closed for repairs, says the record")));
    }

    @Test
    void aDeadlockIsRunAgainHoweverDeepItsCause() {
        // two transactions that locked rows in opposite orders: PostgreSQL aborts one, which may simply run again
        assertTrue(DatabaseRetry.unavailable(new RuntimeException("error executing SQL statement", state("40P01"))));
    }

    @Test
    void workIsRunAgainUntilTheDatabaseIsBackAndOtherFailuresPassAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        String result = DatabaseRetry.untilAvailable("a test", () -> runs.incrementAndGet() < 3
                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                : Uni.createFrom().item("applied")).await().indefinitely();
        assertEquals("applied", result);
        assertEquals(3, runs.get());

        AtomicInteger poisoned = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> DatabaseRetry.untilAvailable("a test", () -> {
            poisoned.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("malformed"));
        }).await().indefinitely());
        assertEquals(1, poisoned.get());
    }

    private static DatabaseException state(String sqlState) {
        return new DatabaseException("server said " + sqlState, 0, sqlState) {
        };
    }
}

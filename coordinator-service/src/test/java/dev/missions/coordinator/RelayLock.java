package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.fail;

import dev.missions.outbox.OutboxRelay;
import java.sql.Connection;
import java.sql.ResultSet;

/** The coordinator's relay lock, taken over by a test connection playing another instance. */
final class RelayLock {

    static final long KEY = OutboxRelay.lockKey("coordinator-service");

    private RelayLock() {
    }

    /** Ends the session of whoever holds the lock (this coordinator's leader) until {@code other} holds it. */
    static void take(Connection other) throws Exception {
        for (int i = 0; i < 50; i++) {
            try (ResultSet taken = other.createStatement().executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
                taken.next();
                if (taken.getBoolean(1)) {
                    return;
                }
            }
            other.createStatement().execute("""
                    select pg_terminate_backend(pid) from pg_locks
                     where locktype = 'advisory' and granted and pid <> pg_backend_pid()
                       and database = (select oid from pg_database where datname = current_database())""");
            Missions.sleep(100);
        }
        fail("the relay lock stayed with this coordinator");
    }

    static void release(Connection other) throws Exception {
        other.createStatement().execute("select pg_advisory_unlock(" + KEY + ")");
    }
}

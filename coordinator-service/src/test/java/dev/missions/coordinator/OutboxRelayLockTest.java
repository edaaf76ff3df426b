package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.missions.events.SubtaskAssigned;
import dev.missions.outbox.OutboxRelay;
import dev.missions.testsupport.EmbeddedDatabase;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class OutboxRelayLockTest {

    static final long KEY = OutboxRelay.lockKey("coordinator-service");

    final DroidDouble droids = DroidDouble.shared();

    /**
     * Another coordinator instance (played by this connection) takes the relay lock when this one's leader connection
     * dies: from then on this one publishes nothing, and once the lock is free again it leads again.
     */
    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws Exception {
        String missionId;
        try (Connection other = EmbeddedDatabase.shared().connect("coordinator")) {
            takeTheLock(other);
            missionId = Missions.createFeature("Wait for the relay lock");
            droids.script(missionId, task -> List.of(MissionEngineTest.approving(task)));

            Missions.sleep(2000);
            assertEquals(List.of(), droids.records(missionId, SubtaskAssigned.class), "published while another instance held the lock");
            assertEquals(1, Missions.count("select count(*) from outbox o where o.sent_at is null and o.message_key = '" + missionId
                    + "' and o.topic = 'droid.tasks.code'"));
            other.createStatement().execute("select pg_advisory_unlock(" + KEY + ")");
        }

        Missions.awaitStatus(missionId, "SUCCEEDED");
    }

    /** Ends the session of whoever holds the lock (this coordinator's leader) until this connection holds it. */
    private static void takeTheLock(Connection other) throws Exception {
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
}

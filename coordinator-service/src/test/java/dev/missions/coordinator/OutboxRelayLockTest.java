package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.outbox.OutboxRelay;
import dev.missions.events.SubtaskAssigned;
import dev.missions.testsupport.EmbeddedDatabase;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class OutboxRelayLockTest {

    final DroidDouble droids = DroidDouble.shared();

    /** Another coordinator instance holding the relay lock (played by this connection) keeps this one from publishing. */
    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws Exception {
        String missionId;
        try (Connection other = EmbeddedDatabase.shared().connect("coordinator")) {
            other.setAutoCommit(false);
            other.createStatement().execute("select pg_advisory_xact_lock(" + OutboxRelay.lockKey("coordinator-service") + ")");
            missionId = Missions.createFeature("Wait for the relay lock");
            droids.script(missionId, task -> List.of(MissionEngineTest.approving(task)));

            Missions.sleep(2000);
            assertEquals(List.of(), droids.records(missionId, SubtaskAssigned.class), "published while another instance held the lock");
            assertEquals(1, Missions.count("select count(*) from outbox o where o.sent_at is null and o.message_key = '" + missionId
                    + "' and o.topic = 'droid.tasks.code'"));
            other.rollback();
        }

        Missions.awaitStatus(missionId, "SUCCEEDED");
    }
}

package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /**
     * Another coordinator instance (played by this connection) takes the relay lock when this one's leader connection
     * dies: from then on this one publishes nothing, and once the lock is free again it leads again.
     */
    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws Exception {
        String missionId;
        try (Connection other = EmbeddedDatabase.shared().connect("coordinator")) {
            RelayLock.take(other);
            missionId = Missions.createFeature("Wait for the relay lock");
            droids.script(missionId, task -> List.of(MissionEngineTest.approving(task)));

            Missions.sleep(2000);
            assertEquals(List.of(), droids.records(missionId, SubtaskAssigned.class), "published while another instance held the lock");
            assertEquals(1, Missions.count("select count(*) from outbox o where o.sent_at is null and o.message_key = '" + missionId
                    + "' and o.topic = 'droid.tasks.code'"));
            RelayLock.release(other);
        }

        Missions.awaitStatus(missionId, "SUCCEEDED");
    }
}

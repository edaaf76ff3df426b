package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EmbeddedKafka;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class PoisonResultTest {

    @Test
    void anUnreadableResultGoesToTheDeadLetterTopicAndResultsKeepFlowing() throws Exception {
        KafkaProbe probe = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers());
        String poisonKey = "poison-" + System.nanoTime();
        probe.sendRaw(Topic.RESULTS.topicName(), poisonKey, "not avro at all".getBytes(StandardCharsets.UTF_8));

        var dead = probe.awaitRawRecord(Topic.RESULTS.deadLetterTopicName(), r -> poisonKey.equals(r.key()), Missions.WAIT);
        assertEquals("not avro at all", new String(dead.headers().lastHeader("deserialization-failure-data").value(), StandardCharsets.UTF_8));

        {
            DroidDouble droids = DroidDouble.shared();
            String missionId = Missions.createFeature("Still working after poison");
            droids.script(missionId, task -> List.of(MissionEngineTest.approving(task)));
            Missions.awaitStatus(missionId, "SUCCEEDED");
        }
    }

    @Test
    void anUnreadableHeartbeatGoesToTheDeadLetterTopic() {
        KafkaProbe probe = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers());
        String poisonKey = "poison-beat-" + System.nanoTime();
        probe.sendRaw(Topic.HEARTBEATS.topicName(), poisonKey, "not a heartbeat".getBytes(StandardCharsets.UTF_8));

        var dead = probe.awaitRawRecord(Topic.HEARTBEATS.deadLetterTopicName(), r -> poisonKey.equals(r.key()), Missions.WAIT);
        assertEquals("not a heartbeat", new String(dead.headers().lastHeader("deserialization-failure-data").value(), StandardCharsets.UTF_8));
    }

    @Test
    void aResultThatCannotBeAppliedIsDeadLetteredAndBlocksItsMissionSayingWhy() throws Exception {
        {
            DroidDouble droids = DroidDouble.shared();
            String missionId = Missions.createFeature("A droid sends nonsense");
            droids.script(missionId, task -> List.of(SubtaskCompleted.newBuilder(MissionEngineTest.approving(task))
                    .setSubtaskId("not-a-subtask-id").build()));

            var mission = Missions.awaitStatus(missionId, "BLOCKED");

            assertTrue(mission.getString("blockedReason").contains("could not be applied"), mission.getString("blockedReason"));
            assertTrue(mission.getString("blockedReason").contains("droid.results.dlq"), mission.getString("blockedReason"));
            KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers())
                    .awaitRawRecord(Topic.RESULTS.deadLetterTopicName(), r -> missionId.equals(r.key()), Missions.WAIT);
        }
    }
}

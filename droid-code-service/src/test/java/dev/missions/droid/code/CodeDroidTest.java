package dev.missions.droid.code;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.EventMeta;
import dev.missions.events.SubtaskCompleted;
import dev.missions.events.SubtaskHeartbeat;
import dev.missions.schemas.Artifacts;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
class CodeDroidTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aCodeTaskIsCompletedOnDroidResults() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        SubtaskAssigned task = EventSamples.subtaskAssigned(Role.CODE);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome());
        assertEquals(task.getAttempt(), completed.getAttempt());
        assertEquals(Role.CODE, completed.getRole());
        assertEquals(task.getMeta().getEventId(), completed.getMeta().getCausationId());
        assertEquals(task.getMeta().getMissionId(), completed.getMeta().getMissionId());
        assertEquals(task.getMeta().getCorrelationId(), completed.getMeta().getCorrelationId());
        assertEquals(task.getCasting(), completed.getCasting());
        assertEquals(Map.of("received", "true", Artifacts.COMMITS, ""), completed.getArtifacts());
        assertEquals("code droid received subtask " + task.getSubtaskId() + " attempt " + task.getAttempt()
                + "; no code written: no model cast yet", completed.getSummary());
        assertTrue(completed.getDroidId().startsWith("code@"), completed.getDroidId());

        SubtaskHeartbeat heartbeat = kafka.awaitRecord(Topic.HEARTBEATS.topicName(), SubtaskHeartbeat.class,
                h -> h.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(task.getAttempt(), heartbeat.getAttempt());
        assertEquals(completed.getDroidId(), heartbeat.getDroidId());
        assertEquals(task.getMeta().getEventId(), heartbeat.getMeta().getCausationId());
    }

    @Test
    void aTaskOfACancelledMissionIsNotWorked() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        SubtaskAssigned task = EventSamples.subtaskAssigned(Role.CODE);
        MissionEvent cancelled = MissionEvent.newBuilder(EventSamples.missionAccepted())
                .setMeta(EventMeta.newBuilder(EventSamples.meta()).setMissionId(task.getMeta().getMissionId()).build())
                .setType(MissionEventType.CANCELLED).setStatus(MissionStatus.CANCELLED).build();
        var sent = kafka.send(Topic.MISSION_EVENTS.topicName(), task.getMeta().getMissionId(), cancelled);
        kafka.awaitCommittedPast("droid-control-code-test", sent, WAIT);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Outcome.FAILED, completed.getOutcome());
        assertEquals("mission cancelled", completed.getFailureReason());
        assertTrue(completed.getSummary().startsWith("not started"), completed.getSummary());
    }

    @Test
    void aPoisonTaskIsDeadLetteredAndTheNextTaskStillCompletes() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        byte[] poison = "this is not avro".getBytes(StandardCharsets.UTF_8);
        String poisonKey = "poison-" + System.nanoTime();
        SubtaskAssigned next = EventSamples.subtaskAssigned(Role.CODE);

        kafka.sendRaw(Topic.TASKS_CODE.topicName(), poisonKey, poison);
        kafka.send(Topic.TASKS_CODE.topicName(), next.getMeta().getMissionId(), next);

        ConsumerRecord<String, byte[]> dead = kafka.awaitRawRecord(Topic.TASKS_CODE.deadLetterTopicName(),
                r -> poisonKey.equals(r.key()), WAIT);
        assertArrayEquals(poison, header(dead, "deserialization-failure-data"));
        assertEquals(Topic.TASKS_CODE.topicName(),
                new String(header(dead, "dead-letter-topic"), StandardCharsets.UTF_8));
        kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(next.getSubtaskId()), WAIT);
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }

    private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "no header " + name + " on " + record);
        return header.value();
    }
}

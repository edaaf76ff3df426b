package dev.missions.droid.test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
class TestDroidTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theTestDroidConsumesItsTasks() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        SubtaskAssigned task = EventSamples.subtaskAssigned(Role.TEST);

        RecordMetadata sent = kafka.send(Topic.TASKS_TEST.topicName(), task.getMeta().getMissionId(), task);

        // acked only after the work ran, so a commit past the task means the droid took it
        kafka.awaitCommittedPast("droids-test", sent, WAIT);
        // a dead-lettered task reaches the DLQ before its offset is committed, so it would be there by now
        assertTrue(kafka.rawRecords(Topic.TASKS_TEST.deadLetterTopicName()).stream()
                .noneMatch(r -> task.getMeta().getMissionId().equals(r.key())), "task was dead-lettered");
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }
}

package dev.missions.droid.test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Artifacts;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
class TestDroidTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theTestDroidAnswersThatItRanNoTests() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        SubtaskAssigned task = EventSamples.subtaskAssigned(Role.TEST);

        kafka.send(Topic.TASKS_TEST.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome());
        assertEquals(Role.TEST, completed.getRole());
        assertEquals(task.getAttempt(), completed.getAttempt());
        assertEquals(task.getMeta().getEventId(), completed.getMeta().getCausationId());
        assertEquals(task.getMeta().getMissionId(), completed.getMeta().getMissionId());
        assertEquals(Map.of(Artifacts.TESTS, Artifacts.NOT_RUN), completed.getArtifacts());
        assertEquals("test droid received subtask " + task.getSubtaskId() + " attempt " + task.getAttempt()
                + "; tests not run: no build runner yet", completed.getSummary());
        assertTrue(completed.getDroidId().startsWith("test@"), completed.getDroidId());
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }
}

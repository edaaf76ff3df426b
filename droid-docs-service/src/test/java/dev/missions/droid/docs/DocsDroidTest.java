package dev.missions.droid.docs;

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
class DocsDroidTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theDocsDroidAnswersThatItChangedNoDocs() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        SubtaskAssigned task = EventSamples.subtaskAssigned(Role.DOCS);

        kafka.send(Topic.TASKS_DOCS.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome());
        assertEquals(Role.DOCS, completed.getRole());
        assertEquals(task.getAttempt(), completed.getAttempt());
        assertEquals(task.getMeta().getEventId(), completed.getMeta().getCausationId());
        assertEquals(task.getMeta().getMissionId(), completed.getMeta().getMissionId());
        assertEquals(Map.of(Artifacts.FILES_CHANGED, ""), completed.getArtifacts());
        assertEquals("docs droid received subtask " + task.getSubtaskId() + " attempt " + task.getAttempt()
                + "; no docs changed: no model cast yet", completed.getSummary());
        assertTrue(completed.getDroidId().startsWith("docs@"), completed.getDroidId());
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }
}

package dev.missions.gateway.outbound;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.MissionEvent;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.gateway.support.ExternalApis;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class MissionProgressLogTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theGatewayFollowsMissionEvents() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        MissionEvent event = EventSamples.missionAccepted();

        RecordMetadata sent = kafka.send(Topic.MISSION_EVENTS.topicName(), event.getMeta().getMissionId(), event);

        kafka.awaitCommittedPast("integration-gateway", sent, WAIT);
        // a dead-lettered event reaches the DLQ before its offset is committed, so it would be there by now
        assertTrue(kafka.rawRecords(Topic.MISSION_EVENTS.deadLetterTopicName()).stream()
                .noneMatch(r -> event.getMeta().getMissionId().equals(r.key())), "event was dead-lettered");
    }

    @Test
    void theGatewayIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }
}

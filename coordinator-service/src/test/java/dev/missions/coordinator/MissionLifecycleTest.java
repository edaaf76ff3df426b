package dev.missions.coordinator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EmbeddedDatabase;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class MissionLifecycleTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aMissionIsDispatchedToTheCodeDroidAndSucceedsOnItsResultExactlyOnce() throws Exception {
        String missionId = given().contentType(ContentType.JSON)
                .body("""
                        {"goal": "Add a greeting endpoint", "repository": "https://git.example.com/acme/shop.git"}""")
                .post("/missions")
                .then().statusCode(201)
                .body("status", equalTo("RUNNING"))
                .body("subtasks[0].role", equalTo("CODE"))
                .extract().path("id");

        try (DroidDouble droid = new DroidDouble(Topic.TASKS_CODE, Topic.MISSION_EVENTS)) {
            SubtaskAssigned task = droid.await(SubtaskAssigned.class, t -> t.getMeta().getMissionId().equals(missionId), WAIT);
            assertEquals(Role.CODE, task.getRole());
            assertEquals(1, task.getAttempt());
            assertEquals("replay", task.getCasting().getProvider());
            assertEquals("https://git.example.com/acme/shop.git", task.getWorkspace().getRepository());

            SubtaskCompleted result = droid.complete(task, Outcome.SUCCEEDED);
            droid.send(Topic.RESULTS, missionId, result);

            droid.await(MissionEvent.class, e -> e.getMeta().getMissionId().equals(missionId)
                    && e.getType() == MissionEventType.SUCCEEDED, WAIT);
            List<MissionEventType> types = droid.seen(MissionEvent.class, e -> e.getMeta().getMissionId().equals(missionId))
                    .stream().map(MissionEvent::getType).toList();
            assertEquals(List.of(MissionEventType.ACCEPTED, MissionEventType.PLANNED, MissionEventType.SUBTASK_STARTED,
                    MissionEventType.SUBTASK_SUCCEEDED, MissionEventType.SUCCEEDED), types);
        }

        given().get("/missions/" + missionId).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("subtasks[0].status", equalTo("SUCCEEDED"))
                .body("subtasks[0].summary", equalTo("done by the double"));
        assertEquals(1, count("select count(*) from subtask_result r join subtask s on s.id = r.subtask_id where s.mission_id = '"
                + missionId + "'"));
    }

    @Test
    void anUnknownMissionIs404AndAMalformedIdIs400() {
        given().get("/missions/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().get("/missions/not-a-uuid").then().statusCode(400).body("error", equalTo("mission id must be a UUID, got 'not-a-uuid'"));
    }

    static long count(String sql) throws Exception {
        try (Connection connection = EmbeddedDatabase.shared().connect("coordinator");
                ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

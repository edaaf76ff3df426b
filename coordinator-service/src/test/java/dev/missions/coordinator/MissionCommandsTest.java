package dev.missions.coordinator;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.CommandType;
import dev.missions.events.EventMeta;
import dev.missions.events.MissionCommand;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionRequested;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.Source;
import dev.missions.events.SourceRef;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EmbeddedKafka;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class MissionCommandsTest {

    final DroidDouble droids = DroidDouble.shared();

    static JsonPath command(String missionId, String command, int status) {
        return Missions.api().contentType(ContentType.JSON).body("{\"command\": \"" + command + "\"}")
                .post("/missions/" + missionId + "/commands").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void aPausedMissionDispatchesNothingUntilResumed() {
        AtomicBoolean codeMayFinish = new AtomicBoolean();
        String missionId = Missions.createFeature("Pause me");
        droids.script(missionId, task -> {
            if (task.getRole() == Role.CODE && !codeMayFinish.get()) {
                return List.of();
            }
            return List.of(MissionEngineTest.approving(task));
        });

        SubtaskAssigned code = droids.await(missionId, SubtaskAssigned.class, t -> t.getRole() == Role.CODE, Missions.WAIT);
        assertEquals("PAUSED", command(missionId, "PAUSE", 200).getString("status"));
        codeMayFinish.set(true);
        droids.send(MissionEngineTest.approving(code));
        droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.SUBTASK_SUCCEEDED, Missions.WAIT);
        Missions.sleep(1000);
        JsonPath paused = Missions.get(missionId);
        assertEquals("PAUSED", paused.getString("status"));
        assertEquals("PENDING", paused.getString("subtasks.find { it.key == 'test' }.status"));

        command(missionId, "RESUME", 200);

        Missions.awaitStatus(missionId, "SUCCEEDED");
        List<MissionEventType> types = droids.records(missionId, MissionEvent.class).stream().map(MissionEvent::getType).toList();
        assertTrue(types.containsAll(List.of(MissionEventType.PAUSED, MissionEventType.RESUMED)), types::toString);
    }

    /**
     * Sixteen people pressing pause and resume at the same moment: each command is decided on the mission as the
     * previous one left it, never two on the same read, so every accepted pause is followed by a resume and the timeline
     * says exactly what was accepted.
     */
    @Test
    void concurrentCommandsOnOneMissionApplyOneAfterAnother() throws Exception {
        String missionId = Missions.createFeature("Pressed from everywhere");
        droids.script(missionId, task -> List.of());
        droids.await(missionId, SubtaskAssigned.class, t -> t.getRole() == Role.CODE, Missions.WAIT);

        ExecutorService people = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String body = "{\"command\": \"" + (i % 2 == 0 ? "PAUSE" : "RESUME") + "\"}";
            var request = Missions.api().contentType(ContentType.JSON).body(body);
            sent.add(people.submit(() -> {
                go.await();
                return request.post("/missions/" + missionId + "/commands").statusCode();
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (var response : sent) {
            codes.add(response.get());
        }
        people.shutdown();
        assertTrue(codes.stream().allMatch(code -> code == 200 || code == 409), codes::toString);

        List<String> changes = List.of(Missions.text("select string_agg(type, ',' order by id) from mission_event"
                + " where mission_id = '" + missionId + "' and type in ('PAUSED', 'RESUMED')").split(","));
        assertEquals(codes.stream().filter(code -> code == 200).count(), changes.size(), changes::toString);
        for (int i = 0; i < changes.size(); i++) {
            assertEquals(i % 2 == 0 ? "PAUSED" : "RESUMED", changes.get(i), changes::toString);
        }
        assertEquals(changes.size() % 2 == 0 ? "RUNNING" : "PAUSED", Missions.get(missionId).getString("status"));
    }

    @Test
    void aCommandThatDoesNotFitTheStatusIs409AndUnknownsAre404Or400() {
        String missionId = Missions.createFeature("Wrong commands");
        droids.script(missionId, task -> List.of());

        Missions.api().contentType(ContentType.JSON).body("{\"command\": \"RESUME\"}").post("/missions/" + missionId + "/commands")
                .then().statusCode(409).body("error", equalTo("cannot resume a mission that is RUNNING; only a paused mission can be"));
        Missions.api().contentType(ContentType.JSON).body("{\"command\": \"DANCE\"}").post("/missions/" + missionId + "/commands")
                .then().statusCode(400).body("error", containsString("DANCE"));
        Missions.api().contentType(ContentType.JSON).body("{}").post("/missions/" + missionId + "/commands")
                .then().statusCode(400).body("error", containsString("command is required"));
        command(UUID.randomUUID().toString(), "PAUSE", 404);
    }

    @Test
    void aCancelledMissionDispatchesNothingMore() {
        String missionId = Missions.createFeature("Cancel me");
        droids.script(missionId, task -> List.of());
        droids.await(missionId, SubtaskAssigned.class, t -> t.getRole() == Role.CODE, Missions.WAIT);

        assertEquals("CANCELLED", command(missionId, "CANCEL", 200).getString("status"));
        SubtaskAssigned code = droids.records(missionId, SubtaskAssigned.class).getFirst();
        droids.send(DroidDouble.result(code, Outcome.FAILED, Map.of()));

        Missions.sleep(1500);
        JsonPath mission = Missions.get(missionId);
        assertEquals("CANCELLED", mission.getString("status"));
        assertEquals("PENDING", mission.getString("subtasks.find { it.key == 'test' }.status"));
        assertEquals("FAILED", mission.getString("subtasks.find { it.key == 'code' }.status"), "a droid that stopped is not retried");
        assertEquals(1, mission.getInt("subtasks.find { it.key == 'code' }.attempt"));
        command(missionId, "CANCEL", 409);
    }

    @Test
    void theLeasesOfACancelledMissionEndWithoutRetries() {
        String missionId = Missions.createFeature("Cancel a silent droid");
        droids.script(missionId, task -> List.of());
        droids.await(missionId, SubtaskAssigned.class, t -> t.getRole() == Role.CODE, Missions.WAIT);
        command(missionId, "CANCEL", 200);

        Missions.sleep(4500);

        JsonPath mission = Missions.get(missionId);
        assertEquals("DISPATCHED", mission.getString("subtasks[0].status"));
        assertEquals(1, mission.getInt("subtasks[0].attempt"));
        assertEquals(null, mission.getString("subtasks[0].leaseExpiresAt"));
        assertEquals(List.of(), droids.records(missionId, MissionEvent.class).stream()
                .filter(e -> e.getType() == MissionEventType.SUBTASK_RETRYING).toList());
    }

    @Test
    void aBlockedMissionRetriedByAPersonGetsAFreshAttempt() {
        String missionId = Missions.createFeature("Retry me");
        droids.script(missionId, task -> task.getRole() == Role.CODE && task.getAttempt() <= 3
                ? List.of(DroidDouble.result(task, Outcome.FAILED, Map.of()))
                : List.of(MissionEngineTest.approving(task)));
        Missions.awaitStatus(missionId, "BLOCKED");

        command(missionId, "RETRY", 200);

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");
        assertEquals(4, mission.getInt("subtasks[0].attempt"));
    }

    @Test
    void aMissionFromAnApprovalSourceWaitsForApprovalOnTheBus() {
        String missionId = UUID.randomUUID().toString();
        KafkaProbe probe = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers());
        droids.script(missionId, task -> List.of(MissionEngineTest.approving(task)));
        probe.send(Topic.MISSION_REQUESTS.topicName(), missionId, MissionRequested.newBuilder()
                .setMeta(meta(missionId)).setGoal("From Slack").setRepository("https://git.example.com/acme/shop.git")
                .setOrigin(SourceRef.newBuilder().setSource(Source.SLACK).setReference("C123:1700000000.000100").build())
                .build());

        droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.AWAITING_APPROVAL, Missions.WAIT);
        Missions.sleep(500);
        assertEquals(List.of(), droids.records(missionId, SubtaskAssigned.class));
        assertEquals("AWAITING_APPROVAL", Missions.get(missionId).getString("status"));

        probe.send(Topic.MISSION_COMMANDS.topicName(), missionId, MissionCommand.newBuilder().setMeta(meta(missionId))
                .setCommand(CommandType.APPROVE).setActor("slack:U42").build());

        // the work is done, and the hand-off waits for a second approval
        droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.AWAITING_APPROVAL
                && e.getMessage().contains("hand-off"), Missions.WAIT);
        JsonPath waiting = Missions.awaitStatus(missionId, "AWAITING_APPROVAL");
        assertEquals(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"), waiting.getList("subtasks.status"));
        probe.send(Topic.MISSION_COMMANDS.topicName(), missionId, MissionCommand.newBuilder().setMeta(meta(missionId))
                .setCommand(CommandType.APPROVE).setActor("slack:U42").build());

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");
        assertEquals("SLACK", mission.getString("source"));
        // the gateway is trusted to name the Slack user: commands from the bus keep their actor
        assertTrue(mission.getList("timeline.message", String.class).contains("hand-off approved by slack:U42"),
                mission.getList("timeline.message").toString());
        assertEquals("APPROVE", mission.getString("result.verdict"));
    }

    @Test
    void anApprovalThroughTheApiIsRecordedAsTheTokensName() {
        String missionId = UUID.randomUUID().toString();
        KafkaProbe probe = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers());
        droids.script(missionId, task -> List.of());
        probe.send(Topic.MISSION_REQUESTS.topicName(), missionId, MissionRequested.newBuilder()
                .setMeta(meta(missionId)).setGoal("Approve me through the API").setRepository("https://git.example.com/acme/shop.git")
                .setOrigin(SourceRef.newBuilder().setSource(Source.SLACK).setReference("C123:1700000000.000200").build())
                .build());
        droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.AWAITING_APPROVAL, Missions.WAIT);

        io.restassured.RestAssured.given().auth().oauth2("second-token").contentType(ContentType.JSON)
                .body("{\"command\": \"APPROVE\", \"reason\": \"looks right\"}")
                .post("/missions/" + missionId + "/commands").then().statusCode(200).body("status", equalTo("RUNNING"));

        List<String> messages = Missions.get(missionId).getList("timeline.message", String.class);
        assertTrue(messages.contains("plan approved by second: looks right"), messages.toString());
        MissionEvent resumed = droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.RESUMED, Missions.WAIT);
        assertEquals("plan approved by second: looks right", resumed.getMessage(), "announced on the bus as recorded");
    }

    static EventMeta meta(String missionId) {
        return Metas.first(missionId);
    }
}

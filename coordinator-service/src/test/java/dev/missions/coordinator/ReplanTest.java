package dev.missions.coordinator;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.missions.coordinator.planning.model.PlannerModelProfile;
import dev.missions.coordinator.planning.model.PlannerModelResource.PlannerModel;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Artifacts;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A subtask that fails for good re-plans the rest of its mission once, through the planner model (on WireMock). */
@QuarkusTest
@TestProfile(PlannerModelProfile.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class ReplanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETIONS = "/v1/chat/completions";

    /** Given with the request, so the model is asked only for the re-plan. */
    private static final String PLAN = """
            {"goal": "%s", "repository": "https://git.example.com/acme/shop.git",
             "plan": {"milestones": [{"title": "Build", "subtasks": [
               {"key": "code", "role": "code", "title": "Implement it", "instructions": "implement the goal", "dependsOn": []},
               {"key": "test", "role": "test", "title": "Run the tests", "instructions": "run the tests", "dependsOn": ["code"]},
               {"key": "review", "role": "review", "title": "Review it", "instructions": "review the diff", "dependsOn": ["test"]}]}]}}""";

    /** The model's answer: fix what broke the test run first, then test and review again (reusing the dropped keys). */
    private static final String REPLAN = """
            { "milestones": [ { "title": "Recover", "subtasks": [
                { "key": "fix-build", "role": "code", "title": "Make the build runnable", "instructions": "Fix what stops the tests",
                  "dependsOn": ["code"] },
                { "key": "test", "role": "test", "title": "Run the tests again", "instructions": "Run the tests", "dependsOn": ["fix-build"] },
                { "key": "review", "role": "review", "title": "Review it again", "instructions": "Review the diff", "dependsOn": ["test"] } ] } ] }
            """;

    final DroidDouble droids = DroidDouble.shared();

    @PlannerModel
    WireMockServer model;

    @BeforeEach
    void reset() {
        model.resetAll();
    }

    @Test
    void aSubtaskThatFailsForGoodIsReplannedOnceAndTheNewSubtasksFinishTheMission() throws Exception {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion(REPLAN))));
        String missionId = Missions.create(PLAN.formatted("Replan after a broken test run"));
        droids.script(missionId, task -> task.getTitle().equals("Run the tests")
                ? List.of(DroidDouble.result(task, Outcome.FAILED, Map.of()))
                : List.of(MissionEngineTest.approving(task)));

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");

        model.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)));
        String brief = userMessage(model.findAll(postRequestedFor(urlEqualTo(COMPLETIONS))).getFirst().getBodyAsString());
        assertTrue(brief.startsWith("Re-plan the rest of this mission"), brief);
        assertTrue(brief.contains("code [code] Implement it — SUCCEEDED: done by the double"), brief);
        assertTrue(brief.contains("test [test] Run the tests (after code) — DEAD: scripted failure"), brief);
        assertTrue(brief.contains("review [review] Review it (after test)"), brief);
        assertEquals(1, mission.getInt("replans"));
        assertEquals(List.of("code", "test", "review", "fix-build", "test", "review"), mission.getList("subtasks.key"));
        assertEquals(List.of("SUCCEEDED", "REPLACED", "REPLACED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"), mission.getList("subtasks.status"));
        assertEquals(3, mission.getInt("subtasks[1].attempt"));
        assertTrue(mission.getString("planNote").contains("re-plan 1: re-planned by openai/planner-test"), mission.getString("planNote"));
        assertEquals(1, Missions.count("select count(*) from dead_letter where mission_id = '" + missionId + "'"));
        assertEquals(2, Missions.count("select count(*) from mission_event where mission_id = '" + missionId + "' and type = 'PLANNED'"));
        assertEquals(1, Missions.count("select count(*) from mission_event where mission_id = '" + missionId
                + "' and type = 'UPDATED' and status = 'PLANNING' and message like 're-planning the remaining work (re-plan 1 of 1)%'"));
        SubtaskAssigned fix = droids.await(missionId, SubtaskAssigned.class, t -> t.getTitle().equals("Make the build runnable"), Missions.WAIT);
        assertTrue(fix.getInputs().get("replannedAfter").contains("scripted failure"), fix.getInputs().toString());
        assertEquals(mission.getString("subtasks[0].artifacts.commits"), fix.getInputs().get(Artifacts.COMMITS),
                "the kept subtask's result is an input of the new one");
    }

    @Test
    void withTheReplanUsedUpTheNextDeadSubtaskBlocksTheMissionAsBefore() throws Exception {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion(REPLAN))));
        String missionId = Missions.create(PLAN.formatted("Tests that never run"));
        droids.script(missionId, task -> task.getRole() == Role.TEST
                ? List.of(DroidDouble.result(task, Outcome.FAILED, Map.of()))
                : List.of(MissionEngineTest.approving(task)));

        JsonPath mission = Missions.awaitStatus(missionId, "BLOCKED");

        model.verify(1, postRequestedFor(urlEqualTo(COMPLETIONS)));
        assertEquals(1, mission.getInt("replans"));
        String reason = mission.getString("blockedReason");
        assertTrue(reason.startsWith("subtask 'Run the tests again' failed all 3 attempts; last: scripted failure"), reason);
        assertTrue(reason.endsWith("; no re-plan left (1 of 1 used)"), reason);
        assertEquals(List.of("SUCCEEDED", "REPLACED", "REPLACED", "SUCCEEDED", "DEAD", "PENDING"), mission.getList("subtasks.status"));
        assertEquals(2, Missions.count("select count(*) from dead_letter where mission_id = '" + missionId + "'"));
    }

    @Test
    void aReplanThatCannotRunEvenAfterARepairBlocksTheMissionSayingWhy() {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion("""
                { "milestones": [ { "title": "Recover", "subtasks": [
                    { "key": "code", "role": "code", "title": "Again", "instructions": "Do it again", "dependsOn": [] } ] } ] }
                """))));
        String missionId = Missions.create(PLAN.formatted("A planner that repeats itself"));
        droids.script(missionId, task -> task.getRole() == Role.TEST
                ? List.of(DroidDouble.result(task, Outcome.FAILED, Map.of()))
                : List.of(MissionEngineTest.approving(task)));

        JsonPath mission = Missions.awaitStatus(missionId, "BLOCKED");

        model.verify(2, postRequestedFor(urlEqualTo(COMPLETIONS)));
        String reason = mission.getString("blockedReason");
        assertTrue(reason.startsWith("re-plan failed: the planner model's plan cannot run, even after one repair: "
                + "subtask key 'code' is used twice"), reason);
        assertTrue(reason.endsWith("it was needed after: subtask 'Run the tests' failed all 3 attempts; last: scripted failure"), reason);
        assertEquals(List.of("SUCCEEDED", "DEAD", "PENDING"), mission.getList("subtasks.status"));
    }

    @Test
    void aMissionCancelledWhileItIsReplannedDoesNotTakeTheNewPlan() throws Exception {
        model.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion(REPLAN)).withFixedDelay(3_000)));
        String missionId = Missions.create(PLAN.formatted("Cancelled while the planner thinks"));
        droids.script(missionId, task -> task.getRole() == Role.TEST
                ? List.of(DroidDouble.result(task, Outcome.FAILED, Map.of()))
                : List.of(MissionEngineTest.approving(task)));
        java.time.Instant deadline = java.time.Instant.now().plus(Missions.WAIT);
        while (model.findAll(postRequestedFor(urlEqualTo(COMPLETIONS))).isEmpty()) {
            assertTrue(java.time.Instant.now().isBefore(deadline), "the planner model was never asked");
            Missions.sleep(50);
        }

        MissionCommandsTest.command(missionId, "CANCEL", 200); // while the model is still thinking
        Missions.sleep(4_000); // its answer arrives and is turned down

        JsonPath mission = Missions.get(missionId);
        assertEquals("CANCELLED", mission.getString("status"));
        assertEquals(0, mission.getInt("replans"));
        assertEquals(List.of("code", "test", "review"), mission.getList("subtasks.key"));
        assertEquals(1, Missions.count("select count(*) from mission_event where mission_id = '" + missionId + "' and type = 'PLANNED'"));
    }

    private static String userMessage(String body) {
        try {
            JsonNode messages = JSON.readTree(body).get("messages");
            return messages.get(messages.size() - 1).get("content").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String completion(String content) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "planner-test")
                .set("choices", JSON.createArrayNode().add(JSON.createObjectNode().put("index", 0).put("finish_reason", "stop")
                        .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
                .toString();
    }
}

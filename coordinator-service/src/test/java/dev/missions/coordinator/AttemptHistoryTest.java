package dev.missions.coordinator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.AttemptStep;
import dev.missions.events.Outcome;
import dev.missions.events.SubtaskCompleted;
import dev.missions.events.ToolCallSummary;
import dev.missions.events.Usage;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class AttemptHistoryTest {

    final DroidDouble droids = DroidDouble.shared();

    static AttemptStep step(int number, String tool, String output) {
        return AttemptStep.newBuilder().setNumber(number).setStartedAt(Instant.parse("2026-12-02T10:00:00Z").plusSeconds(number))
                .setDurationMs(1_200).setText("looking at " + tool)
                .setUsage(Usage.newBuilder().setInputTokens(1_000).setOutputTokens(40).setSteps(1).setCostUsd(0.0021).build())
                .setCalls(List.of(ToolCallSummary.newBuilder().setTool(tool).setArguments("{\"path\":\"pom.xml\"}")
                        .setOutput(output).setDurationMs(15).build()))
                .build();
    }

    /** A mission whose plan is one code subtask, keyed fix: one row of attempts to look at. */
    static String oneCodeSubtask(String goal, String instructions) {
        return Missions.create("""
                {"goal": "%s", "repository": "file:///tmp/shop",
                 "plan": {"milestones": [{"title": "fix", "subtasks": [
                   {"key": "fix", "role": "code", "title": "Fix", "instructions": "%s", "dependsOn": []}]}]}}""".formatted(goal,
                instructions));
    }

    @Test
    void eachAttemptKeepsItsTimesOutcomeAndStepsAndAStepSentTwiceIsKeptOnce() {
        String missionId = oneCodeSubtask("Fix the build", "make it build");
        droids.script(missionId, task -> {
            if (task.getAttempt() == 1) {
                droids.heartbeat(task, 1, List.of(step(1, "read_file", "<project>")));
                SubtaskCompleted failed = SubtaskCompleted.newBuilder(DroidDouble.result(task, Outcome.FAILED, Map.of()))
                        .setSteps(List.of(step(1, "read_file", "<project>"), step(2, "run_command", "BUILD FAILURE"))).build();
                return List.of(failed);
            }
            return List.of(SubtaskCompleted.newBuilder(DroidDouble.result(task, Outcome.SUCCEEDED, Map.of()))
                    .setSteps(List.of(step(1, "edit_file", "edited pom.xml"))).build());
        });

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");
        String subtaskId = mission.getString("subtasks[0].id");
        JsonPath detail = Missions.api().get("/missions/{id}/subtasks/{subtask}", missionId, subtaskId).then().statusCode(200)
                .extract().jsonPath();

        assertEquals(2, detail.getInt("subtask.attempt"));
        assertEquals(List.of(1, 2), detail.getList("attempts.attempt"));
        assertEquals(List.of("FAILED", "SUCCEEDED"), detail.getList("attempts.outcome"));
        assertEquals("scripted failure", detail.getString("attempts[0].failureReason"));
        assertNull(detail.getString("attempts[1].failureReason"));
        assertNotNull(detail.getString("attempts[0].dispatchedAt"));
        assertNotNull(detail.getString("attempts[1].finishedAt"));
        assertEquals(List.of(1, 2), detail.getList("attempts[0].steps.number"), "the heartbeat's step 1 and the result's are one");
        assertEquals("BUILD FAILURE", detail.getString("attempts[0].steps[1].calls[0].output"));
        assertEquals("run_command", detail.getString("attempts[0].steps[1].calls[0].tool"));
        assertEquals(1_000, detail.getInt("attempts[0].steps[0].usage.inputTokens"));
        assertEquals(List.of("edit_file"), detail.getList("attempts[1].steps[0].calls.tool"));
    }

    @Test
    void missionControlShowsEachAttemptWithItsFailureAndStepsAndEscapesWhatTheDroidSent() {
        String missionId = oneCodeSubtask("Fix the flaky test", "make it pass");
        droids.script(missionId, task -> List.of(task.getAttempt() == 1
                ? SubtaskCompleted.newBuilder(DroidDouble.result(task, Outcome.FAILED, Map.of()))
                        .setSteps(List.of(step(1, "run_command", "<script>alert(1)</script> token=[REDACTED]"))).build()
                : SubtaskCompleted.newBuilder(DroidDouble.result(task, Outcome.SUCCEEDED, Map.of("tests", "passed")))
                        .setSteps(List.of(step(1, "edit_file", "edited"), step(2, "run_command", "BUILD SUCCESS"))).build()));
        String subtaskId = Missions.awaitStatus(missionId, "SUCCEEDED").getString("subtasks[0].id");
        String session = given().redirects().follow(false).formParam("token", "test-token").post("/ui/sign-in")
                .then().statusCode(303).extract().cookie("missions_session");

        org.jsoup.nodes.Document mission = org.jsoup.Jsoup.parse(given().cookie("missions_session", session)
                .get("/ui/missions/" + missionId).then().statusCode(200).extract().asString());
        String href = mission.select("#subtasks tr[data-subtask-key=fix] th a").attr("href");
        assertEquals("/ui/missions/" + missionId + "/subtasks/" + subtaskId, href);
        String html = given().cookie("missions_session", session).get(href).then().statusCode(200).extract().asString();
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html);

        assertEquals(List.of("2", "1"), page.select("details.attempt").eachAttr("data-attempt"), "newest first");
        assertEquals(List.of("SUCCEEDED", "FAILED"), page.select("details.attempt").eachAttr("data-outcome"));
        assertEquals("scripted failure", page.selectFirst("details[data-attempt=1] .attempt-failure").text());
        assertEquals(List.of("1", "2"), page.select("details[data-attempt=2] tr[data-step]").eachAttr("data-step"));
        assertEquals("BUILD SUCCESS", page.selectFirst("details[data-attempt=2] tr[data-step=2] pre.output").text());
        assertEquals("<script>alert(1)</script> token=[REDACTED]",
                page.selectFirst("details[data-attempt=1] pre.output").text(), "shown as text");
        assertTrue(page.select("script").stream().noneMatch(script -> script.data().contains("alert")), "never run");
        assertEquals("passed", page.selectFirst("#artifacts dd").text());
        given().cookie("missions_session", session).get("/ui/missions/" + missionId + "/subtasks/" + UUID.randomUUID())
                .then().statusCode(404);
        given().redirects().follow(false).get(href).then().statusCode(303);
    }

    @Test
    void aHeartbeatRecordsItsStepOnTheSubtaskAndItsStepsBeforeAnyResult() {
        String missionId = Missions.createFeature("Say hello");
        droids.script(missionId, task -> {
            if (task.getRole() == dev.missions.events.Role.CODE && task.getAttempt() == 1) {
                // three beats at once, most likely applied as one batch: the last one's step speaks, every step is kept
                droids.heartbeat(task, 1, List.of(step(1, "list_files", "src/")));
                droids.heartbeat(task, 2, List.of(step(2, "read_file", "class A")));
                droids.heartbeat(task, 3, List.of(step(3, "search", "2 matches")));
            }
            return List.of(); // still working
        });
        String subtaskId = Missions.awaitStatus(missionId, "RUNNING").getString("subtasks[0].id");

        JsonPath detail = awaitSteps(missionId, subtaskId, 3);

        assertEquals(1, detail.getInt("attempts[0].attempt"));
        assertEquals(List.of("list_files", "read_file", "search"), detail.getList("attempts[0].steps.collect { it.calls[0].tool }"));
        assertNull(detail.getString("attempts[0].outcome"), "no result yet");
        if (detail.getInt("subtask.attempt") == 1) { // unless its lease ran out meanwhile
            assertEquals(Integer.valueOf(3), detail.get("subtask.lastStep"), detail.prettify());
            assertNotNull(detail.getString("subtask.lastHeartbeatAt"), detail.prettify());
        }
        given().header("Authorization", "Bearer test-token").get("/missions/{id}/subtasks/{subtask}", UUID.randomUUID(), subtaskId)
                .then().statusCode(404);
        given().header("Authorization", "Bearer test-token").get("/missions/{id}/subtasks/not-a-uuid", missionId)
                .then().statusCode(400);
        given().get("/missions/{id}/subtasks/{subtask}", missionId, subtaskId).then().statusCode(401);
    }

    private static JsonPath awaitSteps(String missionId, String subtaskId, int count) {
        Instant deadline = Instant.now().plus(Missions.WAIT);
        while (true) {
            JsonPath detail = Missions.api().get("/missions/{id}/subtasks/{subtask}", missionId, subtaskId).then()
                    .statusCode(200).extract().jsonPath();
            List<Object> steps = detail.getList("attempts[0].steps");
            steps = steps == null ? List.of() : steps;
            boolean stepNoted = detail.get("subtask.lastStep") != null || detail.getInt("subtask.attempt") > 1;
            if (steps.size() >= count && stepNoted || Instant.now().isAfter(deadline)) {
                assertEquals(count, steps.size(), detail.prettify());
                return detail;
            }
            Missions.sleep(100);
        }
    }
}

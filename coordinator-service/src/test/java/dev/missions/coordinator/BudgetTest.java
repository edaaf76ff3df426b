package dev.missions.coordinator;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.events.Usage;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class BudgetTest {

    final DroidDouble droids = DroidDouble.shared();

    /** Each answer spends 60 input and 20 output tokens, priced by the test price table for replay/recorded. */
    static SubtaskCompleted spending(SubtaskAssigned task) {
        return SubtaskCompleted.newBuilder(MissionEngineTest.approving(task))
                .setUsage(Usage.newBuilder().setInputTokens(60).setOutputTokens(20).setSteps(2).build()).build();
    }

    @Test
    void crossingTheTokenBudgetPausesTheMissionAndARaisedBudgetLetsItFinish() {
        String missionId = Missions.create("""
                {"goal": "Spend carefully", "repository": "file:///tmp/shop", "budget": {"maxTokens": 100}}""");
        droids.script(missionId, task -> List.of(spending(task)));

        JsonPath paused = Missions.awaitStatus(missionId, "PAUSED");
        assertEquals(160, paused.getLong("usage.inputTokens") + paused.getLong("usage.outputTokens"));
        assertEquals("PENDING", paused.getString("subtasks.find { it.key == 'review' }.status"));
        MissionEvent exceeded = droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.BUDGET_EXCEEDED,
                Missions.WAIT);
        assertTrue(exceeded.getMessage().startsWith("token budget exceeded: 160 used of 100"), exceeded.getMessage());

        Missions.api().contentType(ContentType.JSON).body("{\"command\": \"RESUME\"}").post("/missions/" + missionId + "/commands")
                .then().statusCode(409).body("error", containsString("still over budget"));
        Missions.api().contentType(ContentType.JSON).body("{\"command\": \"RESUME\", \"budget\": {\"maxTokens\": 1000}}")
                .post("/missions/" + missionId + "/commands").then().statusCode(200);

        JsonPath done = Missions.awaitStatus(missionId, "SUCCEEDED");
        SubtaskAssigned docs = droids.await(missionId, SubtaskAssigned.class, t -> t.getRole() == Role.DOCS, Missions.WAIT);
        assertEquals(1000 - 240, docs.getBudget().getMaxTokens(), "the docs droid is told what is left of the budget");
        assertEquals(1000, done.getLong("budget.maxTokens"));
        assertEquals(240, done.getLong("usage.inputTokens"));
        assertEquals(8, done.getInt("usage.steps"));
        assertEquals(60, done.getLong("usageByRole.REVIEW.inputTokens"));
        // 240 input at $2/M + 80 output at $8/M
        assertEquals(0.00112, done.getDouble("usage.costUsd"), 1e-9);
    }

    @Test
    void aBadBudgetIs400() {
        Missions.api().contentType(ContentType.JSON).body("""
                {"goal": "g", "repository": "file:///tmp/shop", "budget": {"maxTokens": -5}}""").post("/missions")
                .then().statusCode(400).body("error", containsString("budget.maxTokens must be positive"));
    }
}

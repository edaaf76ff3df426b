package dev.missions.coordinator;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Outcome;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class AnalyticsTest {

    final DroidDouble droids = DroidDouble.shared();

    @Test
    void figuresAgreeWithTheMissionsTheyCount() {
        // test classes run one after another, so only this test's missions are created after this instant
        Instant since = Instant.now();
        String done = Missions.createFeature("Counted and done");
        droids.script(done, task -> List.of(BudgetTest.spending(task)));
        String alsoDone = Missions.createFeature("Counted and done again");
        droids.script(alsoDone, task -> List.of(BudgetTest.spending(task)));
        String doomed = Missions.createFeature("Counted and doomed");
        droids.script(doomed, task -> List.of(DroidDouble.result(task, Outcome.FAILED, Map.of())));
        List<JsonPath> missions = List.of(Missions.awaitStatus(done, "SUCCEEDED"), Missions.awaitStatus(alsoDone, "SUCCEEDED"),
                Missions.awaitStatus(doomed, "BLOCKED"));

        JsonPath analytics = Missions.api().queryParam("since", since.toString()).get("/analytics")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(3, analytics.getInt("missions.total"));
        assertEquals(2, analytics.getInt("missions.byStatus.SUCCEEDED"));
        assertEquals(1, analytics.getInt("missions.byStatus.BLOCKED"));
        assertEquals(0, analytics.getInt("missions.byStatus.RUNNING"));
        assertEquals(2, analytics.getInt("missions.finished"));
        assertEquals(1.0, analytics.getDouble("missions.successRate"));

        assertEquals(2, analytics.getInt("durations.finished"));
        double median = analytics.getDouble("durations.medianSeconds");
        assertTrue(median >= 0 && analytics.getDouble("durations.p90Seconds") >= median, analytics.prettify());
        assertEquals(0.0, analytics.getDouble("durations.shareOver4h"));
        assertEquals(0.0, analytics.getDouble("durations.shareOver24h"));

        assertEquals(1, analytics.getInt("deadLetters"));
        int retries = missions.stream().flatMap(m -> m.getList("subtasks.attempt", Integer.class).stream())
                .mapToInt(attempt -> Math.max(attempt - 1, 0)).sum();
        assertTrue(retries >= 2, "the doomed code subtask ran 3 attempts");
        assertEquals(retries, analytics.getInt("retries"));

        for (String role : List.of("CODE", "TEST", "REVIEW", "DOCS")) {
            long input = missions.stream().mapToLong(m -> m.getLong("usageByRole." + role + ".inputTokens")).sum();
            long output = missions.stream().mapToLong(m -> m.getLong("usageByRole." + role + ".outputTokens")).sum();
            double cost = missions.stream().mapToDouble(m -> m.getDouble("usageByRole." + role + ".costUsd")).sum();
            assertEquals(input, analytics.getLong("usageByRole." + role + ".inputTokens"), role);
            assertEquals(input + output, analytics.getLong("usageByRole." + role + ".tokens"), role);
            assertEquals(cost, analytics.getDouble("usageByRole." + role + ".costUsd"), 1e-9, role);
        }
        // two missions of four subtasks, each spending 60 + 20 tokens; the doomed one spent nothing
        assertEquals(640, analytics.getLong("usageBySource.API.tokens"));
        assertEquals(0.00224, analytics.getDouble("usageBySource.API.costUsd"), 1e-9);

        // per model, as each subtask was cast: the same spend, split by provider/model
        Set<String> cast = missions.stream().flatMap(m -> m.getList("subtasks", Map.class).stream())
                .map(subtask -> subtask.get("provider") + "/" + subtask.get("model")).collect(Collectors.toSet());
        Map<String, Map<String, Object>> byModel = analytics.getMap("usageByModel");
        assertEquals(cast, byModel.keySet());
        assertEquals(640, byModel.values().stream().mapToLong(usage -> ((Number) usage.get("tokens")).longValue()).sum());

        // per day of creation (UTC), by status now: the same three missions
        List<Map<String, Object>> days = analytics.getList("perDay");
        assertEquals(3, days.stream().mapToLong(day -> ((Number) day.get("total")).longValue()).sum(), analytics.prettify());
        assertEquals(2, days.stream().mapToLong(day -> ((Number) ((Map<?, ?>) day.get("byStatus")).get("SUCCEEDED")).longValue()).sum());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), days.getLast().get("day"));
    }

    @Test
    void withoutSinceEveryMissionCountsAndABadSinceIs400() {
        JsonPath all = Missions.api().get("/analytics").then().statusCode(200).extract().jsonPath();
        assertNotNull(all.get("missions.byStatus"));
        assertEquals(all.getInt("missions.total"), ((Map<?, ?>) all.get("missions.byStatus")).values().stream()
                .mapToInt(n -> ((Number) n).intValue()).sum());
        assertEquals(all.getInt("missions.total"), all.getList("perDay.total", Integer.class).stream().mapToInt(n -> n).sum());
        Missions.api().queryParam("since", "2026-11-24").get("/analytics").then().statusCode(200);
        Missions.api().queryParam("since", "last tuesday").get("/analytics").then().statusCode(400)
                .body("error", containsString("since must be an ISO-8601 instant"));
    }
}

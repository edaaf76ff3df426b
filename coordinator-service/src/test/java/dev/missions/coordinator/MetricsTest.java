package dev.missions.coordinator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.schemas.Topic;
import dev.missions.testsupport.EmbeddedKafka;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import dev.missions.testsupport.PrometheusText;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class MetricsTest {

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** Scrapes until {@code ready} holds: gauges are counted in the database every second in tests. */
    static PrometheusText scrapeUntil(Predicate<PrometheusText> ready) {
        Instant deadline = Instant.now().plus(Missions.WAIT);
        PrometheusText metrics = scrape();
        while (!ready.test(metrics) && Instant.now().isBefore(deadline)) {
            Missions.sleep(200);
            metrics = scrape();
        }
        return metrics;
    }

    @Test
    void aMissionShowsInEveryMetricOfTheCoordinator() {
        PrometheusText before = scrape();
        Map<String, String> codeInput = Map.of("role", "code", "model", "recorded", "source", "api", "kind", "input");

        String missionId = Missions.createFeature("Count what I spend");
        DroidDouble.shared().script(missionId, task -> List.of(BudgetTest.spending(task)));
        Missions.awaitStatus(missionId, "SUCCEEDED");
        double succeededBefore = before.sum("missions_by_status", Map.of("status", "SUCCEEDED"));
        PrometheusText after = scrapeUntil(m -> m.sum("missions_by_status", Map.of("status", "SUCCEEDED")) > succeededBefore);

        assertTrue(after.sum("missions_by_status", Map.of("status", "SUCCEEDED")) > succeededBefore, "missions by status");
        assertEquals(60, delta(before, after, "missions_tokens_total", codeInput), "input tokens of the code droid");
        assertEquals(20, delta(before, after, "missions_tokens_total",
                Map.of("role", "code", "model", "recorded", "source", "api", "kind", "output")), "output tokens");
        // the test price table: 2 and 8 US dollars per million input and output tokens
        assertEquals((60 * 2 + 20 * 8) / 1e6, delta(before, after, "missions_cost_usd_total",
                Map.of("role", "code", "model", "recorded", "source", "api")), 1e-12);
        for (String role : List.of("code", "test", "review", "docs")) {
            assertTrue(delta(before, after, "missions_hop_latency_seconds_count", Map.of("role", role)) >= 1, role + " hop");
        }
        assertTrue(delta(before, after, "missions_duration_seconds_count", Map.of("status", "SUCCEEDED")) >= 1);
        assertTrue(after.sum("missions_duration_seconds_sum", Map.of("status", "SUCCEEDED"))
                > before.sum("missions_duration_seconds_sum", Map.of("status", "SUCCEEDED")));
        for (String table : List.of("outbox", "mission_event")) {
            assertEquals(1, after.samples("missions_outbox_backlog", Map.of("table", table)).size(), table + " backlog");
            assertTrue(after.sum("missions_outbox_oldest_age_seconds", Map.of("table", table)) >= 0, table + " oldest age");
        }
        assertTrue(after.samples("kafka_consumer_fetch_manager_records_lag_max", Map.of()).stream()
                .anyMatch(s -> s.labels().getOrDefault("client_id", "").contains("results")),
                "consumer lag: " + after.samples("kafka_consumer_fetch_manager_records_lag_max", Map.of()));
    }

    @Test
    void aDeadLetterIsCountedByItsTopic() {
        PrometheusText before = scrape();
        KafkaProbe probe = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers());
        String key = "poison-metrics-" + System.nanoTime();
        probe.sendRaw(Topic.RESULTS.topicName(), key, "not a result".getBytes(StandardCharsets.UTF_8));
        probe.awaitRawRecord(Topic.RESULTS.deadLetterTopicName(), r -> key.equals(r.key()), Missions.WAIT);

        Map<String, String> results = Map.of("topic", Topic.RESULTS.topicName());
        PrometheusText after = scrapeUntil(m -> m.sum("missions_dead_letters_total", results) > before.sum("missions_dead_letters_total", results));
        assertEquals(1, delta(before, after, "missions_dead_letters_total", results), "dead letters of droid.results");
    }

    static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}

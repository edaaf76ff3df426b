package dev.missions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.stack.EventTail;
import dev.missions.stack.Home;
import dev.missions.stack.MissionsClient;
import dev.missions.stack.Models;
import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import dev.missions.testsupport.GitRemotes;
import dev.missions.testsupport.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The packaged services as separate processes, on one real broker and one real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissionSystemIT {

    static final Duration MISSION_TIMEOUT = Duration.ofSeconds(90);

    Stack stack;
    /** The shipped sample repository, so the droids clone, build and push for real. */
    String repository;
    MissionsClient client;

    @BeforeAll
    void startStack() throws Exception {
        // under target/: the next clean removes it, and CI can keep the service logs of a failed run
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "stack-");
        // Twelve missions at once each run a real Maven build on a machine of two cores: a droid starved of CPU for 8 s
        // is not a dead one. These tests are about the coordinator's crashes, so leases get room; DroidCrashIT tests
        // what an expired lease does.
        stack = Stack.start(new Stack.Options(Home.find(), data, false, line -> System.out.println("[stack] " + line),
                Models.fromEnvironment(java.util.Map.of()), java.util.Map.of("missions.engine.lease", "30s")));
        repository = stack.sampleRepository();
        client = new MissionsClient(stack.url(Service.COORDINATOR), stack.apiToken());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyServiceIsHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (Service service : Service.values()) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(stack.url(service) + "/q/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), service + ": " + health.body());
            assertTrue(health.body().contains("\"UP\""), service + ": " + health.body());
        }
    }

    /**
     * After a mission, each service's /q/metrics has every metric of docs/observability.md with sane values, and each
     * query of the Grafana dashboard asks only for metrics some service serves.
     */
    @Test
    void eachServiceServesItsMetricsAndTheDashboardAsksOnlyForThose() throws Exception {
        String missionId = client.create("Count what a mission does", repository).path("id").asText();
        assertEquals("SUCCEEDED", client.awaitFinal(missionId, MISSION_TIMEOUT).path("status").asText());
        HttpClient http = HttpClient.newHttpClient();
        // one delivery the gateway refuses (it is not signed), so its webhook counter has a series
        http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.GATEWAY) + "/webhooks/github"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());

        Map<Service, PrometheusText> scraped = new EnumMap<>(Service.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30)); // gauges are counted every 10 s
        do {
            for (Service service : Service.values()) {
                scraped.put(service, PrometheusText.parse(http.send(HttpRequest.newBuilder(
                        URI.create(stack.url(service) + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body()));
            }
        } while (scraped.get(Service.COORDINATOR).sum("missions_by_status", Map.of("status", "SUCCEEDED")) < 1
                && Instant.now().isBefore(deadline) && sleep(500));

        PrometheusText coordinator = scraped.get(Service.COORDINATOR);
        assertTrue(coordinator.sum("missions_by_status", Map.of("status", "SUCCEEDED")) >= 1, "missions by status");
        assertTrue(coordinator.sum("missions_duration_seconds_count", Map.of("status", "SUCCEEDED")) >= 1, "durations");
        for (String role : List.of("code", "test", "review", "docs")) {
            assertTrue(coordinator.sum("missions_hop_latency_seconds_count", Map.of("role", role)) >= 1, role + " hops");
            assertTrue(coordinator.sum("missions_hop_latency_seconds_sum", Map.of("role", role)) > 0, role + " hop time");
        }
        assertTrue(coordinator.sum("missions_tokens_total", Map.of("role", "code")) > 0, "tokens of the code droid");
        assertTrue(coordinator.has("missions_cost_usd_total"), "cost");
        for (Service service : List.of(Service.COORDINATOR, Service.GATEWAY)) {
            PrometheusText metrics = scraped.get(service);
            assertTrue(metrics.samples("missions_outbox_backlog", Map.of("table", "outbox")).size() == 1, service + " backlog");
            assertTrue(metrics.sum("missions_outbox_oldest_age_seconds", Map.of()) >= 0, service + " oldest row");
        }
        PrometheusText gateway = scraped.get(Service.GATEWAY);
        assertTrue(gateway.sum("missions_webhooks_total", Map.of("provider", "github", "outcome", "refused")) >= 1, "webhooks");
        assertTrue(gateway.has("missions_notifications_total"), "notifications");
        for (Service droid : List.of(Service.DROID_CODE, Service.DROID_TEST, Service.DROID_REVIEW, Service.DROID_DOCS)) {
            PrometheusText metrics = scraped.get(droid);
            assertTrue(metrics.sum("missions_droid_slots", Map.of()) >= 1, droid + " slots");
            assertTrue(metrics.has("missions_droid_slots_busy"), droid + " busy slots");
            assertTrue(metrics.sum("missions_droid_queue_wait_seconds_count", Map.of()) >= 1, droid + " queue wait");
            assertTrue(metrics.sum("missions_droid_attempts_total", Map.of("outcome", "succeeded")) >= 1, droid + " attempts");
            assertTrue(metrics.has("missions_sandbox_refusals_total"), droid + " refusals");
        }
        assertTrue(scraped.get(Service.DROID_TEST).sum("missions_sandbox_runs_total", Map.of("outcome", "exited_zero")) >= 1,
                "the test droid's build ran in the sandbox");
        for (Service service : Service.values()) {
            assertTrue(scraped.get(service).has("kafka_consumer_fetch_manager_records_lag_max"), service + " consumer lag");
        }

        Set<String> served = new HashSet<>();
        scraped.values().forEach(metrics -> served.addAll(metrics.names()));
        JsonNode dashboard = new ObjectMapper().readTree(Home.find().resolve("k8s/base/observability/grafana-dashboard.json").toFile());
        List<String> missing = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC.matcher(target.path("expr").asText());
                while (metric.find()) {
                    if (!served.contains(metric.group())) {
                        missing.add(panel.path("title").asText() + ": " + metric.group());
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "dashboard queries of metrics no service serves");
    }

    /** The metric names of a query: the families this project and its frameworks name. */
    static final Pattern METRIC = Pattern.compile("\\b(missions|kafka|http|jvm|sql|process)_[a-z0-9_]+\\b");

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    @Test
    void aMissionGoesFromRequestedToSucceeded() throws Exception {
        try (EventTail events = new EventTail(stack.kafka().bootstrapServers())) {
            String missionId = client.create("Add a greeting endpoint", repository).path("id").asText();

            JsonNode mission = client.awaitFinal(missionId, MISSION_TIMEOUT);

            assertEquals("SUCCEEDED", mission.path("status").asText(), mission.toString());
            List<String> roles = new ArrayList<>();
            for (JsonNode subtask : mission.path("subtasks")) {
                roles.add(subtask.path("role").asText());
                assertEquals("SUCCEEDED", subtask.path("status").asText(), subtask.toString());
            }
            assertEquals(List.of("CODE", "TEST", "REVIEW", "DOCS"), roles);
            JsonNode subtasks = mission.path("subtasks");
            assertEquals("src/main/java/shop/Shop.java,src/test/java/shop/ShopDiscountTest.java",
                    subtasks.get(0).path("artifacts").path("filesChanged").asText());
            assertEquals("PASSED", subtasks.get(1).path("artifacts").path("tests").asText(), subtasks.get(1).toString());
            assertTrue(subtasks.get(1).path("summary").asText().startsWith("PASSED (Maven): 4 tests"));
            assertEquals("APPROVE", subtasks.get(2).path("artifacts").path("verdict").asText());
            String branch = mission.path("missionBranch").asText();
            assertTrue(GitRemotes.read(repository, branch, "src/main/java/shop/Shop.java").orElseThrow()
                    .contains("totalWithDiscount"), "the code droid's change is on the mission branch");
            assertTrue(GitRemotes.read(repository, branch, "CHANGELOG.md").orElseThrow()
                    .contains("Shop.totalWithDiscount"), "the docs droid's change is on the mission branch");
            assertTrue(GitRemotes.read(repository, "main", "src/main/java/shop/Shop.java").orElseThrow()
                    .contains(".max()"), "main is untouched");
            assertTrue(mission.path("usageByRole").path("CODE").path("steps").asInt() > 0, mission.toString());
            List<MissionEventType> expected = new ArrayList<>(List.of(MissionEventType.ACCEPTED, MissionEventType.PLANNED));
            for (int i = 0; i < 4; i++) {
                expected.addAll(List.of(MissionEventType.SUBTASK_STARTED, MissionEventType.SUBTASK_SUCCEEDED));
            }
            expected.add(MissionEventType.SUCCEEDED);
            assertEquals(expected, eventTypes(events, missionId));
        }
    }

    @Test
    void aCoordinatorKilledRightAfterDispatchResumesAndAppliesEachResultOnce() throws Exception {
        String missionId = client.create("Survive a crash after dispatch", repository).path("id").asText();
        stack.process(Service.COORDINATOR).kill();
        stack.start(Service.COORDINATOR);

        assertSucceededWithOneAppliedResult(missionId);
    }

    @Test
    void aCoordinatorKilledWhileTheDroidsWorkAppliesEachResultOnceAfterRestart() throws Exception {
        try (EventTail events = new EventTail(stack.kafka().bootstrapServers())) {
            String missionId = client.create("Survive a crash while the droid works", repository).path("id").asText();
            awaitEvent(events, missionId, MissionEventType.SUBTASK_STARTED);
            stack.process(Service.COORDINATOR).kill();
            stack.start(Service.COORDINATOR);

            assertSucceededWithOneAppliedResult(missionId);
        }
    }

    /**
     * Many missions in flight while the coordinator is SIGKILLed again and again at random moments, so
     * the kills land during dispatch, during result handling and during the outbox relay. Every mission
     * must finish, every subtask's result must be applied once, and each mission must succeed once.
     */
    @Test
    void missionsSurviveRepeatedCoordinatorKillsAtRandomMoments() throws Exception {
        java.util.Random random = new java.util.Random();
        try (EventTail events = new EventTail(stack.kafka().bootstrapServers())) {
            List<String> missionIds = new ArrayList<>();
            // twelve: each runs a real Maven build, and the named crash points cover each kind of kill anyway
            for (int i = 0; i < 12; i++) {
                missionIds.add(client.create("Crash-proof mission " + i, repository).path("id").asText());
            }
            for (int kill = 0; kill < 3; kill++) {
                Thread.sleep(100 + random.nextInt(600));
                stack.process(Service.COORDINATOR).kill();
                stack.start(Service.COORDINATOR);
            }

            java.util.Map<String, java.util.Set<String>> succeededEvents = new java.util.HashMap<>();
            for (String missionId : missionIds) {
                assertSucceededWithOneAppliedResult(missionId);
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (Instant.now().isBefore(deadline) && succeededEvents.size() < missionIds.size()) {
                events.poll(Duration.ofMillis(200)).stream()
                        .filter(e -> e.getType() == MissionEventType.SUCCEEDED && missionIds.contains(e.getMeta().getMissionId()))
                        .forEach(e -> succeededEvents.computeIfAbsent(e.getMeta().getMissionId(), id -> new java.util.HashSet<>())
                                .add(e.getMeta().getEventId()));
            }
            assertEquals(missionIds.size(), succeededEvents.size(), "missions announced as succeeded");
            // a record published twice by a relay interrupted mid-batch carries the same eventId: one decision, not two
            succeededEvents.forEach((missionId, eventIds) -> assertEquals(1, eventIds.size(), "SUCCEEDED decisions of " + missionId));
        }
    }

    private void assertSucceededWithOneAppliedResult(String missionId) throws Exception {
        JsonNode mission = client.awaitFinal(missionId, MISSION_TIMEOUT);
        assertEquals("SUCCEEDED", mission.path("status").asText(), mission.toString());
        assertEquals(4, mission.path("subtasks").size(), mission.toString());
        for (JsonNode subtask : mission.path("subtasks")) {
            assertEquals(1, subtask.path("attempt").asInt(), subtask.toString());
        }
        try (Connection db = stack.database().connect("coordinator");
                ResultSet rs = db.createStatement().executeQuery("""
                        select count(*) from subtask_result r join subtask s on s.id = r.subtask_id
                        where s.mission_id = '%s'""".formatted(missionId))) {
            rs.next();
            assertEquals(4, rs.getInt(1), "results applied for mission " + missionId);
        }
    }

    private static MissionEvent awaitEvent(EventTail events, String missionId, MissionEventType type) {
        Instant deadline = Instant.now().plus(MISSION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (MissionEvent event : events.poll(Duration.ofMillis(200))) {
                if (event.getMeta().getMissionId().equals(missionId) && event.getType() == type) {
                    return event;
                }
            }
        }
        throw new AssertionError("no " + type + " for mission " + missionId);
    }

    /** The mission's event types up to and including its final one. */
    private static List<MissionEventType> eventTypes(EventTail events, String missionId) {
        List<MissionEventType> types = new ArrayList<>();
        Instant deadline = Instant.now().plus(MISSION_TIMEOUT);
        while (Instant.now().isBefore(deadline) && !types.contains(MissionEventType.SUCCEEDED)) {
            events.poll(Duration.ofMillis(200)).stream().filter(e -> e.getMeta().getMissionId().equals(missionId))
                    .forEach(e -> types.add(e.getType()));
        }
        return types;
    }
}

package dev.missions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.stack.EventTail;
import dev.missions.stack.Home;
import dev.missions.stack.MissionsClient;
import dev.missions.stack.Models;
import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import dev.missions.testsupport.GitRemotes;
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
import java.util.List;
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

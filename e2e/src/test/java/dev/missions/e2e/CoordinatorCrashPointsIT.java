package dev.missions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionRequested;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import dev.missions.stack.Home;
import dev.missions.stack.MissionsClient;
import dev.missions.stack.Service;
import dev.missions.stack.Stack;
import dev.missions.testsupport.KafkaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coordinator is SIGKILLed at each named crash point, one point per run of a real coordinator
 * process: during dispatch, during result handling (before and after its commit) and during the outbox
 * relay (sent, not yet marked). Each time the state at the kill is checked to be the one the point
 * names, then a plain coordinator is started and the mission must succeed with every subtask done once:
 * one attempt, one applied result and one timeline entry per state change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinatorCrashPointsIT {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /**
     * Two steps pass every point (the first dispatch, a result that dispatches the next step, a relayed task)
     * and keep each mission short: no build to run.
     */
    static final String PLAN = """
            {"milestones": [{"title": "Change", "subtasks": [
              {"key": "code", "role": "code", "title": "Implement the change", "instructions": "Implement the goal", "dependsOn": []},
              {"key": "review", "role": "review", "title": "Review the change", "instructions": "Review the diff", "dependsOn": ["code"]}]}]}""";

    Stack stack;
    /** The shipped sample repository, so the droids clone, build and push for real. */
    String repository;
    MissionsClient client;
    KafkaProbe kafka;
    Path data;

    @BeforeAll
    void startStack() throws Exception {
        data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "crash-points-");
        stack = Stack.start(new Stack.Options(Home.find(), data, false, line -> System.out.println("[stack] " + line)));
        repository = stack.sampleRepository();
        client = new MissionsClient(stack.url(Service.COORDINATOR), stack.apiToken());
        kafka = KafkaProbe.on(stack.kafka().bootstrapServers());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"dispatch.after-commit", "result.before-commit", "result.after-commit", "relay.after-send-before-mark"})
    void aCoordinatorKilledAtACrashPointResumesTheMissionWithNoLostSubtaskAndNoDuplicateEffect(String point) throws Exception {
        // rows an earlier mission left unsent would make the relay's first batch someone else's
        awaitOutboxDrained();
        stack.process(Service.COORDINATOR).kill(); // idle (outbox drained): a kill here only saves the shutdown time
        String missionId = UUID.randomUUID().toString();
        try (ChaosCoordinator chaos = ChaosCoordinator.start(stack, point, data)) {
            // through the bus, as the gateway asks: the REST call of a process frozen mid-request would never answer
            kafka.send(Topic.MISSION_REQUESTS.topicName(), missionId, MissionRequested.newBuilder()
                    .setMeta(Metas.first(missionId)).setGoal("Survive a kill at " + point).setRepository(repository)
                    .setBaseBranch("main").setKind(MissionKind.FEATURE).setPlan(PLAN).build());

            String marker = chaos.awaitCrashPoint(TIMEOUT);
            assertTrue(marker.startsWith(point + " " + chaos.pid() + " "), marker);
            assertEquals(137, chaos.kill(), "exit code of the SIGKILLed coordinator");
        }
        try {
            assertStateAtTheKill(point, missionId);
        } finally {
            stack.start(Service.COORDINATOR); // the next point needs a coordinator, whatever this one found
        }

        JsonNode mission = client.awaitFinal(missionId, TIMEOUT);
        assertEquals("SUCCEEDED", mission.path("status").asText(), mission.toString());
        assertEveryEffectOnce(missionId, mission);
        if (point.equals("relay.after-send-before-mark")) {
            assertTheDuplicateDeliveryHappenedAndWasAbsorbed(missionId, mission);
        }
    }

    /** Proof that the process died where the point says, read from the database it left behind. */
    private void assertStateAtTheKill(String point, String missionId) throws Exception {
        String code = subtask(missionId, "code");
        switch (point) {
            case "dispatch.after-commit" -> {
                assertEquals("DISPATCHED", status(code));
                assertEquals(1, unsent(missionId, Topic.TASKS_CODE), "code task committed but not relayed");
            }
            case "result.before-commit" -> {
                SubtaskCompleted delivered = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                        r -> r.getSubtaskId().equals(code), TIMEOUT);
                assertEquals(code, delivered.getSubtaskId());
                assertTrue(List.of("DISPATCHED", "RUNNING").contains(status(code)), "rolled back: " + status(code));
                assertEquals(0, count("select count(*) from subtask_result where subtask_id = '" + code + "'"), "rolled back result");
                assertEquals(0, count("select count(*) from inbox where event_id = '" + delivered.getMeta().getEventId() + "'"));
            }
            case "result.after-commit" -> {
                assertEquals("SUCCEEDED", status(code));
                assertEquals(1, count("select count(*) from subtask_result where subtask_id = '" + code + "'"));
                assertEquals("DISPATCHED", status(subtask(missionId, "review")));
                assertEquals(1, unsent(missionId, Topic.TASKS_REVIEW), "next task committed with the result, not relayed");
            }
            case "relay.after-send-before-mark" -> {
                kafka.awaitRecord(Topic.TASKS_CODE.topicName(), SubtaskAssigned.class, t -> t.getSubtaskId().equals(code), TIMEOUT);
                assertEquals(1, unsent(missionId, Topic.TASKS_CODE), "code task on the broker but its row not marked sent");
            }
            default -> throw new AssertionError("no expectations for " + point);
        }
    }

    /**
     * No lost subtask, and nothing done twice, whatever shape the mission took (fix rounds included): every
     * subtask of the final plan succeeded on its first attempt (the crash cost none), one result applied per
     * attempt with exactly one success, and one timeline entry per state change.
     */
    private void assertEveryEffectOnce(String missionId, JsonNode mission) throws Exception {
        List<String> keys = new ArrayList<>();
        for (JsonNode subtask : mission.path("subtasks")) {
            keys.add(subtask.path("key").asText());
            assertEquals("SUCCEEDED", subtask.path("status").asText(), subtask.toString());
            assertEquals(1, subtask.path("attempt").asInt(), subtask.toString());
        }
        assertEquals(List.of("code", "review"), keys.subList(0, 2), "the requested plan comes first");
        int subtasks = keys.size();
        try (Connection db = stack.database().connect("coordinator");
                ResultSet rs = db.createStatement().executeQuery("""
                        select s.plan_key, s.attempt, count(r.subtask_id), count(r.subtask_id) filter (where r.outcome = 'SUCCEEDED')
                        from subtask s left join subtask_result r on r.subtask_id = s.id
                        where s.mission_id = '%s' group by s.id, s.plan_key, s.attempt""".formatted(missionId))) {
            while (rs.next()) {
                assertEquals(rs.getInt(2), rs.getInt(3), "results applied for " + rs.getString(1) + " (one per attempt)");
                assertEquals(1, rs.getInt(4), "successes applied for " + rs.getString(1));
            }
        }
        Map<String, Long> timeline = new TreeMap<>();
        try (Connection db = stack.database().connect("coordinator");
                ResultSet rs = db.createStatement().executeQuery("select type, count(*) from mission_event where mission_id = '"
                        + missionId + "' group by type")) {
            while (rs.next()) {
                timeline.put(rs.getString(1), rs.getLong(2));
            }
        }
        long rounds = mission.path("reworkRounds").asLong() + mission.path("replans").asLong();
        assertEquals(new TreeMap<>(Map.of("ACCEPTED", 1L, "PLANNED", 1L + rounds, "SUBTASK_STARTED", (long) subtasks,
                "SUBTASK_SUCCEEDED", (long) subtasks, "SUCCEEDED", 1L)), timeline, "timeline of " + missionId);
        assertEquals(subtasks, count("select count(distinct subtask_id) from mission_event where mission_id = '" + missionId
                + "' and type = 'SUBTASK_SUCCEEDED'"));
    }

    /**
     * After the restart the relay sent the code task again, as the same event. Whether the droid works the copy
     * or drops it is the droid's business; the coordinator applied one result either way (assertEveryEffectOnce).
     */
    private void assertTheDuplicateDeliveryHappenedAndWasAbsorbed(String missionId, JsonNode mission) {
        String code = mission.path("subtasks").get(0).path("id").asText();
        Instant deadline = Instant.now().plus(TIMEOUT);
        List<SubtaskAssigned> tasks = List.of();
        while (Instant.now().isBefore(deadline) && tasks.size() < 2) {
            tasks = records(Topic.TASKS_CODE, SubtaskAssigned.class).stream().filter(t -> t.getSubtaskId().equals(code)).toList();
            sleep(200);
        }
        assertEquals(2, tasks.size(), "code task published twice");
        assertEquals(tasks.get(0).getMeta().getEventId(), tasks.get(1).getMeta().getEventId(), "the resend is the same event");
        List<SubtaskCompleted> results = records(Topic.RESULTS, SubtaskCompleted.class).stream()
                .filter(r -> r.getSubtaskId().equals(code)).toList();
        assertTrue(!results.isEmpty() && results.stream().allMatch(r -> r.getAttempt() == 1), results::toString);
    }

    private void awaitOutboxDrained() throws SQLException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        // the outbox table, and the timeline, which is the outbox of missions.events
        while (count("select (select count(*) from outbox where sent_at is null)"
                + " + (select count(*) from mission_event where payload is not null)") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the outbox never drained");
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> records(Topic topic, Class<T> type) {
        MissionsAvroDeserializer values = new MissionsAvroDeserializer();
        values.configure(Map.of(), false);
        return kafka.rawRecords(topic.topicName()).stream().map(r -> values.deserialize(topic.topicName(), r.value()))
                .filter(type::isInstance).map(type::cast).toList();
    }

    private String subtask(String missionId, String key) throws SQLException {
        try (Connection db = stack.database().connect("coordinator");
                ResultSet rs = db.createStatement().executeQuery("select id from subtask where mission_id = '" + missionId
                        + "' and plan_key = '" + key + "'")) {
            assertTrue(rs.next(), "no subtask " + key + " in mission " + missionId);
            return rs.getString(1);
        }
    }

    private String status(String subtaskId) throws SQLException {
        try (Connection db = stack.database().connect("coordinator");
                ResultSet rs = db.createStatement().executeQuery("select status from subtask where id = '" + subtaskId + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long unsent(String missionId, Topic topic) throws SQLException {
        return count("select count(*) from outbox where message_key = '" + missionId + "' and topic = '" + topic.topicName()
                + "' and sent_at is null");
    }

    private long count(String sql) throws SQLException {
        try (Connection db = stack.database().connect("coordinator"); ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

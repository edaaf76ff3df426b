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
    static final String REPOSITORY = "https://git.example.com/acme/shop.git";

    Stack stack;
    MissionsClient client;
    KafkaProbe kafka;
    Path data;

    @BeforeAll
    void startStack() throws Exception {
        data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "crash-points-");
        stack = Stack.start(new Stack.Options(Home.find(), data, false, line -> System.out.println("[stack] " + line)));
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
        stack.process(Service.COORDINATOR).stop();
        String missionId = UUID.randomUUID().toString();
        try (ChaosCoordinator chaos = ChaosCoordinator.start(stack, point, data)) {
            // through the bus, as the gateway asks: the REST call of a process frozen mid-request would never answer
            kafka.send(Topic.MISSION_REQUESTS.topicName(), missionId, MissionRequested.newBuilder()
                    .setMeta(Metas.first(missionId)).setGoal("Survive a kill at " + point).setRepository(REPOSITORY)
                    .setBaseBranch("main").setKind(MissionKind.FEATURE).build());

            String marker = chaos.awaitCrashPoint(TIMEOUT);
            assertTrue(marker.startsWith(point + " " + chaos.pid() + " "), marker);
            assertEquals(137, chaos.kill(), "exit code of the SIGKILLed coordinator");
        }
        assertStateAtTheKill(point, missionId);

        stack.start(Service.COORDINATOR);

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
                assertEquals("DISPATCHED", status(subtask(missionId, "test")));
                assertEquals(1, unsent(missionId, Topic.TASKS_TEST), "next task committed with the result, not relayed");
            }
            case "relay.after-send-before-mark" -> {
                kafka.awaitRecord(Topic.TASKS_CODE.topicName(), SubtaskAssigned.class, t -> t.getSubtaskId().equals(code), TIMEOUT);
                assertEquals(1, unsent(missionId, Topic.TASKS_CODE), "code task on the broker but its row not marked sent");
            }
            default -> throw new AssertionError("no expectations for " + point);
        }
    }

    /** No lost subtask, and nothing done twice: one attempt, one applied result, one timeline entry each. */
    private void assertEveryEffectOnce(String missionId, JsonNode mission) throws Exception {
        List<String> keys = new ArrayList<>();
        for (JsonNode subtask : mission.path("subtasks")) {
            keys.add(subtask.path("key").asText());
            assertEquals("SUCCEEDED", subtask.path("status").asText(), subtask.toString());
            assertEquals(1, subtask.path("attempt").asInt(), subtask.toString());
        }
        assertEquals(List.of("code", "test", "review", "docs"), keys);
        assertEquals(4, count("""
                select count(*) from subtask_result r join subtask s on s.id = r.subtask_id
                where s.mission_id = '%s' and r.outcome = 'SUCCEEDED'""".formatted(missionId)), "applied results");
        assertEquals(4, count("select count(*) from subtask_result r join subtask s on s.id = r.subtask_id where s.mission_id = '"
                + missionId + "'"), "results applied, of any outcome");
        Map<String, Long> timeline = new TreeMap<>();
        try (Connection db = stack.database().connect("coordinator");
                ResultSet rs = db.createStatement().executeQuery("select type, count(*) from mission_event where mission_id = '"
                        + missionId + "' group by type")) {
            while (rs.next()) {
                timeline.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertEquals(new TreeMap<>(Map.of("ACCEPTED", 1L, "PLANNED", 1L, "SUBTASK_STARTED", 4L, "SUBTASK_SUCCEEDED", 4L,
                "SUCCEEDED", 1L)), timeline, "timeline of " + missionId);
        assertEquals(4, count("select count(distinct subtask_id) from mission_event where mission_id = '" + missionId
                + "' and type = 'SUBTASK_SUCCEEDED'"));
    }

    /** After the restart the relay sent the code task again, the droid did it twice, and one result counted. */
    private void assertTheDuplicateDeliveryHappenedAndWasAbsorbed(String missionId, JsonNode mission) {
        String code = mission.path("subtasks").get(0).path("id").asText();
        Instant deadline = Instant.now().plus(TIMEOUT);
        List<SubtaskAssigned> tasks = List.of();
        List<SubtaskCompleted> results = List.of();
        while (Instant.now().isBefore(deadline) && results.size() < 2) {
            tasks = records(Topic.TASKS_CODE, SubtaskAssigned.class).stream().filter(t -> t.getSubtaskId().equals(code)).toList();
            results = records(Topic.RESULTS, SubtaskCompleted.class).stream().filter(r -> r.getSubtaskId().equals(code)).toList();
            sleep(200);
        }
        assertEquals(2, tasks.size(), "code task published twice");
        assertEquals(tasks.get(0).getMeta().getEventId(), tasks.get(1).getMeta().getEventId(), "the resend is the same event");
        assertEquals(2, results.size(), "the code droid answered both deliveries");
        assertTrue(results.stream().allMatch(r -> r.getAttempt() == 1), results::toString);
    }

    private void awaitOutboxDrained() throws SQLException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (count("select count(*) from outbox where sent_at is null") > 0) {
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

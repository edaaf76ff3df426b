package dev.missions.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Artifacts;
import dev.missions.schemas.EventHeaders;
import dev.missions.schemas.Topic;
import dev.missions.schemas.serde.MissionsAvroDeserializer;
import dev.missions.testsupport.EmbeddedKafka;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "coordinator"))
class MissionEngineTest {

    final DroidDouble droids = DroidDouble.shared();

    /** A droid that does its job: tests pass, reviews approve. */
    static SubtaskCompleted approving(SubtaskAssigned task) {
        return DroidDouble.result(task, Outcome.SUCCEEDED, switch (task.getRole()) {
            case TEST -> Map.of(Artifacts.TESTS, Artifacts.PASSED);
            case REVIEW -> Map.of(Artifacts.VERDICT, Artifacts.APPROVE);
            case CODE -> Map.of(Artifacts.COMMITS, "c0ffee" + task.getAttempt());
            case DOCS -> Map.of(Artifacts.FILES_CHANGED, "CHANGELOG.md");
        });
    }

    @Test
    void aFeatureMissionRunsCodeTestReviewDocsAndAppliesEachResultOnce() throws Exception {
        String missionId = Missions.createFeature("Add a greeting endpoint");
        droids.script(missionId, task -> {
            SubtaskCompleted result = approving(task);
            SubtaskCompleted sameAttemptOtherEvent = SubtaskCompleted.newBuilder(approving(task)).build();
            return List.of(result, result, sameAttemptOtherEvent);
        });

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");

        assertEquals(List.of("code", "test", "review", "docs"), mission.getList("subtasks.key"));
        assertEquals(List.of("SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"), mission.getList("subtasks.status"));
        assertEquals("TEMPLATE", mission.getString("planSource"));
        assertEquals(Map.of("missionBranch", mission.getString("missionBranch"), Artifacts.VERDICT, Artifacts.APPROVE,
                Artifacts.TESTS, Artifacts.PASSED, Artifacts.COMMITS, "c0ffee1", Artifacts.FILES_CHANGED, "CHANGELOG.md",
                "tokens", "0", "costUsd", "0.000000"), mission.getMap("result"));
        assertEquals(4, Missions.count("select count(*) from subtask_result r join subtask s on s.id = r.subtask_id where s.mission_id = '"
                + missionId + "'"));
        MissionEvent done = droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.SUCCEEDED, Missions.WAIT);
        assertEquals(Artifacts.APPROVE, done.getAttributes().get(Artifacts.VERDICT));
        assertEquals(Artifacts.PASSED, done.getAttributes().get(Artifacts.TESTS));
        List<MissionEventType> types = droids.records(missionId, MissionEvent.class).stream().map(MissionEvent::getType).toList();
        assertEquals(1, types.stream().filter(t -> t == MissionEventType.SUCCEEDED).count(), types::toString);
        assertEquals(4, types.stream().filter(t -> t == MissionEventType.SUBTASK_SUCCEEDED).count(), types::toString);
    }

    @Test
    void eachEventOnTheTopicNamesItsTypeInAHeader() {
        String missionId = Missions.createFeature("Events that say what they are");
        droids.script(missionId, task -> List.of(approving(task)));
        Missions.awaitStatus(missionId, "SUCCEEDED");

        MissionsAvroDeserializer values = new MissionsAvroDeserializer();
        values.configure(Map.of(), false);
        var record = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers()).awaitRawRecord(Topic.MISSION_EVENTS.topicName(),
                r -> missionId.equals(r.key()) && MissionEventType.SUCCEEDED.name().equals(EventHeaders.typeIn(r.headers())),
                Missions.WAIT);
        MissionEvent event = (MissionEvent) values.deserialize(record.topic(), record.headers(), record.value());
        assertEquals(MissionEventType.SUCCEEDED, event.getType());
    }

    /** Each event is one timeline row that carries its payload until the relay published it (decision 0055). */
    @Test
    void theTimelineIsTheOutboxOfMissionEvents() throws Exception {
        String missionId = Missions.createFeature("Events written once");
        droids.script(missionId, task -> List.of(approving(task)));
        Missions.awaitStatus(missionId, "SUCCEEDED");

        assertEquals(0, Missions.count("select count(*) from outbox where topic = 'missions.events' and message_key = '"
                + missionId + "'"), "an event was written to the outbox table as well");
        long timeline = Missions.count("select count(*) from mission_event where mission_id = '" + missionId + "'");
        Instant deadline = Instant.now().plus(Missions.WAIT);
        while (Missions.count("select count(*) from mission_event where mission_id = '" + missionId
                + "' and (payload is not null or sent_at is null)") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(0, Missions.count("select count(*) from mission_event where mission_id = '" + missionId
                + "' and (payload is not null or sent_at is null)"), "a published event still holds its payload");
        List<String> published = KafkaProbe.on(EmbeddedKafka.shared().bootstrapServers())
                .rawRecords(Topic.MISSION_EVENTS.topicName()).stream()
                .filter(r -> missionId.equals(r.key())).map(r -> EventHeaders.typeIn(r.headers())).toList();
        assertEquals(timeline, published.size(), "every timeline row once on the topic: " + published);
        assertEquals(MissionEventType.SUCCEEDED.name(), published.get(published.size() - 1));
    }

    @Test
    void independentSubtasksAreInFlightAtTheSameTime() {
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        List<SubtaskAssigned> held = new ArrayList<>();
        String missionId = Missions.createTwoCodeThenReview("Two things at once");
        droids.script(missionId, task -> {
            if (task.getRole() != Role.CODE) {
                return List.of(approving(task));
            }
            synchronized (held) {
                held.add(task);
                inFlight.add(task.getTitle());
                // answer only once both code subtasks were dispatched: proof that neither waited for the other
                if (held.size() < 2) {
                    return List.of();
                }
                return held.stream().map(MissionEngineTest::approving).toList();
            }
        });

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");

        assertEquals(Set.of("API", "UI"), inFlight);
        assertEquals("REQUESTER", mission.getString("planSource"));
        assertEquals(List.of("api", "ui"), mission.getList("subtasks.find { it.key == 'check' }.dependsOn"));
    }

    @Test
    void aReviewThatAsksForChangesGetsAFixRoundThenTheMissionGoesOn() {
        String missionId = Missions.createFeature("Greeting with a fix round");
        droids.script(missionId, task -> {
            if (task.getRole() == Role.REVIEW && task.getTitle().equals("Review the change")) {
                return List.of(DroidDouble.result(task, Outcome.SUCCEEDED, Map.of(Artifacts.VERDICT, Artifacts.REQUEST_CHANGES,
                        Artifacts.REVIEW_COMMENTS, "src/Greeting.java:12: say hello, not hi")));
            }
            return List.of(approving(task));
        });

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");

        assertEquals(List.of("code", "test", "review", "docs", "fix-1", "test-1", "review-1"), mission.getList("subtasks.key"));
        assertEquals(List.of("review-1"), mission.getList("subtasks.find { it.key == 'docs' }.dependsOn"));
        assertEquals(1, mission.getInt("reworkRounds"));
        SubtaskAssigned fix = droids.await(missionId, SubtaskAssigned.class, t -> t.getTitle().equals("Fix round 1"), Missions.WAIT);
        assertEquals("src/Greeting.java:12: say hello, not hi", fix.getInputs().get(Artifacts.REVIEW_COMMENTS));
        assertTrue(fix.getInstructions().contains("say hello, not hi"), fix.getInstructions());
    }

    @Test
    void aReviewThatNeverApprovesBlocksTheMissionAtTheRoundLimit() {
        String missionId = Missions.createFeature("Never good enough");
        droids.script(missionId, task -> task.getRole() == Role.REVIEW
                ? List.of(DroidDouble.result(task, Outcome.SUCCEEDED, Map.of(Artifacts.VERDICT, Artifacts.REQUEST_CHANGES)))
                : List.of(approving(task)));

        JsonPath mission = Missions.awaitStatus(missionId, "BLOCKED");

        assertEquals(3, mission.getInt("reworkRounds"));
        assertTrue(mission.getString("blockedReason").contains("after 3 fix rounds"), mission.getString("blockedReason"));
        assertEquals("PENDING", mission.getString("subtasks.find { it.key == 'docs' }.status"));
        droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.BLOCKED, Missions.WAIT);
    }

    @Test
    void failingTestsSendTheFailuresToAFixRound() {
        String missionId = Missions.createFeature("Make the tests pass");
        droids.script(missionId, task -> task.getRole() == Role.TEST && task.getTitle().equals("Run the tests")
                ? List.of(DroidDouble.result(task, Outcome.SUCCEEDED, Map.of(Artifacts.TESTS, Artifacts.FAILED,
                        Artifacts.TEST_FAILURES, "GreetingTest.saysHello (GreetingTest.java:9): expected hello")))
                : List.of(approving(task)));

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");

        assertEquals(List.of("code", "test", "review", "docs", "fix-1", "test-1"), mission.getList("subtasks.key"));
        assertEquals(List.of("test-1"), mission.getList("subtasks.find { it.key == 'review' }.dependsOn"));
        SubtaskAssigned fix = droids.await(missionId, SubtaskAssigned.class, t -> t.getTitle().equals("Fix round 1"), Missions.WAIT);
        assertTrue(fix.getInputs().get(Artifacts.TEST_FAILURES).contains("GreetingTest.saysHello"));
    }

    @Test
    void aSubtaskThatAlwaysFailsIsDeadLetteredAndTheMissionBlocked() throws Exception {
        String missionId = Missions.createFeature("Doomed");
        droids.script(missionId, task -> List.of(DroidDouble.result(task, Outcome.FAILED, Map.of())));

        JsonPath mission = Missions.awaitStatus(missionId, "BLOCKED");

        assertEquals("DEAD", mission.getString("subtasks[0].status"));
        assertEquals(3, mission.getInt("subtasks[0].attempt"));
        assertTrue(mission.getString("blockedReason").contains("failed all 3 attempts"), mission.getString("blockedReason"));
        // these tests run without a planner model: the template cannot plan around a failure, and the reason says so
        assertTrue(mission.getString("blockedReason").endsWith("; not re-planned: no planner model cast (the built-in template "
                + "cannot plan around a failure)"), mission.getString("blockedReason"));
        assertEquals(0, mission.getInt("replans"));
        assertEquals(3, droids.records(missionId, SubtaskAssigned.class).size());
        assertEquals(2, droids.records(missionId, MissionEvent.class).stream()
                .filter(e -> e.getType() == MissionEventType.SUBTASK_RETRYING).count());
        MissionEvent blocked = droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.BLOCKED, Missions.WAIT);
        assertTrue(blocked.getMessage().contains("scripted failure"), blocked.getMessage());
        assertEquals(1, Missions.count("select count(*) from dead_letter where mission_id = '" + missionId + "'"));
    }

    @Test
    void aSilentDroidLosesItsLeaseAndTheSubtaskIsDispatchedAgain() {
        String missionId = Missions.createFeature("Survive a silent droid");
        droids.script(missionId, task -> {
            if (task.getRole() == Role.CODE && task.getAttempt() == 1) {
                droids.heartbeat(task); // it started, then went quiet
                return List.of();
            }
            return List.of(approving(task));
        });

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");

        assertEquals(2, mission.getInt("subtasks[0].attempt"));
        MissionEvent retrying = droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.SUBTASK_RETRYING,
                Missions.WAIT);
        assertTrue(retrying.getMessage().contains("no heartbeat from the code droid: lease of attempt 1 expired"),
                retrying.getMessage());
        assertTrue(retrying.getMessage().startsWith("attempt 2 in 0.0 s"), "a dead droid's task waits for no backoff: "
                + retrying.getMessage());
    }

    @Test
    void aTaskNoDroidStartsIsDispatchedAgainAfterThePickupTimeout() {
        String missionId = Missions.createFeature("Survive a task nobody picks up");
        droids.script(missionId, task -> task.getRole() == Role.CODE && task.getAttempt() == 1 ? List.of() : List.of(approving(task)));

        JsonPath mission = Missions.awaitStatus(missionId, "SUCCEEDED");

        assertEquals(2, mission.getInt("subtasks[0].attempt"));
        MissionEvent retrying = droids.await(missionId, MissionEvent.class, e -> e.getType() == MissionEventType.SUBTASK_RETRYING,
                Missions.WAIT);
        assertTrue(retrying.getMessage().contains("no code droid started attempt 1 within the pickup timeout"),
                retrying.getMessage());
    }
}

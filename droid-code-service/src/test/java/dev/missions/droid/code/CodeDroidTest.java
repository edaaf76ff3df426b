package dev.missions.droid.code;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.events.EventMeta;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.events.SubtaskHeartbeat;
import dev.missions.droid.runtime.Cancellations;
import dev.missions.schemas.Artifacts;
import dev.missions.schemas.EventHeaders;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.EventSamples;
import dev.missions.testsupport.GitRemotes;
import dev.missions.testsupport.KafkaProbe;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.ScriptedModel;
import dev.missions.testsupport.ScriptedModel.Reply;
import dev.missions.testsupport.ScriptedModelResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(ScriptedModelResource.class)
class CodeDroidTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CANARY = "canary-5c0ffee5-not-for-eyes";
    private static final String GREETER = """
            package shop;

            public class Greeter {
                public String greet(String name) {
                    return "Hi " + name;
                }
            }
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Cancellations cancellations;

    @TempDir
    Path dir;

    @Test
    void theModelEditsTheRepositoryAndTheDroidCommitsAndPushesIt() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("src/shop/Greeter.java", GREETER, "README.md", "# shop\n"));
        String model = "code-edit-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("read_file", "{\"path\":\"src/shop/Greeter.java\",\"fromLine\":1,\"toLine\":0}"),
                Reply.call("edit_file", "{\"path\":\"src/shop/Greeter.java\",\"search\":\"\\\"Hi \\\"\","
                        + "\"replace\":\"\\\"Hello, \\\"\"}"),
                Reply.call("edit_file", "{\"path\":\"src/shop/Missing.java\",\"search\":\"x\",\"replace\":\"y\"}"),
                Reply.answer("Greeter now says Hello.")));
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, remote, "scripted", model);
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = awaitResult(kafka, task);
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome(), completed.getSummary());
        assertEquals("Greeter now says Hello.", completed.getSummary());
        assertEquals("src/shop/Greeter.java", completed.getArtifacts().get(Artifacts.FILES_CHANGED));
        String branch = task.getWorkspace().getMissionBranch();
        assertTrue(GitRemotes.read(remote, branch, "src/shop/Greeter.java").orElseThrow().contains("\"Hello, \""));
        assertFalse(GitRemotes.read(remote, "main", "src/shop/Greeter.java").orElseThrow().contains("Hello"),
                "the base branch is untouched");
        String message = GitRemotes.log(remote, branch).get(0);
        assertTrue(message.contains(task.getMeta().getMissionId()) && message.contains(task.getSubtaskId()), message);
        assertEquals(1, completed.getArtifacts().get(Artifacts.COMMITS).split(",").length);
        assertEquals(task.getCasting(), completed.getCasting());
        assertEquals(4, completed.getUsage().getSteps());
        assertEquals(4 * 1_200, completed.getUsage().getInputTokens());
        assertEquals(4 * 1_024, completed.getUsage().getCachedTokens());
        assertEquals(4 * 80, completed.getUsage().getOutputTokens());

        List<String> requests = ScriptedModel.shared().requests(model);
        assertEquals(4, requests.size());
        String prefix = requests.get(0).substring(0, requests.get(0).indexOf("Mission "));
        requests.forEach(r -> assertTrue(r.contains(prefix), "every request starts with the same system prompt"));
        assertTrue(requests.get(3).contains("no match") || requests.get(3).contains("not found")
                || requests.get(3).contains("error:"), "the failed edit reached the model as a tool error");
        SubtaskHeartbeat beat = kafka.awaitRecord(Topic.HEARTBEATS.topicName(), SubtaskHeartbeat.class,
                h -> h.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(completed.getDroidId(), beat.getDroidId());
    }

    @Test
    void aCastToAnUnknownProviderFailsTheSubtaskSayingWhich() {
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, "file:///nowhere.git", "nonesuch", "m");
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = awaitResult(kafka, task);
        assertEquals(Outcome.FAILED, completed.getOutcome());
        assertTrue(completed.getFailureReason().contains("unknown provider 'nonesuch'"), completed.getFailureReason());
    }

    @Test
    void aNoopCastCompletesAtOnceWithoutWorkspaceOrModel() {
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, "file:///nowhere.git", "noop", "stub");
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = awaitResult(kafka, task);
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome(), completed.getSummary());
        assertTrue(completed.getSummary().startsWith("noop: code subtask"), completed.getSummary());
        assertEquals(Artifacts.PASSED, completed.getArtifacts().get(Artifacts.TESTS));
        assertEquals(Artifacts.APPROVE, completed.getArtifacts().get(Artifacts.VERDICT));
    }

    @Test
    void aCanarySecretNeverLeavesInEventsTranscriptOrLogs() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("config/app.env", "API_KEY=" + CANARY + "\n"));
        String model = "canary-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("read_file", "{\"path\":\"config/app.env\",\"fromLine\":1,\"toLine\":0}"),
                Reply.answer("The key is " + CANARY + ", I left it alone.")));
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, remote, "scripted", model);
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = awaitResult(kafka, task);
        assertEquals("The key is [REDACTED], I left it alone.", completed.getSummary());
        assertFalse(completed.toString().contains(CANARY));
        assertFalse(ScriptedModel.shared().requests(model).get(1).contains(CANARY),
                "the tool output is masked before the provider sees it");
        Path transcript = Path.of("target/transcripts", task.getMeta().getMissionId(),
                task.getSubtaskId() + "-1.jsonl");
        String recorded = Files.readString(transcript);
        assertTrue(recorded.contains("API_KEY=[REDACTED]"), recorded);
        assertFalse(recorded.contains(CANARY));
        await().atMost(WAIT).until(() -> Files.readString(Path.of("target/droid.log"))
                .contains(task.getSubtaskId() + " attempt 1 SUCCEEDED"));
        String log = Files.readString(Path.of("target/droid.log"));
        assertTrue(log.contains("The key is [REDACTED]"), "the summary line was logged, masked");
        assertFalse(log.contains(CANARY));
        // the log file is JSON here, as deployed: the attempt's lines carry the mission, subtask and attempt
        JsonNode succeeded = log.lines().filter(line -> line.contains(task.getSubtaskId() + " attempt 1 SUCCEEDED"))
                .map(CodeDroidTest::json).findFirst().orElseThrow();
        assertEquals(task.getMeta().getMissionId(), succeeded.path("mdc").path("missionId").asText(), succeeded.toString());
        assertEquals(task.getSubtaskId(), succeeded.path("mdc").path("subtaskId").asText());
        assertEquals("1", succeeded.path("mdc").path("attempt").asText());
        for (ConsumerRecord<String, byte[]> beat : kafka.rawRecords(Topic.HEARTBEATS.topicName())) {
            assertFalse(new String(beat.value(), StandardCharsets.UTF_8).contains(CANARY));
        }
    }

    @Test
    void threeHundredStepsOverHttpKeepEveryRequestWithinTheBound() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("NOTES.md", "a long note line\n".repeat(200)));
        String model = "long-run-" + System.nanoTime();
        ScriptedModel.shared().always(model, Reply.call("read_file",
                "{\"path\":\"NOTES.md\",\"fromLine\":1,\"toLine\":0}"));
        SubtaskAssigned task = SubtaskAssigned.newBuilder(EventSamples.droidTask(Role.CODE, remote, "scripted", model))
                .setMaxSteps(300).build();
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), Duration.ofMinutes(3));
        assertEquals(Outcome.FAILED, completed.getOutcome());
        assertTrue(completed.getFailureReason().startsWith("STEP_LIMIT"), completed.getFailureReason());
        List<String> requests = ScriptedModel.shared().requests(model);
        assertEquals(300, requests.size());
        int first = requests.get(0).length();
        int largest = requests.stream().mapToInt(String::length).max().orElseThrow();
        // prompt bound 20 000 characters plus the newest step (a 3.4 KB read), the tools and JSON escaping
        assertTrue(largest < first + 30_000, "largest request " + largest + " bytes, first " + first);
        assertTrue(requests.get(299).contains("Earlier steps"), "old steps were folded into the digest");
    }

    @Test
    void aReplyCutOffAtTheTokenLimitOverHttpIsNotActedOnAndTheModelIsAskedAgain() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("src/shop/Greeter.java", GREETER));
        String model = "cut-off-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                // finish_reason "length": an edit whose text may be cut short must not touch the file
                Reply.call("edit_file", "{\"path\":\"src/shop/Greeter.java\",\"search\":\"\\\"Hi \\\"\","
                        + "\"replace\":\"\\\"Bye\"}").cutOff(),
                Reply.call("edit_file", "{\"path\":\"src/shop/Greeter.java\",\"search\":\"\\\"Hi \\\"\","
                        + "\"replace\":\"\\\"Hello, \\\"\"}"),
                Reply.answer("Greeter now says Hel").cutOff(),
                Reply.answer("Greeter now says Hello.")));
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, remote, "scripted", model);
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = awaitResult(kafka, task);
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome(), completed.getFailureReason());
        assertEquals("Greeter now says Hello.", completed.getSummary(), "the cut-off summary is not the answer");
        String greeter = GitRemotes.read(remote, task.getWorkspace().getMissionBranch(), "src/shop/Greeter.java").orElseThrow();
        assertTrue(greeter.contains("\"Hello, \"") && !greeter.contains("Bye"), greeter);
        List<String> requests = ScriptedModel.shared().requests(model);
        assertEquals(4, requests.size());
        assertTrue(requests.get(1).contains("Your last reply was cut off at the output token limit"), requests.get(1));
        assertTrue(requests.get(3).contains("Greeter now says Hel"), "the model sees where its cut-off reply stopped");
    }

    @Test
    void aModelThatKeepsRunningIntoItsTokenLimitOverHttpFailsTheSubtaskSayingSo() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("README.md", "# shop\n"));
        String model = "always-cut-off-" + System.nanoTime();
        ScriptedModel.shared().always(model, Reply.answer("I will now explain everything about the shop, starting").cutOff());
        SubtaskAssigned task = EventSamples.droidTask(Role.CODE, remote, "scripted", model);
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = awaitResult(kafka, task);
        assertEquals(Outcome.FAILED, completed.getOutcome(), completed.getSummary());
        assertTrue(completed.getFailureReason().startsWith("MODEL_ERROR: the model's reply was cut off at its output token "
                + "limit 3 times in a row (finish reason LENGTH)"), completed.getFailureReason());
        assertEquals(3, ScriptedModel.shared().requests(model).size(), "bounded: the reply and two retries");
    }

    @Test
    void aTaskOfACancelledMissionIsNotWorked() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        SubtaskAssigned task = EventSamples.subtaskAssigned(Role.CODE);
        MissionEvent cancelled = MissionEvent.newBuilder(EventSamples.missionAccepted())
                .setMeta(EventMeta.newBuilder(EventSamples.meta()).setMissionId(task.getMeta().getMissionId()).build())
                .setType(MissionEventType.CANCELLED).setStatus(MissionStatus.CANCELLED).build();
        var sent = kafka.send(Topic.MISSION_EVENTS.topicName(), task.getMeta().getMissionId(), cancelled);
        kafka.awaitCommittedPast("droid-control-code-test", sent, WAIT);

        kafka.send(Topic.TASKS_CODE.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = awaitResult(kafka, task);
        assertEquals(Outcome.FAILED, completed.getOutcome());
        assertEquals("mission cancelled", completed.getFailureReason());
        assertTrue(completed.getSummary().startsWith("not started"), completed.getSummary());
    }

    @Test
    void onlyEventsWhoseTypeHeaderSaysCancelledAreReadAsCancellations() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        SubtaskAssigned task = EventSamples.subtaskAssigned(Role.CODE);
        MissionEvent cancelled = MissionEvent.newBuilder(EventSamples.missionAccepted())
                .setMeta(EventMeta.newBuilder(EventSamples.meta()).setMissionId(task.getMeta().getMissionId()).build())
                .setType(MissionEventType.CANCELLED).setStatus(MissionStatus.CANCELLED).build();
        // a header that names another type is trusted: the droid does not decode the event
        var skipped = kafka.send(Topic.MISSION_EVENTS.topicName(), task.getMeta().getMissionId(), cancelled,
                Map.of(EventHeaders.TYPE, MissionEventType.SUBTASK_STARTED.name()));
        kafka.awaitCommittedPast("droid-control-code-test", skipped, WAIT);
        assertFalse(cancellations.isCancelled(task.getMeta().getMissionId()));

        var sent = kafka.send(Topic.MISSION_EVENTS.topicName(), task.getMeta().getMissionId(), cancelled,
                Map.of(EventHeaders.TYPE, MissionEventType.CANCELLED.name()));
        kafka.awaitCommittedPast("droid-control-code-test", sent, WAIT);
        assertTrue(cancellations.isCancelled(task.getMeta().getMissionId()));
    }

    @Test
    void aPoisonTaskIsDeadLetteredAndTheNextTaskStillCompletes() {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        byte[] poison = "this is not avro".getBytes(StandardCharsets.UTF_8);
        String poisonKey = "poison-" + System.nanoTime();
        SubtaskAssigned next = EventSamples.droidTask(Role.CODE, "file:///nowhere.git", "nonesuch", "m");

        kafka.sendRaw(Topic.TASKS_CODE.topicName(), poisonKey, poison);
        kafka.send(Topic.TASKS_CODE.topicName(), next.getMeta().getMissionId(), next);

        ConsumerRecord<String, byte[]> dead = kafka.awaitRawRecord(Topic.TASKS_CODE.deadLetterTopicName(),
                r -> poisonKey.equals(r.key()), WAIT);
        assertArrayEquals(poison, header(dead, "deserialization-failure-data"));
        assertEquals(Topic.TASKS_CODE.topicName(),
                new String(header(dead, "dead-letter-topic"), StandardCharsets.UTF_8));
        awaitResult(kafka, next);
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }

    private static SubtaskCompleted awaitResult(KafkaProbe kafka, SubtaskAssigned task) {
        return kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
    }

    private static byte[] header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "no header " + name + " on " + record);
        return header.value();
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}

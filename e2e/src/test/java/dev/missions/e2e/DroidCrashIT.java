package dev.missions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.stack.Home;
import dev.missions.stack.MissionsClient;
import dev.missions.stack.Models;
import dev.missions.stack.Service;
import dev.missions.stack.ServiceProcess;
import dev.missions.stack.Stack;
import dev.missions.testsupport.GitRemotes;
import dev.missions.testsupport.ScriptedModel;
import dev.missions.testsupport.ScriptedModel.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A code droid is SIGKILLed in the middle of a task, after it pushed a checkpoint and while it waits on a slow
 * model. Its heartbeats stop, the lease runs out, and the next attempt, on a new droid instance, resumes from
 * the pushed checkpoint and finishes the work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DroidCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "droid-crash";

    Stack stack;
    MissionsClient client;

    @BeforeAll
    void startStack() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "droid-crash-");
        stack = Stack.start(new Stack.Options(Home.find(), data, false, line -> System.out.println("[stack] " + line),
                new Models("scripted", MODEL, "scripted over HTTP"),
                Map.of("missions.providers.scripted.kind", "openai",
                        "missions.providers.scripted.base-url", ScriptedModel.shared().baseUrl(),
                        "missions.providers.scripted.api-key", "scripted-not-a-secret",
                        "missions.droid.agent.checkpoint-every", "1",
                        "missions.droid.heartbeat-interval", "1s",
                        "missions.engine.lease", "6s",
                        "missions.engine.retry-delay", "200ms")));
        client = new MissionsClient(stack.url(Service.COORDINATOR), stack.apiToken());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theNextAttemptOnANewInstanceResumesFromThePushedCheckpoint() throws Exception {
        ScriptedModel.shared().script(MODEL, List.of(
                Reply.call("write_file", "{\"path\":\"notes/one.md\",\"content\":\"the first half\\n\"}"),
                Reply.call("write_file", "{\"path\":\"notes/two.md\",\"content\":\"never written\\n\"}")
                        .after(Duration.ofMinutes(3)),
                Reply.call("read_file", "{\"path\":\"notes/one.md\",\"fromLine\":1,\"toLine\":0}"),
                Reply.call("write_file", "{\"path\":\"notes/two.md\",\"content\":\"the second half\\n\"}"),
                Reply.answer("Both halves written; the first came from the checkpoint of the earlier attempt.")));
        String repository = stack.sampleRepository();
        JsonNode mission = client.create(JSON.readTree("""
                {"goal": "Write the notes in two halves", "repository": "%s",
                 "plan": {"milestones": [{"title": "notes", "subtasks": [
                   {"key": "notes", "role": "code", "title": "Write the notes", "instructions": "write both halves",
                    "dependsOn": []}]}]}}""".formatted(repository)));
        String missionId = mission.path("id").asText();
        String branch = mission.path("missionBranch").asText();

        awaitFile(repository, branch, "notes/one.md", Duration.ofSeconds(60));
        awaitRequests(2, Duration.ofSeconds(60)); // the droid now waits on the slow reply: kill it there
        ServiceProcess first = stack.process(Service.DROID_CODE);
        first.kill();
        assertTrue(!first.isAlive(), "the droid process is gone");
        stack.start(Service.DROID_CODE);

        JsonNode done = client.awaitFinal(missionId, Duration.ofMinutes(2));

        assertEquals("SUCCEEDED", done.path("status").asText(), done.toString());
        JsonNode subtask = done.path("subtasks").get(0);
        assertEquals(2, subtask.path("attempt").asInt(), "the lease ran out and a second attempt ran");
        assertEquals("the first half\n", GitRemotes.read(repository, branch, "notes/one.md").orElseThrow());
        assertEquals("the second half\n", GitRemotes.read(repository, branch, "notes/two.md").orElseThrow());
        List<String> requests = ScriptedModel.shared().requests(MODEL);
        assertEquals(5, requests.size());
        assertTrue(requests.get(2).contains("attempt 2"), "the third request is the new attempt's first");
        assertTrue(requests.get(3).contains("the first half"), "the new attempt found the checkpoint's file");
        List<String> log = GitRemotes.log(repository, branch);
        assertTrue(log.stream().anyMatch(m -> m.contains("attempt 1: checkpoint at step 1")), log.toString());
        assertTrue(log.get(0).contains("attempt 2"), log.toString());
    }

    private static void awaitRequests(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (ScriptedModel.shared().requests(MODEL).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the droid never sent model request " + count);
            }
            Thread.sleep(100);
        }
    }

    private static void awaitFile(String repository, String branch, String file, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (GitRemotes.read(repository, branch, file).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(file + " never reached " + branch);
            }
            Thread.sleep(200);
        }
    }
}

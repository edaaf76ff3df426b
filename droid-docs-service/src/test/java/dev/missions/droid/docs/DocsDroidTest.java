package dev.missions.droid.docs;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Artifacts;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(ScriptedModelResource.class)
class DocsDroidTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TempDir
    Path dir;

    @Test
    void theChangelogGetsTheChangeOnTheMissionBranch() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n## 1.0.0\n- first\n",
                "src/shop/Shop.java", "class Shop {}\n"));
        String model = "docs-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("git_diff", "{}"),
                Reply.call("edit_file", "{\"path\":\"CHANGELOG.md\",\"search\":\"## Unreleased\\n\","
                        + "\"replace\":\"## Unreleased\\n- Shop knows its limit.\\n\"}"),
                Reply.answer("Added the change to the unreleased section.")));
        SubtaskAssigned task = EventSamples.droidTask(Role.DOCS, remote, "scripted", model);
        String branch = task.getWorkspace().getMissionBranch();
        GitRemotes.push(remote, dir.resolve("work"), branch, Map.of("src/shop/Shop.java", "class Shop { int limit; }\n"));
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_DOCS.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Outcome.SUCCEEDED, completed.getOutcome(), completed.getSummary());
        assertEquals("CHANGELOG.md,src/shop/Shop.java", completed.getArtifacts().get(Artifacts.FILES_CHANGED));
        assertTrue(GitRemotes.read(remote, branch, "CHANGELOG.md").orElseThrow()
                .contains("## Unreleased\n- Shop knows its limit.\n"));
        assertTrue(GitRemotes.read(remote, branch, "src/shop/Shop.java").orElseThrow().contains("int limit"),
                "the earlier work on the branch is kept");
        assertTrue(GitRemotes.log(remote, branch).get(0).contains(task.getSubtaskId()));
        assertTrue(ScriptedModel.shared().requests(model).get(1).contains("+class Shop { int limit; }"),
                "the model saw the mission's diff");
    }

    @Test
    void aDocsAttemptThatChangesCodeIsRefusedAndCommitsNothing() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("README.md", "# Shop\n", "src/shop/Shop.java", "class Shop {}\n"));
        String model = "docs-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("edit_file", "{\"path\":\"README.md\",\"search\":\"# Shop\",\"replace\":\"# The shop\"}"),
                Reply.call("write_file", "{\"path\":\"src/shop/Shop.java\",\"content\":\"class Shop { void backdoor() {} }\"}"),
                Reply.answer("Documented the shop.")));
        SubtaskAssigned task = EventSamples.droidTask(Role.DOCS, remote, "scripted", model);
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);

        kafka.send(Topic.TASKS_DOCS.topicName(), task.getMeta().getMissionId(), task);

        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Outcome.FAILED, completed.getOutcome(), completed.getSummary());
        assertEquals("the docs role may change documentation paths; refused to commit 1 file(s): src/shop/Shop.java",
                completed.getFailureReason());
        assertTrue(GitRemotes.log(remote, task.getWorkspace().getMissionBranch()).isEmpty(), "nothing pushed");
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }
}

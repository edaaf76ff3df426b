package dev.missions.droid.test;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.droid.test.report.Fixtures;
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
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
@WithTestResource(TestDroidTest.TheBuildsMaven.class)
@WithTestResource(ScriptedModelResource.class)
class TestDroidTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    /** The droid runs the Maven this build runs on. */
    public static class TheBuildsMaven implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("missions.test.maven", Fixtures.maven());
        }

        @Override
        public void stop() {
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TempDir
    Path dir;

    @Test
    void aFailingTestIsNamedAndAfterTheFixTheTestsPass() throws Exception {
        String remote = GitRemotes.bare(dir, Fixtures.tinyMavenProject(false));
        SubtaskAssigned first = EventSamples.droidTask(Role.TEST, remote, "replay", "test");

        SubtaskCompleted failing = test(first);

        assertEquals(Outcome.SUCCEEDED, failing.getOutcome(), failing.getSummary());
        assertEquals(Artifacts.FAILED, failing.getArtifacts().get(Artifacts.TESTS));
        String failures = failing.getArtifacts().get(Artifacts.TEST_FAILURES);
        assertTrue(failures.contains("ShopTest") && failures.contains("expected: <7> but was: <4>")
                && failures.contains("ShopTest.java:"), failures);
        assertTrue(failing.getSummary().startsWith("FAILED (Maven)"), failing.getSummary());

        GitRemotes.push(remote, dir.resolve("fix"), first.getWorkspace().getMissionBranch(),
                Map.of("src/main/java/shop/Shop.java", Fixtures.tinyMavenProject(true).get("src/main/java/shop/Shop.java")));
        SubtaskAssigned second = SubtaskAssigned.newBuilder(EventSamples.droidTask(Role.TEST, remote, "replay", "test"))
                .setWorkspace(first.getWorkspace()).build();

        SubtaskCompleted passing = test(second);

        assertEquals(Artifacts.PASSED, passing.getArtifacts().get(Artifacts.TESTS), passing.getSummary());
        assertEquals("", passing.getArtifacts().get(Artifacts.TEST_FAILURES));
    }

    @Test
    void askedToWriteTestsItWritesCommitsThemAndRunsTheWholeSuite() throws Exception {
        String remote = GitRemotes.bare(dir, Fixtures.tinyMavenProject(false));
        String model = "test-writer-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("write_file", "{\"path\":\"src/test/java/shop/EmptyOrderTest.java\",\"content\":"
                        + "\"package shop;\\n\\nimport static org.junit.jupiter.api.Assertions.assertEquals;\\n\\n"
                        + "import java.util.List;\\nimport org.junit.jupiter.api.Test;\\n\\nclass EmptyOrderTest {\\n"
                        + "    @Test\\n    void costsNothing() {\\n        assertEquals(0, Shop.total(List.of()));\\n"
                        + "    }\\n}\\n\"}"),
                Reply.answer("Added a test for the empty order.")));
        SubtaskAssigned task = SubtaskAssigned.newBuilder(EventSamples.droidTask(Role.TEST, remote, "scripted", model))
                .setInstructions("Write a test for an empty order, then run the tests.").build();

        SubtaskCompleted completed = test(task);

        assertEquals(Artifacts.FAILED, completed.getArtifacts().get(Artifacts.TESTS), completed.getSummary());
        assertTrue(completed.getSummary().contains("3 tests, 1 failed"), "the new test ran with the others: "
                + completed.getSummary());
        assertEquals("src/test/java/shop/EmptyOrderTest.java", completed.getArtifacts().get(Artifacts.FILES_CHANGED));
        assertTrue(GitRemotes.read(remote, task.getWorkspace().getMissionBranch(), "src/test/java/shop/EmptyOrderTest.java")
                .isPresent(), "the new test is pushed");
    }

    @Test
    void aTestWriterThatChangesProductionCodeIsRefusedAndCommitsNothing() throws Exception {
        String remote = GitRemotes.bare(dir, Fixtures.tinyMavenProject(false));
        String model = "test-cheat-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("write_file", "{\"path\":\"src/test/java/shop/MoreTest.java\",\"content\":\"package shop;\\nclass MoreTest {}\\n\"}"),
                Reply.call("write_file", "{\"path\":\"src/main/java/shop/Shop.java\",\"content\":\"package shop;\\nclass Shop {}\\n\"}"),
                Reply.answer("Made the tests pass.")));
        SubtaskAssigned task = SubtaskAssigned.newBuilder(EventSamples.droidTask(Role.TEST, remote, "scripted", model))
                .setInstructions("Write a test for an empty order, then run the tests.").build();

        SubtaskCompleted completed = test(task);

        assertEquals(Outcome.FAILED, completed.getOutcome(), completed.getSummary());
        assertEquals("the test role may change test paths; refused to commit 1 file(s): src/main/java/shop/Shop.java",
                completed.getFailureReason());
        assertTrue(GitRemotes.log(remote, task.getWorkspace().getMissionBranch()).isEmpty(), "nothing pushed");
    }

    @Test
    void aRepositoryWithoutABuildFailsTheSubtaskAndNeverPasses() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("README.md", "# no build here\n"));

        SubtaskCompleted completed = test(EventSamples.droidTask(Role.TEST, remote, "replay", "test"));

        assertEquals(Outcome.FAILED, completed.getOutcome());
        assertEquals(Artifacts.NOT_RUN, completed.getArtifacts().get(Artifacts.TESTS));
        assertTrue(completed.getFailureReason().startsWith("tests not run: "), completed.getFailureReason());
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }

    private SubtaskCompleted test(SubtaskAssigned task) {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        kafka.send(Topic.TASKS_TEST.topicName(), task.getMeta().getMissionId(), task);
        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Role.TEST, completed.getRole());
        return completed;
    }
}

package dev.missions.droid.review;

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
class ReviewDroidTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SHOP = "package shop;\n\npublic class Shop {\n}\n";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TempDir
    Path dir;

    @Test
    void anAddedSecretIsSentBackWithALineCommentBeforeAnyModelIsAsked() throws Exception {
        String model = "review-secret-" + System.nanoTime();
        SubtaskAssigned task = taskOnBranchWith(model, Map.of("src/shop/Config.java",
                "package shop;\n\nclass Config {\n    static final String KEY = \"AKIAABCDEFGHIJKLMNOP\";\n}\n"));

        SubtaskCompleted completed = review(task);

        assertEquals(Outcome.SUCCEEDED, completed.getOutcome());
        assertEquals(Artifacts.REQUEST_CHANGES, completed.getArtifacts().get(Artifacts.VERDICT));
        assertEquals("src/shop/Config.java:4: adds what looks like an AWS access key; remove it and take it from "
                + "configuration or a secret store", completed.getArtifacts().get(Artifacts.REVIEW_COMMENTS));
        assertEquals(0, ScriptedModel.shared().requests(model).size(), "no model call for a deterministic finding");
    }

    @Test
    void aBranchWithoutChangesIsNotApproved() throws Exception {
        String remote = GitRemotes.bare(dir, Map.of("src/shop/Shop.java", SHOP));
        SubtaskAssigned task = EventSamples.droidTask(Role.REVIEW, remote, "scripted", "review-empty");

        SubtaskCompleted completed = review(task);

        assertEquals(Artifacts.REQUEST_CHANGES, completed.getArtifacts().get(Artifacts.VERDICT));
        assertTrue(completed.getArtifacts().get(Artifacts.REVIEW_COMMENTS).contains("nothing to review"));
    }

    @Test
    void theModelReadsTheDiffAndHandsInAStructuredVerdict() throws Exception {
        String model = "review-changes-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("submit_review", "{\"verdict\":\"maybe\",\"comments\":\"\"}"),
                Reply.call("submit_review", "{\"verdict\":\"REQUEST_CHANGES\",\"comments\":"
                        + "\"src/shop/Shop.java:4: name the magic number\"}"),
                Reply.answer("Asked for one change.")));
        SubtaskAssigned task = taskOnBranchWith(model, Map.of("src/shop/Shop.java",
                "package shop;\n\npublic class Shop {\n    int limit = 42;\n}\n"));

        SubtaskCompleted completed = review(task);

        assertEquals(Outcome.SUCCEEDED, completed.getOutcome());
        assertEquals(Artifacts.REQUEST_CHANGES, completed.getArtifacts().get(Artifacts.VERDICT));
        assertEquals("src/shop/Shop.java:4: name the magic number",
                completed.getArtifacts().get(Artifacts.REVIEW_COMMENTS));
        assertEquals("Asked for one change.", completed.getSummary());
        List<String> requests = ScriptedModel.shared().requests(model);
        assertTrue(requests.get(0).contains("int limit = 42;"), "the diff is in the brief");
        assertTrue(requests.get(1).contains("verdict must be APPROVE or REQUEST_CHANGES"),
                "a bad verdict is a tool error the model sees");
    }

    @Test
    void anApprovalAndAMissingVerdict() throws Exception {
        String approving = "review-approve-" + System.nanoTime();
        ScriptedModel.shared().script(approving, List.of(
                Reply.call("submit_review", "{\"verdict\":\"APPROVE\",\"comments\":\"\"}"), Reply.answer("Fine.")));
        SubtaskCompleted approved = review(taskOnBranchWith(approving, Map.of("src/shop/Shop.java", SHOP + "\n")));
        assertEquals(Artifacts.APPROVE, approved.getArtifacts().get(Artifacts.VERDICT));

        String silent = "review-silent-" + System.nanoTime();
        ScriptedModel.shared().script(silent, List.of(Reply.answer("Looks fine to me.")));
        SubtaskCompleted none = review(taskOnBranchWith(silent, Map.of("src/shop/Other.java", SHOP)));
        assertEquals(Outcome.FAILED, none.getOutcome());
        assertEquals(Artifacts.NOT_REVIEWED, none.getArtifacts().get(Artifacts.VERDICT));
        assertTrue(none.getFailureReason().contains("without handing in a verdict"), none.getFailureReason());
    }

    @Test
    void theReviewerCannotChangeAFileItIsNotEvenOfferedATool() throws Exception {
        String model = "review-edit-" + System.nanoTime();
        ScriptedModel.shared().script(model, List.of(
                Reply.call("write_file", "{\"path\":\"src/shop/Shop.java\",\"content\":\"fixed it myself\"}"),
                Reply.call("run_command", "{\"commandLine\":\"mvn -q test\"}"),
                Reply.call("submit_review", "{\"verdict\":\"APPROVE\",\"comments\":\"\"}"),
                Reply.answer("Approved.")));
        SubtaskAssigned task = taskOnBranchWith(model, Map.of("src/shop/Shop.java", SHOP + "\n// changed\n"));
        List<String> before = GitRemotes.log(task.getWorkspace().getRepository(), task.getWorkspace().getMissionBranch());

        SubtaskCompleted completed = review(task);

        assertEquals(Outcome.SUCCEEDED, completed.getOutcome(), completed.getSummary());
        List<String> requests = ScriptedModel.shared().requests(model);
        for (String tool : List.of("write_file", "edit_file", "run_command")) {
            assertTrue(!requests.get(0).contains("\"" + tool + "\""), tool + " offered to the reviewer");
        }
        assertTrue(requests.get(1).contains("there is no tool named 'write_file'"), requests.get(1));
        assertTrue(requests.get(2).contains("there is no tool named 'run_command'"), requests.get(2));
        assertEquals(before, GitRemotes.log(task.getWorkspace().getRepository(), task.getWorkspace().getMissionBranch()),
                "the reviewer committed nothing");
    }

    @Test
    void theDroidIsHealthy() {
        await().atMost(WAIT).untilAsserted(() ->
                RestAssured.when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }

    private SubtaskAssigned taskOnBranchWith(String model, Map<String, String> change) throws Exception {
        Path here = dir.resolve("r" + System.nanoTime());
        String remote = GitRemotes.bare(here, Map.of("src/shop/Shop.java", SHOP));
        SubtaskAssigned task = EventSamples.droidTask(Role.REVIEW, remote, "scripted", model);
        GitRemotes.push(remote, here.resolve("work"), task.getWorkspace().getMissionBranch(), change);
        return task;
    }

    private SubtaskCompleted review(SubtaskAssigned task) {
        KafkaProbe kafka = KafkaProbe.on(bootstrapServers);
        kafka.send(Topic.TASKS_REVIEW.topicName(), task.getMeta().getMissionId(), task);
        SubtaskCompleted completed = kafka.awaitRecord(Topic.RESULTS.topicName(), SubtaskCompleted.class,
                c -> c.getSubtaskId().equals(task.getSubtaskId()), WAIT);
        assertEquals(Role.REVIEW, completed.getRole());
        assertEquals(task.getMeta().getEventId(), completed.getMeta().getCausationId());
        return completed;
    }
}

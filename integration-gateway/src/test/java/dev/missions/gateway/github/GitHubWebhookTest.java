package dev.missions.gateway.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionRequested;
import dev.missions.events.Source;
import dev.missions.gateway.support.Bus;
import dev.missions.gateway.support.ExternalApis;
import dev.missions.gateway.support.Signing;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class GitHubWebhookTest {

    final WireMockServer github = ExternalApis.server();

    /** A workflow_run event as GitHub documents it, trimmed to the fields that matter and a few that do not. */
    static String workflowRun(String action, String conclusion, String branch, String sha, long runId, long workflowId,
            String repo) {
        return """
                {
                  "action": "%s",
                  "workflow_run": {
                    "id": %d, "name": "CI", "node_id": "WFR_kwLOA", "head_branch": "%s", "head_sha": "%s",
                    "path": ".github/workflows/ci.yml", "display_title": "Add greeting", "run_number": 17,
                    "event": "push", "status": "completed", "conclusion": %s, "workflow_id": %d,
                    "check_suite_id": 42, "url": "https://api.github.com/repos/%s/actions/runs/%d",
                    "html_url": "https://github.com/%s/actions/runs/%d", "run_attempt": 1,
                    "created_at": "2026-11-24T10:00:00Z", "updated_at": "2026-11-24T10:04:00Z",
                    "head_commit": {"id": "%s", "message": "Add greeting", "author": {"name": "Ada", "email": "ada@example.com"}}
                  },
                  "workflow": {"id": %d, "name": "CI", "path": ".github/workflows/ci.yml", "state": "active"},
                  "repository": {
                    "id": 1296269, "name": "%s", "full_name": "%s", "private": false,
                    "html_url": "https://github.com/%s", "clone_url": "https://github.com/%s.git", "default_branch": "main"
                  },
                  "sender": {"login": "octocat", "id": 1, "type": "User"}
                }
                """.formatted(action, runId, branch, sha, conclusion == null ? "null" : "\"" + conclusion + "\"", workflowId,
                repo, runId, repo, runId, sha, workflowId, repo.substring(repo.indexOf('/') + 1), repo, repo, repo);
    }

    static ValidatableResponse post(String event, String body, String signature, String delivery) {
        var request = given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .header("X-GitHub-Event", event).header("X-GitHub-Hook-ID", "292430182");
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        if (delivery != null) {
            request.header("X-GitHub-Delivery", delivery);
        }
        return request.post("/webhooks/github").then();
    }

    static ValidatableResponse signed(String body, String delivery) {
        return post("workflow_run", body, Signing.github(body.getBytes(StandardCharsets.UTF_8)), delivery);
    }

    static String sha() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static long id() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    }

    static String repo() {
        return "acme/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Two jobs, one failed with a 500-line log served behind GitHub's redirect. */
    void stubRun(String repo, long runId, long failedJob) {
        github.stubFor(get(urlPathEqualTo("/github/repos/" + repo + "/actions/runs/" + runId + "/jobs"))
                .willReturn(okJson("""
                        {"total_count": 2, "jobs": [
                          {"id": %d, "run_id": %d, "name": "build", "status": "completed", "conclusion": "success",
                           "html_url": "https://github.com/%s/actions/runs/%d/job/1"},
                          {"id": %d, "run_id": %d, "name": "test (21)", "status": "completed", "conclusion": "failure",
                           "html_url": "https://github.com/%s/actions/runs/%d/job/%d"}
                        ]}""".formatted(failedJob + 1, runId, repo, runId, failedJob, runId, repo, runId, failedJob))));
        github.stubFor(get(urlPathEqualTo("/github/repos/" + repo + "/actions/jobs/" + failedJob + "/logs"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", github.baseUrl() + "/github-logs/" + failedJob + ".txt")));
        String log = IntStream.rangeClosed(1, 500)
                .mapToObj(i -> "2026-11-24T10:03:%02d.1234567Z line %d of the build".formatted(i % 60, i))
                .collect(Collectors.joining("\n"))
                + "\n2026-11-24T10:03:59.0000000Z [ERROR] GreetingTest.saysHello:12 expected: <hello Ada> but was: <hello>"
                + "\n2026-11-24T10:04:00.0000000Z ##[error]Process completed with exit code 1.\n";
        github.stubFor(get(urlPathEqualTo("/github-logs/" + failedJob + ".txt")).willReturn(aResponse().withStatus(200).withBody(log)));
    }

    @Test
    void aFailedRunOnAConfiguredBranchStartsOneFixMissionWithTheFailedJobsLogTail() {
        String repo = repo();
        String sha = sha();
        long runId = id();
        long jobId = id();
        stubRun(repo, runId, jobId);
        String missionId = signed(workflowRun("completed", "failure", "main", sha, runId, 161335, repo), UUID.randomUUID().toString())
                .statusCode(202).extract().path("missionId");

        MissionRequested request = Bus.awaitRequest(r -> r.getMeta().getMissionId().equals(missionId));
        assertEquals(MissionKind.CI_FIX, request.getKind());
        assertEquals("https://github.com/" + repo + ".git", request.getRepository());
        assertEquals("main", request.getBaseBranch());
        assertEquals("Fix CI: CI failed on main", request.getTitle());
        assertTrue(request.getGoal().contains(sha.substring(0, 12)), request.getGoal());
        assertEquals(Source.GITHUB, request.getOrigin().getSource());
        assertEquals("https://github.com/" + repo + "/actions/runs/" + runId, request.getOrigin().getUrl());
        assertEquals(repo + "/actions/runs/" + runId, request.getOrigin().getReference());
        String context = request.getContext();
        assertTrue(context.contains("commit " + sha), context);
        assertTrue(context.contains("Failed job: test (21)"), context);
        assertTrue(context.contains("[ERROR] GreetingTest.saysHello:12 expected: <hello Ada> but was: <hello>"), context);
        assertTrue(context.contains("##[error]Process completed with exit code 1."), context);
        assertFalse(context.contains("line 100 of the build\n"), "only the tail of the log travels");
        assertFalse(context.contains("2026-11-24T10:03:59"), "runner timestamps are dropped");
        assertFalse(context.contains("Failed job: build"), "only failed jobs");
        github.verify(getRequestedFor(urlPathEqualTo("/github/repos/" + repo + "/actions/runs/" + runId + "/jobs"))
                .withHeader("Authorization", equalTo("Bearer github-test-token"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void duplicateDeliveriesAndReRunsMakeOneMission() {
        String repo = repo();
        String sha = sha();
        long runId = id();
        stubRun(repo, runId, id());
        String body = workflowRun("completed", "failure", "main", sha, runId, 161335, repo);
        String delivery = UUID.randomUUID().toString();
        signed(body, delivery).statusCode(202);
        signed(body, delivery).statusCode(400).body("error", containsString("replayed delivery"));
        // a re-run: the same run, attempt 2, a new delivery
        signed(body.replace("\"run_attempt\": 1", "\"run_attempt\": 2"), UUID.randomUUID().toString())
                .statusCode(200).body("reason", containsString("already started"));
        // another run of the same workflow on the same commit
        long otherRun = id();
        stubRun(repo, otherRun, id());
        signed(workflowRun("completed", "failure", "main", sha, otherRun, 161335, repo), UUID.randomUUID().toString())
                .statusCode(200).body("reason", containsString("already started"));
        // another workflow on the same commit is a failure of its own
        long thirdRun = id();
        stubRun(repo, thirdRun, id());
        signed(workflowRun("completed", "failure", "main", sha, thirdRun, 999, repo), UUID.randomUUID().toString()).statusCode(202);

        Bus.awaitRequest(r -> r.getOrigin().getReference().equals(repo + "/actions/runs/" + thirdRun));
        assertEquals(2, Bus.requests(r -> r.getRepository().contains(repo)).size());
        github.verify(0, getRequestedFor(urlPathEqualTo("/github/repos/" + repo + "/actions/runs/" + otherRun + "/jobs")));
    }

    @Test
    void missionBranchesOtherBranchesAndOtherOutcomesStartNothing() {
        String repo = repo();
        long runId = id();
        signed(workflowRun("completed", "failure", "missions/c92ee1aa", sha(), runId, 1, repo), UUID.randomUUID().toString())
                .statusCode(200).body("reason", containsString("mission branch"));
        signed(workflowRun("completed", "failure", "feature/x", sha(), id(), 1, repo), UUID.randomUUID().toString())
                .statusCode(200).body("reason", containsString("not one of"));
        signed(workflowRun("completed", "success", "main", sha(), id(), 1, repo), UUID.randomUUID().toString()).statusCode(200);
        // a pull request from a fork whose branch is also called main
        signed(workflowRun("completed", "failure", "main", sha(), runId, 1, repo).replace("\"head_commit\"",
                "\"head_repository\": {\"full_name\": \"mallory/app\"}, \"head_commit\""), UUID.randomUUID().toString())
                .statusCode(200).body("reason", containsString("a fork of"));
        signed(workflowRun("completed", "cancelled", "main", sha(), id(), 1, repo), UUID.randomUUID().toString()).statusCode(200);
        signed(workflowRun("in_progress", null, "main", sha(), id(), 1, repo), UUID.randomUUID().toString()).statusCode(200);
        signed(workflowRun("requested", null, "main", sha(), id(), 1, repo), UUID.randomUUID().toString()).statusCode(200);
        // the second configured branch does start one: the sentinel
        long sentinel = id();
        stubRun(repo, sentinel, id());
        signed(workflowRun("completed", "failure", "release", sha(), sentinel, 1, repo), UUID.randomUUID().toString()).statusCode(202);

        Bus.awaitRequest(r -> r.getOrigin().getReference().equals(repo + "/actions/runs/" + sentinel));
        assertEquals(1, Bus.requests(r -> r.getRepository().contains(repo)).size());
        github.verify(0, getRequestedFor(urlPathMatching("/github/repos/" + repo + "/actions/runs/" + runId + "/.*")));
    }

    @Test
    void aMissionStillStartsWhenTheLogsCannotBeRead() {
        String repo = repo();
        long runId = id();
        github.stubFor(get(urlPathEqualTo("/github/repos/" + repo + "/actions/runs/" + runId + "/jobs"))
                .willReturn(aResponse().withStatus(500)));
        String missionId = signed(workflowRun("completed", "failure", "main", sha(), runId, 7, repo), UUID.randomUUID().toString())
                .statusCode(202).extract().path("missionId");
        MissionRequested request = Bus.awaitRequest(r -> r.getMeta().getMissionId().equals(missionId));
        assertTrue(request.getContext().contains("No failed job's log could be read"), request.getContext());
    }

    @Test
    void badRequestsAreRefusedAndPublishNothing() {
        String repo = repo();
        String body = workflowRun("completed", "failure", "main", sha(), id(), 5, repo);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String good = Signing.github(bytes);

        post("workflow_run", body, null, UUID.randomUUID().toString()).statusCode(401);
        post("workflow_run", body, Signing.hmac(Signing.GITHUB_SECRET, bytes), UUID.randomUUID().toString())
                .statusCode(401).body("error", containsString("X-Hub-Signature-256"));
        post("workflow_run", body, "sha256=" + Signing.hmac("other-secret", bytes), UUID.randomUUID().toString())
                .statusCode(401).body("error", containsString("invalid signature"));
        post("workflow_run", body.replace("failure", "failure "), good, UUID.randomUUID().toString()).statusCode(401);
        post("workflow_run", body, good, null).statusCode(400).body("error", containsString("X-GitHub-Delivery"));
        post("push", body, good, UUID.randomUUID().toString()).statusCode(400).body("error", containsString("unsupported event type"));
        String broken = body.substring(0, body.length() / 2);
        post("workflow_run", broken, Signing.github(broken.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString())
                .statusCode(400).body("error", containsString("malformed JSON"));
        String noRepo = body.replace("\"full_name\"", "\"fullName\"");
        post("workflow_run", noRepo, Signing.github(noRepo.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString())
                .statusCode(400).body("error", containsString("/repository/full_name"));
        String huge = body.replace("\"sender\"", "\"padding\": \"" + "y".repeat(70_000) + "\", \"sender\"");
        post("workflow_run", huge, Signing.github(huge.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString()).statusCode(413);
        post("ping", "{\"zen\": \"Design for failure.\", \"hook_id\": 1}",
                Signing.github("{\"zen\": \"Design for failure.\", \"hook_id\": 1}".getBytes(StandardCharsets.UTF_8)),
                UUID.randomUUID().toString()).statusCode(200);

        long sentinel = id();
        stubRun(repo, sentinel, id());
        signed(workflowRun("completed", "failure", "main", sha(), sentinel, 6, repo), UUID.randomUUID().toString()).statusCode(202);
        Bus.awaitRequest(r -> r.getOrigin().getReference().equals(repo + "/actions/runs/" + sentinel));
        assertEquals(1, Bus.requests(r -> r.getRepository().contains(repo)).size());
    }
}

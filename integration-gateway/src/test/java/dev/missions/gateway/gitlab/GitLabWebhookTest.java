package dev.missions.gateway.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class GitLabWebhookTest {

    final WireMockServer gitlab = ExternalApis.server();

    /** A Pipeline Hook as GitLab documents it, trimmed; two builds, one failed. */
    static String pipeline(String status, String ref, String sha, long pipelineId, long projectId, String path, long failedJob) {
        return """
                {
                  "object_kind": "pipeline",
                  "object_attributes": {
                    "id": %d, "iid": 12, "name": "Pipeline for branch: %s", "ref": "%s", "tag": false, "sha": "%s",
                    "before_sha": "0000000000000000000000000000000000000000", "source": "push", "status": "%s",
                    "detailed_status": "%s", "stages": ["build", "test"], "created_at": "2026-11-24 10:00:00 UTC",
                    "finished_at": "2026-11-24 10:05:00 UTC", "duration": 300,
                    "url": "https://gitlab.example.com/%s/-/pipelines/%d"
                  },
                  "user": {"id": 1, "name": "Administrator", "username": "root"},
                  "project": {
                    "id": %d, "name": "app", "path_with_namespace": "%s", "default_branch": "main",
                    "web_url": "https://gitlab.example.com/%s", "git_http_url": "https://gitlab.example.com/%s.git",
                    "git_ssh_url": "git@gitlab.example.com:%s.git"
                  },
                  "commit": {"id": "%s", "message": "Add greeting", "author": {"name": "Ada", "email": "ada@example.com"}},
                  "builds": [
                    {"id": %d, "stage": "build", "name": "compile", "status": "success", "allow_failure": false},
                    {"id": %d, "stage": "test", "name": "unit-tests", "status": "%s", "allow_failure": false},
                    {"id": %d, "stage": "test", "name": "lint", "status": "failed", "allow_failure": true}
                  ]
                }
                """.formatted(pipelineId, ref, ref, sha, status, status, path, pipelineId, projectId, path, path, path, path, sha,
                failedJob + 1, failedJob, status, failedJob + 2);
    }

    static ValidatableResponse post(String body, String token, String event, String delivery) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("X-Gitlab-Token", token);
        }
        if (event != null) {
            request.header("X-Gitlab-Event", event);
        }
        if (delivery != null) {
            request.header("X-Gitlab-Event-UUID", delivery);
        }
        return request.post("/webhooks/gitlab").then();
    }

    static ValidatableResponse send(String body) {
        return post(body, Signing.GITLAB_TOKEN, "Pipeline Hook", UUID.randomUUID().toString());
    }

    static String sha() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static long id() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
    }

    void stubTrace(long projectId, long jobId) {
        gitlab.stubFor(get(urlPathEqualTo("/gitlab/api/v4/projects/" + projectId + "/jobs/" + jobId + "/trace"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        \u001B[0KRunning with gitlab-runner 17.5.0\u001B[0;m
                        $ mvn -B test
                        [INFO] Tests run: 12, Failures: 1
                        [ERROR] GreetingTest.saysHello:12 expected: <hello Ada> but was: <hello>
                        ERROR: Job failed: exit code 1
                        """)));
    }

    @Test
    void aFailedPipelineStartsOneFixMissionWithTheFailedJobsTrace() {
        String path = "acme/app-" + UUID.randomUUID().toString().substring(0, 8);
        long projectId = id();
        long jobId = id();
        long pipelineId = id();
        String sha = sha();
        stubTrace(projectId, jobId);
        String missionId = send(pipeline("failed", "main", sha, pipelineId, projectId, path, jobId)).statusCode(202)
                .extract().path("missionId");

        MissionRequested request = Bus.awaitRequest(r -> r.getMeta().getMissionId().equals(missionId));
        assertEquals(MissionKind.CI_FIX, request.getKind());
        assertEquals("https://gitlab.example.com/" + path + ".git", request.getRepository());
        assertEquals("main", request.getBaseBranch());
        assertEquals(Source.GITLAB, request.getOrigin().getSource());
        assertEquals("https://gitlab.example.com/" + path + "/-/pipelines/" + pipelineId, request.getOrigin().getUrl());
        assertTrue(request.getContext().contains("Failed job: unit-tests"), request.getContext());
        assertTrue(request.getContext().contains("[ERROR] GreetingTest.saysHello:12"), request.getContext());
        assertTrue(request.getContext().contains("Running with gitlab-runner 17.5.0\n"), "ANSI colours are dropped: " + request.getContext());
        assertFalse(request.getContext().contains("Failed job: lint"), "a job allowed to fail is not the cause");
        gitlab.verify(getRequestedFor(urlPathEqualTo("/gitlab/api/v4/projects/" + projectId + "/jobs/" + jobId + "/trace"))
                .withHeader("PRIVATE-TOKEN", equalTo("gitlab-api-token")));
    }

    @Test
    void retriesMissionBranchesAndOtherStatusesStartNothingMore() {
        String path = "acme/app-" + UUID.randomUUID().toString().substring(0, 8);
        long projectId = id();
        long jobId = id();
        String sha = sha();
        stubTrace(projectId, jobId);
        String delivery = UUID.randomUUID().toString();
        String first = pipeline("failed", "main", sha, id(), projectId, path, jobId);
        post(first, Signing.GITLAB_TOKEN, "Pipeline Hook", delivery).statusCode(202);
        post(first, Signing.GITLAB_TOKEN, "Pipeline Hook", delivery).statusCode(400).body("error", containsString("replayed"));
        // the pipeline retried on the same commit
        send(pipeline("failed", "main", sha, id(), projectId, path, jobId)).statusCode(200).body("reason", containsString("already started"));
        send(pipeline("failed", "missions/1a2b3c4d", sha(), id(), projectId, path, jobId)).statusCode(200)
                .body("reason", containsString("mission branch"));
        send(pipeline("success", "main", sha(), id(), projectId, path, jobId)).statusCode(200);
        send(pipeline("running", "main", sha(), id(), projectId, path, jobId)).statusCode(200);
        send(pipeline("failed", "develop", sha(), id(), projectId, path, jobId)).statusCode(200);
        send(pipeline("failed", "main", sha(), id(), projectId, path, jobId).replace("\"tag\": false", "\"tag\": true")).statusCode(200);
        String sentinelSha = sha();
        send(pipeline("failed", "main", sentinelSha, id(), projectId, path, jobId)).statusCode(202);

        Bus.awaitRequest(r -> r.getContext().contains(sentinelSha));
        assertEquals(2, Bus.requests(r -> r.getRepository().contains(path)).size());
    }

    @Test
    void badRequestsAreRefusedAndPublishNothing() {
        String path = "acme/app-" + UUID.randomUUID().toString().substring(0, 8);
        long projectId = id();
        long jobId = id();
        stubTrace(projectId, jobId);
        String body = pipeline("failed", "main", sha(), id(), projectId, path, jobId);
        post(body, null, "Pipeline Hook", UUID.randomUUID().toString()).statusCode(401).body("error", containsString("X-Gitlab-Token"));
        post(body, "gitlab-test-token-but-longer", "Pipeline Hook", UUID.randomUUID().toString()).statusCode(401);
        post(body, "", "Pipeline Hook", UUID.randomUUID().toString()).statusCode(401);
        post(body, Signing.GITLAB_TOKEN, "Push Hook", UUID.randomUUID().toString()).statusCode(400)
                .body("error", containsString("unsupported event type"));
        post(body, Signing.GITLAB_TOKEN, null, UUID.randomUUID().toString()).statusCode(400);
        post(body, Signing.GITLAB_TOKEN, "Pipeline Hook", null).statusCode(400).body("error", containsString("X-Gitlab-Event-UUID"));
        post("[" + body + "]", Signing.GITLAB_TOKEN, "Pipeline Hook", UUID.randomUUID().toString()).statusCode(400)
                .body("error", containsString("JSON object"));
        post(body.replace("\"sha\"", "\"SHA\""), Signing.GITLAB_TOKEN, "Pipeline Hook", UUID.randomUUID().toString()).statusCode(400);
        post(body.replace("\"builds\"", "\"pad\": \"" + "z".repeat(70_000) + "\", \"builds\""), Signing.GITLAB_TOKEN, "Pipeline Hook",
                UUID.randomUUID().toString()).statusCode(413);
        String sentinelSha = sha();
        send(pipeline("failed", "main", sentinelSha, id(), projectId, path, jobId)).statusCode(202);

        Bus.awaitRequest(r -> r.getContext().contains(sentinelSha));
        assertEquals(1, Bus.requests(r -> r.getRepository().contains(path)).size());
    }
}

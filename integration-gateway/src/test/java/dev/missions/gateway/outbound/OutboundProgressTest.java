package dev.missions.gateway.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import dev.missions.events.SourceRef;
import dev.missions.gateway.support.Bus;
import dev.missions.gateway.support.ExternalApis;
import dev.missions.gateway.support.LinearGraphQL;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class OutboundProgressTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final WireMockServer apis = ExternalApis.server();

    @Inject
    AgroalDataSource database;

    /** How each notification of a mission for a target ended: "done", "open" or "dead after N: <last error>". */
    List<String> notifications(String missionId, Target target) throws java.sql.SQLException {
        try (var connection = database.getConnection(); var statement = connection.prepareStatement(
                "select done_at is not null, dead_at is not null, attempts, last_error from notification "
                        + "where mission_id = ? and target = ? order by id")) {
            statement.setString(1, missionId);
            statement.setString(2, target.name());
            List<String> states = new java.util.ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getBoolean(1) ? "done" : rows.getBoolean(2) ? "dead after " + rows.getInt(3) + ": " + rows.getString(4) : "open");
                }
            }
            return states;
        }
    }

    static MissionEvent event(String missionId, MissionEventType type, MissionStatus status, String message, Map<String, String> attributes) {
        return event(missionId, type, status, message, attributes, "ENG-42");
    }

    static MissionEvent event(String missionId, MissionEventType type, MissionStatus status, String message, Map<String, String> attributes,
            String ticket) {
        return MissionEvent.newBuilder()
                .setMeta(Metas.next(missionId, missionId, null, Instant.now()))
                .setType(type)
                .setStatus(status)
                .setMessage(message)
                .setSubtaskId(type.name().startsWith("SUBTASK") ? UUID.randomUUID().toString() : null)
                .setRole(type.name().startsWith("SUBTASK") ? Role.TEST : null)
                .setAttempt(type.name().startsWith("SUBTASK") ? 1 : null)
                .setOrigin(SourceRef.newBuilder().setSource(Source.LINEAR).setReference(ticket)
                        .setUrl("https://linear.app/acme/issue/" + ticket + "/greeting").build())
                .setAttributes(attributes)
                .build();
    }

    void stubSlackAndLinear() {
        apis.stubFor(post(urlPathEqualTo("/slack-api/chat.postMessage"))
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C0MISSIONS\", \"ts\": \"1700000000.000100\"}")));
        apis.stubFor(post(urlPathEqualTo("/slack-api/chat.update"))
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C0MISSIONS\", \"ts\": \"1700000000.000100\"}")));
        LinearGraphQL.stubAnswers(apis);
    }

    static String form(LoggedRequest request) {
        return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
    }

    @Test
    void aMissionsEventsMakeOneSlackMessageUpdatedInPlaceThreadRepliesAndLinearComments() {
        stubSlackAndLinear();
        String missionId = UUID.randomUUID().toString();
        apis.stubFor(get(urlPathEqualTo("/coordinator/missions/" + missionId)).willReturn(okJson("""
                {"id": "%s", "goal": "Add a greeting", "title": "ENG-42 Greeting endpoint", "status": "RUNNING",
                 "budget": {"maxTokens": 200000, "maxCostUsd": 5.0},
                 "usage": {"inputTokens": 1200, "outputTokens": 300, "costUsd": 0.42},
                 "subtasks": [{"key": "code", "milestone": "Build", "status": "SUCCEEDED"},
                              {"key": "test", "milestone": "Build", "status": "RUNNING"},
                              {"key": "docs", "milestone": "Ship", "status": "PENDING"}]}
                """.formatted(missionId))));
        var kafka = Bus.probe();
        List<MissionEvent> events = List.of(
                event(missionId, MissionEventType.ACCEPTED, MissionStatus.REQUESTED, "mission accepted: " + missionId, Map.of()),
                event(missionId, MissionEventType.PLANNED, MissionStatus.RUNNING, "3 subtasks in 2 milestones", Map.of()),
                event(missionId, MissionEventType.SUBTASK_STARTED, MissionStatus.RUNNING, "[test] Run the tests", Map.of()),
                event(missionId, MissionEventType.SUBTASK_FAILED, MissionStatus.RUNNING, "tests failed " + missionId, Map.of()),
                event(missionId, MissionEventType.BLOCKED, MissionStatus.BLOCKED, "no attempts left " + missionId, Map.of()),
                event(missionId, MissionEventType.SUCCEEDED, MissionStatus.SUCCEEDED, "mission succeeded " + missionId,
                        Map.of("missionBranch", "missions/" + missionId.substring(0, 8),
                                "pullRequestUrl", "https://github.com/acme/app/pull/7")));
        for (MissionEvent event : events) {
            kafka.send(Topic.MISSION_EVENTS.topicName(), missionId, event);
        }
        // a redelivered event changes nothing
        kafka.send(Topic.MISSION_EVENTS.topicName(), missionId, events.get(1));

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(3, apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.postMessage"))
                    .withRequestBody(containing("thread_ts")).withRequestBody(containing(missionId))).size());
            assertEquals(5, apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.update"))
                    .withRequestBody(containing(missionId))).size());
            assertEquals(3, LinearGraphQL.variables(apis, LinearGraphQL.COMMENT_CREATE, missionId).size());
        });

        List<LoggedRequest> posts = apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.postMessage"))
                .withRequestBody(notContaining("thread_ts")).withRequestBody(containing(missionId)));
        assertEquals(1, posts.size(), "one message per mission");
        String first = form(posts.get(0));
        assertEquals("Bearer xoxb-test-token", posts.get(0).getHeader("Authorization"));
        assertTrue(first.contains("channel=C0MISSIONS"), first);
        assertTrue(first.contains("ENG-42 Greeting endpoint"), first);
        assertTrue(first.contains("\"action_id\":\"pause\"") && first.contains("\"action_id\":\"cancel\""), first);
        assertTrue(first.contains("1 of 3") && first.contains("0 of 2"), "subtasks and milestones done of total: " + first);
        assertTrue(first.contains("$0.42 of $5.00"), "spend against budget: " + first);

        List<String> updates = apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.update")).withRequestBody(containing(missionId)))
                .stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).map(OutboundProgressTest::form).toList();
        assertTrue(updates.stream().allMatch(u -> u.contains("ts=1700000000.000100")), "updated in place");
        String blocked = updates.get(3);
        assertTrue(blocked.contains("BLOCKED") && blocked.contains("\"action_id\":\"resume\""), blocked);
        String last = updates.get(4);
        assertTrue(last.contains("SUCCEEDED"), last);
        assertFalse(last.contains("action_id"), "a finished mission has no buttons: " + last);

        List<String> replies = apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.postMessage"))
                .withRequestBody(containing("thread_ts")).withRequestBody(containing(missionId))).stream().map(OutboundProgressTest::form).toList();
        assertTrue(replies.stream().anyMatch(r -> r.contains("Subtask failed (test, attempt 1)")), replies.toString());
        assertTrue(replies.stream().anyMatch(r -> r.contains("Mission blocked")), replies.toString());
        assertTrue(replies.stream().anyMatch(r -> r.contains("Pull request: https://github.com/acme/app/pull/7")), replies.toString());

        // the typed client's documents (matched exactly by the stubs) with the issue resolved from the ticket first
        assertTrue(apis.findAll(LinearGraphQL.sent(LinearGraphQL.ISSUE)).stream().map(LinearGraphQL::body)
                .anyMatch(b -> b.path("variables").path("id").asText().equals("ENG-42")));
        List<JsonNode> comments = LinearGraphQL.variables(apis, LinearGraphQL.COMMENT_CREATE, missionId);
        assertTrue(comments.stream().allMatch(c -> c.path("input").path("issueId").asText().equals(LinearGraphQL.ISSUE_ID)), comments.toString());
        List<String> texts = comments.stream().map(c -> c.path("input").path("body").asText()).toList();
        assertTrue(texts.contains("🚀 Mission `" + missionId + "` started: mission accepted: " + missionId), texts.toString());
        assertTrue(texts.contains("⛔ Mission `" + missionId + "` is blocked: no attempts left " + missionId), texts.toString());
        assertTrue(texts.contains("✅ Mission `" + missionId + "` is done: mission succeeded " + missionId
                + "\nPull request: https://github.com/acme/app/pull/7"), texts.toString());
        assertTrue(apis.findAll(postRequestedFor(urlPathEqualTo(LinearGraphQL.PATH))).stream()
                .allMatch(r -> "lin_api_test".equals(r.getHeader("Authorization"))), "Linear's API key as it is, no Bearer");
    }

    @Test
    void rateLimitsAreWaitedOutAndAFailingTargetIsDeadLetteredWithoutHoldingTheOthers() throws Exception {
        stubSlackAndLinear();
        String missionId = UUID.randomUUID().toString();
        // Slack rate-limits the first post of this mission once, then accepts it
        apis.stubFor(post(urlPathEqualTo("/slack-api/chat.postMessage")).withRequestBody(containing(missionId))
                .inScenario("rate " + missionId).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("limited"));
        apis.stubFor(post(urlPathEqualTo("/slack-api/chat.postMessage")).withRequestBody(containing(missionId))
                .inScenario("rate " + missionId).whenScenarioStateIs("limited")
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C0MISSIONS\", \"ts\": \"1700000000.000200\"}")));
        // Linear is down for good for this mission's ticket
        String ticket = "OPS-" + (10_000 + new java.util.Random().nextInt(90_000));
        apis.stubFor(LinearGraphQL.operation(LinearGraphQL.ISSUE).withRequestBody(matchingJsonPath("$.variables.id", equalTo(ticket)))
                .atPriority(1).willReturn(aResponse().withStatus(503).withBody("upstream connect error")));

        var kafka = Bus.probe();
        kafka.send(Topic.MISSION_EVENTS.topicName(), missionId,
                event(missionId, MissionEventType.ACCEPTED, MissionStatus.REQUESTED, "accepted " + missionId, Map.of(), ticket));
        kafka.send(Topic.MISSION_EVENTS.topicName(), missionId,
                event(missionId, MissionEventType.PLANNED, MissionStatus.RUNNING, "planned " + missionId, Map.of(), ticket));

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(2, apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.postMessage"))
                    .withRequestBody(containing(missionId))).size(), "one rate-limited try, then the post");
            assertEquals(1, apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.update"))
                    .withRequestBody(containing(missionId))).size());
            // max-attempts is 4 in tests: four tries of the lookup, then the comment is dead
            assertEquals(4, LinearGraphQL.variables(apis, LinearGraphQL.ISSUE, ticket).size());
        });
        // dead after the fourth: no fifth try comes, and the row says why
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(4,
                LinearGraphQL.variables(apis, LinearGraphQL.ISSUE, ticket).size()));
        assertEquals(List.of("dead after 4: Linear answered the issue " + ticket + " with HTTP 503"), notifications(missionId, Target.LINEAR_COMMENT));
    }

    @Test
    void aSucceededMissionGetsOnePullRequestOrMergeRequestAndItsLinkGoesToSlack() {
        stubSlackAndLinear();
        var kafka = Bus.probe();
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        String onGitHub = UUID.randomUUID().toString();
        stubMission(onGitHub, "https://github.com/acme/app-" + suffix + ".git");
        apis.stubFor(post(urlPathEqualTo("/github/repos/acme/app-" + suffix + "/pulls")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"number\": 12, \"html_url\": \"https://github.com/acme/app-" + suffix + "/pull/12\"}")));
        // the failed run the mission fixes belonged to pull request 5: it is told where the fix is
        apis.stubFor(get(urlPathEqualTo("/github/repos/acme/app/actions/runs/42")).willReturn(okJson(
                "{\"id\": 42, \"pull_requests\": [{\"number\": 5, \"head\": {\"ref\": \"feature\"}}]}")));
        apis.stubFor(post(urlPathEqualTo("/github/repos/acme/app/issues/5/comments")).willReturn(aResponse().withStatus(201).withBody("{}")));
        kafka.send(Topic.MISSION_EVENTS.topicName(), onGitHub, succeeded(onGitHub));

        // GitLab: an earlier try opened it and its answer was lost, so it is found instead
        String onGitLab = UUID.randomUUID().toString();
        stubMission(onGitLab, "https://gitlab.com/group/sub/app-" + suffix + ".git");
        apis.stubFor(post(urlPathMatching("/gitlab/api/v4/projects/[^/]+/merge_requests"))
                .withRequestBody(containing(onGitLab)).willReturn(aResponse().withStatus(409)
                        .withBody("{\"message\": [\"Another open merge request already exists for this source branch\"]}")));
        apis.stubFor(get(urlPathMatching("/gitlab/api/v4/projects/[^/]+/merge_requests")).willReturn(okJson(
                "[{\"iid\": 3, \"web_url\": \"https://gitlab.com/group/sub/app-" + suffix + "/-/merge_requests/3\"}]")));
        kafka.send(Topic.MISSION_EVENTS.topicName(), onGitLab, succeeded(onGitLab));

        await().atMost(WAIT).untilAsserted(() -> {
            assertTrue(apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.postMessage")).withRequestBody(containing("thread_ts"))
                    .withRequestBody(containing(onGitHub))).stream().map(OutboundProgressTest::form)
                    .anyMatch(r -> r.contains("Pull request: https://github.com/acme/app-" + suffix + "/pull/12")));
            assertTrue(apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/chat.postMessage")).withRequestBody(containing("thread_ts"))
                    .withRequestBody(containing(onGitLab))).stream().map(OutboundProgressTest::form)
                    .anyMatch(r -> r.contains("Pull request: https://gitlab.com/group/sub/app-" + suffix + "/-/merge_requests/3")));
        });
        assertTrue(apis.findAll(postRequestedFor(urlPathEqualTo("/github/repos/acme/app/issues/5/comments"))).stream()
                .anyMatch(r -> r.getBodyAsString().contains("https://github.com/acme/app-" + suffix + "/pull/12")));
        List<LoggedRequest> pulls = apis.findAll(postRequestedFor(urlPathEqualTo("/github/repos/acme/app-" + suffix + "/pulls")));
        assertEquals(1, pulls.size());
        String body = pulls.get(0).getBodyAsString();
        assertEquals("Bearer github-test-token", pulls.get(0).getHeader("Authorization"));
        for (String expected : List.of("\"head\":\"missions/" + onGitHub.substring(0, 8) + "\"", "\"base\":\"main\"",
                "Add a greeting endpoint", "12 tests, 0 failures", "APPROVE", "a1b2c3d add greeting",
                "https://github.com/acme/app/actions/runs/42")) {
            assertTrue(body.contains(expected), expected + " in " + body);
        }
        LoggedRequest mergeRequest = apis.findAll(postRequestedFor(urlPathMatching("/gitlab/api/v4/projects/[^/]+/merge_requests"))
                .withRequestBody(containing(onGitLab))).get(0);
        assertTrue(mergeRequest.getUrl().contains("group%2Fsub%2Fapp-" + suffix), mergeRequest.getUrl());
        assertEquals("gitlab-api-token", mergeRequest.getHeader("PRIVATE-TOKEN"));
    }

    @Test
    void aFixFromAFailedGitLabPipelineIsNotedOnTheOpenMergeRequestsOfItsCommit() {
        stubSlackAndLinear();
        String missionId = UUID.randomUUID().toString();
        String suffix = missionId.substring(0, 8);
        String project = "/gitlab/api/v4/projects/group%2Fsub%2Fci-" + suffix;
        String fix = "https://gitlab.com/group/sub/ci-" + suffix + "/-/merge_requests/9";
        stubMission(missionId, "https://gitlab.com/group/sub/ci-" + suffix + ".git");
        apis.stubFor(post(urlPathMatching(project + "/merge_requests")).withRequestBody(containing(missionId)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"iid\": 9, \"web_url\": \"" + fix + "\"}")));
        apis.stubFor(get(urlPathMatching(project + "/pipelines/77")).willReturn(okJson(
                "{\"id\": 77, \"sha\": \"0c1d2e3f4a5b\", \"ref\": \"main\", \"status\": \"failed\"}")));
        // the failed commit is in one open merge request and one merged long ago
        apis.stubFor(get(urlPathMatching(project + "/repository/commits/0c1d2e3f4a5b/merge_requests")).willReturn(okJson(
                "[{\"iid\": 4, \"state\": \"opened\"}, {\"iid\": 2, \"state\": \"merged\"}]")));
        apis.stubFor(post(urlPathMatching(project + "/merge_requests/\\d+/notes")).willReturn(aResponse().withStatus(201).withBody("{}")));
        String pipeline = "https://gitlab.com/group/sub/ci-" + suffix + "/-/pipelines/77";
        MissionEvent succeeded = MissionEvent.newBuilder(succeeded(missionId))
                .setOrigin(SourceRef.newBuilder().setSource(Source.GITLAB).setReference("group/sub/ci-" + suffix + "/-/pipelines/77")
                        .setUrl(pipeline).build())
                .build();
        Bus.probe().send(Topic.MISSION_EVENTS.topicName(), missionId, succeeded);

        await().atMost(WAIT).untilAsserted(() -> assertEquals(1,
                apis.findAll(postRequestedFor(urlPathMatching(project + "/merge_requests/4/notes"))).size()));
        LoggedRequest note = apis.findAll(postRequestedFor(urlPathMatching(project + "/merge_requests/4/notes"))).get(0);
        assertEquals("gitlab-api-token", note.getHeader("PRIVATE-TOKEN"));
        assertTrue(note.getBodyAsString().contains("The failed CI pipeline " + pipeline + " has a fix: " + fix), note.getBodyAsString());
        assertTrue(apis.findAll(postRequestedFor(urlPathMatching(project + "/merge_requests/2/notes"))).isEmpty(), "a merged one is left alone");
    }

    @Test
    void aLinearMissionsPullRequestIsAttachedToItsIssueAndLinkedInTheLastComment() throws Exception {
        stubSlackAndLinear();
        String missionId = UUID.randomUUID().toString();
        String suffix = missionId.substring(0, 8);
        String pullRequest = "https://github.com/acme/linear-" + suffix + "/pull/21";
        stubMission(missionId, "https://github.com/acme/linear-" + suffix + ".git");
        apis.stubFor(post(urlPathEqualTo("/github/repos/acme/linear-" + suffix + "/pulls")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"number\": 21, \"html_url\": \"" + pullRequest + "\"}")));
        // Linear rate-limits the first comment with a GraphQL error: retried with backoff like any failed send
        apis.stubFor(LinearGraphQL.operation(LinearGraphQL.COMMENT_CREATE)
                .withRequestBody(matchingJsonPath("$.variables.input.body", containing(missionId))).atPriority(1)
                .inScenario("linear " + missionId).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("limited")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"errors\": [{\"message\": \"Rate limit exceeded\", \"extensions\": {\"code\": \"RATELIMITED\"}}]}")));
        String ticket = "ENG-" + (10_000 + new java.util.Random().nextInt(90_000));
        MissionEvent succeeded = event(missionId, MissionEventType.SUCCEEDED, MissionStatus.SUCCEEDED, "mission succeeded " + missionId,
                Map.of("missionBranch", "missions/" + suffix), ticket);
        Bus.probe().send(Topic.MISSION_EVENTS.topicName(), missionId, succeeded);

        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("done"), notifications(missionId, Target.LINEAR_COMMENT)));
        List<JsonNode> comments = LinearGraphQL.variables(apis, LinearGraphQL.COMMENT_CREATE, missionId);
        assertEquals(2, comments.size(), "the rate-limited comment, then the one Linear took");
        assertEquals("✅ Mission `" + missionId + "` is done: mission succeeded " + missionId + "\nPull request: " + pullRequest,
                comments.get(1).path("input").path("body").asText());
        List<JsonNode> attachments = LinearGraphQL.variables(apis, LinearGraphQL.ATTACHMENT_LINK_URL, pullRequest);
        assertEquals(2, attachments.size(), "attached before each try of the comment: a repeat changes nothing in Linear");
        for (JsonNode attachment : attachments) {
            assertEquals(LinearGraphQL.ISSUE_ID, attachment.path("issueId").asText());
            assertEquals(pullRequest, attachment.path("url").asText());
            assertEquals("Pull request of mission " + missionId, attachment.path("title").asText());
        }
        assertEquals(2, LinearGraphQL.variables(apis, LinearGraphQL.ISSUE, ticket).size());
    }

    void stubMission(String missionId, String repository) {
        apis.stubFor(get(urlPathEqualTo("/coordinator/missions/" + missionId)).willReturn(okJson("""
                {"id": "%s", "goal": "Add a greeting endpoint", "title": "Greeting", "status": "SUCCEEDED",
                 "repository": "%s", "baseBranch": "main", "missionBranch": "missions/%s", "subtasks": []}
                """.formatted(missionId, repository, missionId.substring(0, 8)))));
    }

    static MissionEvent succeeded(String missionId) {
        return MissionEvent.newBuilder()
                .setMeta(Metas.next(missionId, missionId, null, Instant.now()))
                .setType(MissionEventType.SUCCEEDED)
                .setStatus(MissionStatus.SUCCEEDED)
                .setMessage("mission succeeded " + missionId)
                .setOrigin(SourceRef.newBuilder().setSource(Source.GITHUB).setReference("acme/app/actions/runs/42")
                        .setUrl("https://github.com/acme/app/actions/runs/42").build())
                .setAttributes(Map.of("missionBranch", "missions/" + missionId.substring(0, 8), "tests", "12 tests, 0 failures",
                        "verdict", "APPROVE", "commits", "a1b2c3d add greeting"))
                .build();
    }
}

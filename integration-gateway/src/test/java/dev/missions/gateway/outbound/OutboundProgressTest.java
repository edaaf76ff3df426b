package dev.missions.gateway.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
        apis.stubFor(post(urlPathEqualTo("/linear/graphql")).withRequestBody(containing("issue(id"))
                .willReturn(okJson("{\"data\": {\"issue\": {\"id\": \"9cfb482a-81e3-4154-b5b9-2c805e70a02d\"}}}")));
        apis.stubFor(post(urlPathEqualTo("/linear/graphql")).withRequestBody(containing("commentCreate"))
                .willReturn(okJson("{\"data\": {\"commentCreate\": {\"success\": true}}}")));
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
            assertEquals(3, apis.findAll(postRequestedFor(urlPathEqualTo("/linear/graphql"))
                    .withRequestBody(containing("commentCreate")).withRequestBody(containing(missionId))).size());
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

        List<String> comments = apis.findAll(postRequestedFor(urlPathEqualTo("/linear/graphql")).withRequestBody(containing("commentCreate"))
                .withRequestBody(containing(missionId))).stream().map(LoggedRequest::getBodyAsString).toList();
        assertTrue(comments.stream().allMatch(c -> c.contains("9cfb482a-81e3-4154-b5b9-2c805e70a02d")), comments.toString());
        assertTrue(comments.stream().anyMatch(c -> c.contains("started")) && comments.stream().anyMatch(c -> c.contains("is blocked"))
                && comments.stream().anyMatch(c -> c.contains("is done") && c.contains("pull/7")), comments.toString());
        assertTrue(apis.findAll(postRequestedFor(urlPathEqualTo("/linear/graphql"))).stream()
                .allMatch(r -> "lin_api_test".equals(r.getHeader("Authorization"))));
    }

    @Test
    void rateLimitsAreWaitedOutAndAFailingTargetIsDeadLetteredWithoutHoldingTheOthers() {
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
        apis.stubFor(post(urlPathEqualTo("/linear/graphql")).withRequestBody(containing("\"" + ticket + "\""))
                .withRequestBody(containing("issue(id")).atPriority(1).willReturn(aResponse().withStatus(503)));

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
            assertEquals(4, apis.findAll(postRequestedFor(urlPathEqualTo("/linear/graphql"))
                    .withRequestBody(containing("\"" + ticket + "\""))).size());
        });
        // dead after the fourth: no fifth try comes
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(4,
                apis.findAll(postRequestedFor(urlPathEqualTo("/linear/graphql")).withRequestBody(containing("\"" + ticket + "\""))).size()));
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

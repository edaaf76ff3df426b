package dev.missions.gateway.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.missions.events.MissionEvent;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import dev.missions.events.SourceRef;
import dev.missions.gateway.support.Bus;
import dev.missions.gateway.support.ExternalApis;
import dev.missions.gateway.support.LinearGraphQL;
import dev.missions.testsupport.PrometheusText;
import dev.missions.gateway.support.Signing;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import dev.missions.testsupport.KafkaResource;
import dev.missions.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Real deliveries and notifications, then the counters read back from /q/metrics as Prometheus scrapes them. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class GatewayMetricsTest {

    static final String WEBHOOKS = "missions_webhooks_total";
    static final String NOTIFICATIONS = "missions_notifications_total";

    final WireMockServer apis = ExternalApis.server();

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An issue created with the trigger label on team ENG, which is mapped to a repository: it starts a mission. */
    static String labelledIssue(long timestamp) {
        String label = UUID.randomUUID().toString();
        return """
                {"action": "create", "type": "Issue", "url": "https://linear.app/acme/issue/ENG-77/metrics",
                 "data": {"id": "%s", "identifier": "ENG-77", "title": "Count deliveries", "team": {"key": "ENG"},
                          "labelIds": ["%s"], "labels": [{"id": "%s", "name": "mission"}]},
                 "webhookTimestamp": %d}""".formatted(UUID.randomUUID(), label, label, timestamp);
    }

    static ValidatableResponse linear(String body, String signature, String delivery) {
        return given().contentType(ContentType.JSON).body(bytes(body)).header("Linear-Signature", signature)
                .header("Linear-Delivery", delivery).post("/webhooks/linear").then();
    }

    static ValidatableResponse signedLinear(String body) {
        return linear(body, Signing.linear(bytes(body)), UUID.randomUUID().toString());
    }

    static ValidatableResponse github(String event, String body, String signature) {
        var request = given().contentType(ContentType.JSON).body(bytes(body)).header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString());
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.post("/webhooks/github").then();
    }

    static ValidatableResponse slackCommand(String team, String text) {
        String body = "team_id=" + team + "&user_id=U0METRICS&command=%2Fmission&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        // the body goes out byte for byte as signed: RestAssured must not encode the form again
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)))
                .contentType("application/x-www-form-urlencoded").body(bytes(body))
                .header("X-Slack-Request-Timestamp", Long.toString(now)).header("X-Slack-Signature", Signing.slack(now, bytes(body)))
                .post("/slack/commands").then();
    }

    static Map<String, String> webhook(String provider, String outcome, String reason) {
        return Map.of("provider", provider, "outcome", outcome, "reason", reason);
    }

    @Test
    void everyDeliveryIsCountedOnceAcceptedOrRefusedWithItsReason() {
        PrometheusText before = scrape();

        String issue = labelledIssue(System.currentTimeMillis());
        String delivery = UUID.randomUUID().toString();
        linear(issue, Signing.linear(bytes(issue)), delivery).statusCode(202);
        linear(issue, Signing.linear(bytes(issue)), delivery).statusCode(400);
        linear(issue, Signing.hmac("not-the-secret", bytes(issue)), UUID.randomUUID().toString()).statusCode(401);
        signedLinear(labelledIssue(System.currentTimeMillis() - Duration.ofMinutes(10).toMillis())).statusCode(401);
        signedLinear("{\"type\": \"Issue\", ").statusCode(400);
        signedLinear("""
                {"action": "create", "type": "Comment", "data": {"id": "c-1"}, "webhookTimestamp": %d}"""
                .formatted(System.currentTimeMillis())).statusCode(200);
        // stopped by its Content-Length in the body-size filter, before any webhook runs (the test limit is 64 KiB)
        String huge = issue.replace("\"title\"", "\"padding\": \"" + "x".repeat(70_000) + "\", \"title\"");
        linear(huge, Signing.linear(bytes(huge)), UUID.randomUUID().toString()).statusCode(413);
        // refused by the framework itself, not by the webhook
        given().get("/webhooks/linear").then().statusCode(405);

        String ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}";
        github("ping", ping, Signing.github(bytes(ping))).statusCode(200);
        github("push", ping, Signing.github(bytes(ping))).statusCode(400);
        github("workflow_run", ping, null).statusCode(401);

        given().contentType(ContentType.JSON).body(bytes("{}")).header("X-Gitlab-Token", "not-the-token")
                .header("X-Gitlab-Event", "Pipeline Hook").post("/webhooks/gitlab").then().statusCode(401);

        slackCommand("T0METRICS", "help").statusCode(200);
        slackCommand("T0001", "help").statusCode(200);

        // not a delivery: counted nowhere
        given().get("/q/health").then();

        PrometheusText after = scrape();
        Map<Map<String, String>, Integer> expected = new LinkedHashMap<>();
        expected.put(webhook("linear", "accepted", "none"), 1);
        expected.put(webhook("linear", "refused", "duplicate"), 1);
        expected.put(webhook("linear", "refused", "bad_signature"), 1);
        expected.put(webhook("linear", "refused", "stale"), 1);
        expected.put(webhook("linear", "refused", "malformed"), 2);
        expected.put(webhook("linear", "refused", "ignored"), 1);
        expected.put(webhook("linear", "refused", "too_large"), 1);
        expected.put(webhook("github", "refused", "ignored"), 1);
        expected.put(webhook("github", "refused", "unsupported"), 1);
        expected.put(webhook("github", "refused", "bad_signature"), 1);
        expected.put(webhook("gitlab", "refused", "bad_signature"), 1);
        expected.put(webhook("slack", "refused", "unknown_workspace"), 1);
        expected.put(webhook("slack", "accepted", "none"), 1);
        Map<String, Integer> perProvider = Map.of("linear", 8, "github", 3, "gitlab", 1, "slack", 2);
        assertAll(expected.entrySet().stream().map(e -> () -> assertEquals(e.getValue(),
                after.sum(WEBHOOKS, e.getKey()) - before.sum(WEBHOOKS, e.getKey()), 0.0, e.getKey().toString())));
        // each delivery once: per provider the counts moved by exactly what was sent, so none was missed or counted twice
        assertAll(perProvider.entrySet().stream().map(e -> () -> assertEquals(e.getValue(),
                after.sum(WEBHOOKS, Map.of("provider", e.getKey())) - before.sum(WEBHOOKS, Map.of("provider", e.getKey())), 0.0,
                e.getKey())));
        assertEquals(perProvider.values().stream().mapToInt(Integer::intValue).sum(),
                after.sum(WEBHOOKS, Map.of()) - before.sum(WEBHOOKS, Map.of()), 0.0, "only deliveries are counted");
    }

    @Test
    void notificationsAreCountedAsSentRetriedAndDead() {
        apis.stubFor(post(urlPathEqualTo("/slack-api/chat.postMessage"))
                .willReturn(okJson("{\"ok\": true, \"channel\": \"C0MISSIONS\", \"ts\": \"1700000000.000300\"}")));
        // Linear is down for good for this ticket: its comment is tried max-attempts (4) times, then dead
        String ticket = "MET-" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        apis.stubFor(LinearGraphQL.operation(LinearGraphQL.ISSUE).withRequestBody(matchingJsonPath("$.variables.id", equalTo(ticket)))
                .atPriority(1).willReturn(aResponse().withStatus(503)));
        PrometheusText before = scrape();

        String missionId = UUID.randomUUID().toString();
        Bus.probe().send(Topic.MISSION_EVENTS.topicName(), missionId, MissionEvent.newBuilder()
                .setMeta(Metas.next(missionId, missionId, null, Instant.now()))
                .setType(MissionEventType.ACCEPTED)
                .setStatus(MissionStatus.REQUESTED)
                .setMessage("mission accepted: " + missionId)
                .setOrigin(SourceRef.newBuilder().setSource(Source.LINEAR).setReference(ticket).build())
                .setAttributes(Map.of())
                .build());

        // at least: notifications of other tests in this application may still be on their way
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusText after = scrape();
            Map<String, String> sent = Map.of("target", "slack_progress", "outcome", "sent");
            Map<String, String> retried = Map.of("target", "linear_comment", "outcome", "retried");
            Map<String, String> dead = Map.of("target", "linear_comment", "outcome", "dead");
            assertTrue(after.sum(NOTIFICATIONS, sent) - before.sum(NOTIFICATIONS, sent) >= 1, "sent");
            assertTrue(after.sum(NOTIFICATIONS, retried) - before.sum(NOTIFICATIONS, retried) >= 3, "retried");
            assertTrue(after.sum(NOTIFICATIONS, dead) - before.sum(NOTIFICATIONS, dead) >= 1, "dead");
        });
    }

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }
}

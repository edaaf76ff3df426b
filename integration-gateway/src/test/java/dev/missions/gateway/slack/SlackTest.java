package dev.missions.gateway.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.missions.events.CommandType;
import dev.missions.events.MissionCommand;
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
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class SlackTest {

    final WireMockServer apis = ExternalApis.server();

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A slash command as Slack sends it (https://api.slack.com/interactivity/slash-commands). */
    static String command(String text, String responseUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        fields.put("team_id", "T0001");
        fields.put("team_domain", "acme");
        fields.put("channel_id", "C2147483705");
        fields.put("channel_name", "missions");
        fields.put("user_id", "U2147483697");
        fields.put("user_name", "ada");
        fields.put("command", "/mission");
        fields.put("text", text);
        fields.put("api_app_id", "A123456");
        fields.put("response_url", responseUrl);
        fields.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return form(fields);
    }

    static String responseUrl() {
        return ExternalApis.server().baseUrl() + "/slack-hooks/commands/T0001/" + UUID.randomUUID();
    }

    static ValidatableResponse send(String path, String body, long timestamp, String signature) {
        // the body goes out byte for byte as signed: RestAssured must not encode the form again
        var request = given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)))
                .contentType("application/x-www-form-urlencoded").body(body.getBytes(StandardCharsets.UTF_8));
        request.header("X-Slack-Request-Timestamp", Long.toString(timestamp));
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return request.post(path).then();
    }

    static ValidatableResponse signed(String path, String body) {
        long now = Instant.now().getEpochSecond();
        return send(path, body, now, Signing.slack(now, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Block actions as Slack sends them: the form field payload holds the JSON. */
    static String button(String actionId, String missionId) {
        return button(actionId, missionId, "U2147483697", "ada");
    }

    static String button(String actionId, String missionId, String userId, String userName) {
        String payload = """
                {"type": "block_actions", "team": {"id": "T0001", "domain": "acme"},
                 "user": {"id": "%s", "username": "%s", "name": "%s", "team_id": "T0001"},
                 "api_app_id": "A123456", "token": "gIkuvaNzQIHg97ATvDxqgjtO", "trigger_id": "1.2.3",
                 "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "C2147483705"},
                 "channel": {"id": "C2147483705", "name": "missions"},
                 "response_url": "%s",
                 "actions": [{"action_id": "%s", "block_id": "mission-actions", "text": {"type": "plain_text", "text": "Approve"},
                              "value": "%s", "type": "button", "action_ts": "1700000001.000200"}]}
                """.formatted(userId, userName, userName, responseUrl(), actionId, missionId);
        return form(Map.of("payload", payload));
    }

    @Test
    void startPublishesAMissionRequestWithItsSlackOrigin() {
        String goal = "Add a greeting endpoint " + UUID.randomUUID();
        String text = signed("/slack/commands", command("start app " + goal, responseUrl())).statusCode(200)
                .body("response_type", org.hamcrest.Matchers.equalTo("ephemeral"))
                .body("text", containsString("requested on file:///tmp/missions/app.git")).extract().path("text");
        String missionId = text.substring(text.indexOf('`') + 1, text.indexOf('`', text.indexOf('`') + 1));

        MissionRequested request = Bus.awaitRequest(r -> r.getMeta().getMissionId().equals(missionId));
        assertEquals(goal, request.getGoal());
        assertEquals("file:///tmp/missions/app.git", request.getRepository());
        assertEquals(MissionKind.FEATURE, request.getKind());
        assertEquals(Source.SLACK, request.getOrigin().getSource());
        assertEquals("C2147483705", request.getOrigin().getReference());
        assertTrue(request.getContext().contains("ada"), request.getContext());

        String url = "https://github.com/acme/other.git";
        signed("/slack/commands", command("start " + url + " Fix the README " + goal, responseUrl())).statusCode(200)
                .body("text", containsString("requested on " + url));
        Bus.awaitRequest(r -> r.getGoal().equals("Fix the README " + goal) && r.getRepository().equals(url));
    }

    @Test
    void unknownCommandsAndRepositoriesGetTheUsageAndPublishNothing() {
        String marker = UUID.randomUUID().toString();
        signed("/slack/commands", command("launch " + marker, responseUrl())).statusCode(200)
                .body("text", containsString("Unknown command `launch`")).body("text", containsString("/mission start"));
        signed("/slack/commands", command("", responseUrl())).statusCode(200).body("text", startsWith("Usage:"));
        signed("/slack/commands", command("start", responseUrl())).statusCode(200).body("text", containsString("needs a repository"));
        signed("/slack/commands", command("start nowhere do " + marker, responseUrl())).statusCode(200)
                .body("text", containsString("Unknown repository `nowhere`"));
        signed("/slack/commands", command("start http://evil.example/x.git do " + marker, responseUrl())).statusCode(200)
                .body("text", containsString("Unknown repository"));
        signed("/slack/commands", command("status not-a-uuid", responseUrl())).statusCode(200)
                .body("text", containsString("is not a mission id"));
        signed("/slack/commands", command("start app sentinel " + marker, responseUrl())).statusCode(200);

        Bus.awaitRequest(r -> r.getGoal().equals("sentinel " + marker));
        assertEquals(1, Bus.requests(r -> r.getGoal().contains(marker)).size());
    }

    @Test
    void statusAndListAskTheCoordinatorWithItsToken() {
        String missionId = UUID.randomUUID().toString();
        apis.stubFor(get(urlPathEqualTo("/coordinator/missions/" + missionId)).willReturn(okJson("""
                {"id": "%s", "goal": "Add a greeting", "title": "Greeting endpoint", "status": "RUNNING",
                 "repository": "file:///tmp/missions/app.git",
                 "subtasks": [{"key": "code", "status": "SUCCEEDED"}, {"key": "test", "status": "RUNNING"}]}
                """.formatted(missionId))));
        signed("/slack/commands", command("status " + missionId, responseUrl())).statusCode(200)
                .body("text", containsString("*Greeting endpoint* is RUNNING"))
                .body("text", containsString("1 of 2 subtasks done"));
        apis.verify(getRequestedFor(urlPathEqualTo("/coordinator/missions/" + missionId))
                .withHeader("Authorization", equalTo("Bearer coordinator-test-token")));

        apis.stubFor(get(urlPathEqualTo("/coordinator/missions")).willReturn(okJson("""
                {"items": [{"id": "%s", "goal": "Add a greeting", "title": "Greeting endpoint", "status": "RUNNING"}],
                 "total": 1, "limit": 10, "offset": 0}
                """.formatted(missionId))));
        signed("/slack/commands", command("list", responseUrl())).statusCode(200)
                .body("text", containsString("`" + missionId + "` RUNNING — Greeting endpoint"));

        String unknown = UUID.randomUUID().toString();
        apis.stubFor(get(urlPathEqualTo("/coordinator/missions/" + unknown)).willReturn(aResponse().withStatus(404)));
        signed("/slack/commands", command("status " + unknown, responseUrl())).statusCode(200)
                .body("text", containsString("No mission " + unknown));
    }

    @Test
    void aSlowLookupAnswersWithinThreeSecondsAndThenThroughTheResponseUrl() {
        String missionId = UUID.randomUUID().toString();
        apis.stubFor(get(urlPathEqualTo("/coordinator/missions/" + missionId)).willReturn(okJson("""
                {"id": "%s", "goal": "Slow one", "status": "PAUSED", "subtasks": []}
                """.formatted(missionId)).withFixedDelay(3500)));
        String responseUrl = responseUrl();
        String hook = responseUrl.substring(apis.baseUrl().length());
        apis.stubFor(post(urlPathEqualTo(hook)).willReturn(aResponse().withStatus(200).withBody("ok")));

        long started = System.nanoTime();
        signed("/slack/commands", command("status " + missionId, responseUrl)).statusCode(200)
                .body("text", containsString("Working on it"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < 3000, "answered in " + tookMillis + " ms");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> apis.verify(postRequestedFor(urlPathEqualTo(hook))
                .withRequestBody(containing("*Slow one* is PAUSED"))));
    }

    @Test
    void buttonsBecomeMissionCommands() {
        String missionId = UUID.randomUUID().toString();
        signed("/slack/interactions", button("approve", missionId)).statusCode(200).body("text", containsString("Approve sent"));
        signed("/slack/interactions", button("mission.pause", missionId)).statusCode(200);
        signed("/slack/interactions", button("cancel", missionId)).statusCode(200);

        MissionCommand approve = Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(missionId) && c.getCommand() == CommandType.APPROVE);
        assertEquals("slack:ada", approve.getActor());
        Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(missionId) && c.getCommand() == CommandType.CANCEL);
        assertEquals(3, Bus.commands(c -> c.getMeta().getMissionId().equals(missionId)).size());
    }

    /** A slash command from another person than ada. */
    static String commandBy(String userId, String userName, String text) {
        return command(text, responseUrl()).replace("user_id=U2147483697", "user_id=" + userId)
                .replace("user_name=ada", "user_name=" + userName);
    }

    /** The tests list U2147483697 (ada), S0APPROVERS and S0BROKEN as approvers; Slack knows the first group only. */
    void slackKnowsTheApproverGroups() {
        apis.stubFor(post(urlPathEqualTo("/slack-api/usergroups.users.list")).withRequestBody(containing("usergroup=S0APPROVERS"))
                .willReturn(okJson("{\"ok\": true, \"users\": [\"U0GROUPIE\", \"U0OTHER\"]}")));
        apis.stubFor(post(urlPathEqualTo("/slack-api/usergroups.users.list")).withRequestBody(containing("usergroup=S0BROKEN"))
                .willReturn(okJson("{\"ok\": false, \"error\": \"no_such_subteam\"}")));
        apis.stubFor(post(urlPathMatching("/slack-hooks/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void onlyApproversMayApproveRejectOrCancelAndTheOthersAreToldAndLogged() {
        slackKnowsTheApproverGroups();
        String missionId = UUID.randomUUID().toString();
        List<String> warnings = warningsDuring(() -> {
            for (String action : List.of("approve", "reject", "mission.cancel")) {
                signed("/slack/interactions", button(action, missionId, "U0STRANGER", "mallory")).statusCode(200)
                        .body("response_type", org.hamcrest.Matchers.equalTo("ephemeral"))
                        .body("text", containsString("Only the approvers named in `missions.gateway.slack.approvers`"));
            }
            for (String verb : List.of("approve", "reject", "cancel")) {
                signed("/slack/commands", commandBy("U0STRANGER", "mallory", verb + " " + missionId + " because I can")).statusCode(200)
                        .body("text", containsString("you are not one of them: nothing was sent"));
            }
        });

        String why = "refused: user U0STRANGER is not one of missions.gateway.slack.approvers; the members of S0BROKEN could "
                + "not be read (Slack answered no_such_subteam); nothing published";
        assertTrue(warnings.contains("Slack button APPROVE on mission " + missionId + " " + why), warnings.toString());
        assertTrue(warnings.contains("Slack /mission cancel on mission " + missionId + " " + why), warnings.toString());
        // the button's refusal is shown through its response_url, as an ephemeral message
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> apis.verify(3, postRequestedFor(urlPathMatching("/slack-hooks/.*"))
                .withRequestBody(containing("\"response_type\":\"ephemeral\""))
                .withRequestBody(containing("Only the approvers named in"))));

        // anyone in the workspace may still pause: it is the only command of this mission on the bus
        signed("/slack/interactions", button("pause", missionId, "U0STRANGER", "mallory")).statusCode(200);
        Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(missionId) && c.getCommand() == CommandType.PAUSE);
        assertEquals(1, Bus.commands(c -> c.getMeta().getMissionId().equals(missionId)).size());
    }

    @Test
    void aMemberOfAnApproverGroupMayAndTheGroupIsReadOnceForAWhile() {
        slackKnowsTheApproverGroups();
        String approved = UUID.randomUUID().toString();
        String rejected = UUID.randomUUID().toString();
        int lookupsBefore = groupLookups("S0APPROVERS").size();

        signed("/slack/interactions", button("approve", approved, "U0GROUPIE", "grace")).statusCode(200)
                .body("text", containsString("Approve sent"));
        signed("/slack/commands", commandBy("U0GROUPIE", "grace", "reject " + rejected + " not this quarter")).statusCode(200)
                .body("text", containsString("Reject sent for mission `" + rejected + "`"));

        MissionCommand approve = Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(approved) && c.getCommand() == CommandType.APPROVE);
        assertEquals("slack:grace", approve.getActor());
        MissionCommand reject = Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(rejected) && c.getCommand() == CommandType.REJECT);
        assertEquals("slack:grace", reject.getActor());
        assertEquals("not this quarter", reject.getReason());
        List<LoggedRequest> lookups = groupLookups("S0APPROVERS");
        assertTrue(lookups.size() - lookupsBefore <= 1, "the group's members are remembered: " + (lookups.size() - lookupsBefore) + " lookups");
        assertEquals("Bearer xoxb-test-token", lookups.getLast().getHeader("Authorization"));
    }

    @Test
    void aListedUserCancelsByCommandAsWithTheButton() {
        String missionId = UUID.randomUUID().toString();
        signed("/slack/commands", command("cancel " + missionId, responseUrl())).statusCode(200)
                .body("text", containsString("Cancel sent for mission `" + missionId + "`"));
        signed("/slack/commands", command("approve not-a-mission", responseUrl())).statusCode(200)
                .body("text", containsString("`/mission approve` needs a mission id"));

        MissionCommand cancel = Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(missionId) && c.getCommand() == CommandType.CANCEL);
        assertEquals("slack:ada", cancel.getActor());
        assertEquals("sent with /mission cancel in Slack", cancel.getReason());
    }

    private List<LoggedRequest> groupLookups(String group) {
        return apis.findAll(postRequestedFor(urlPathEqualTo("/slack-api/usergroups.users.list"))
                .withRequestBody(containing("usergroup=" + group)));
    }

    /** The WARN lines of the gateway's loggers while {@code work} runs, as formatted (Quarkus logs printf-style: the record holds the format). */
    static List<String> warningsDuring(Runnable work) {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record instanceof ExtLogRecord line ? line.getFormattedMessage() : String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger gateway = Logger.getLogger("dev.missions.gateway");
        gateway.addHandler(capture);
        try {
            work.run();
        } finally {
            gateway.removeHandler(capture);
        }
        return warnings;
    }

    @Test
    void onlyTheConfiguredWorkspacesMayActAndTheOthersAreToldAndLogged() {
        // the tests configure team-ids T0001,T0002: a request signed with the app's secret from T0BAD is refused
        String marker = UUID.randomUUID().toString();
        String missionId = UUID.randomUUID().toString();
        List<String> warnings = warningsDuring(() -> {
            signed("/slack/commands", command("start app from elsewhere " + marker, responseUrl()).replace("team_id=T0001", "team_id=T0BAD"))
                    .statusCode(200).body("response_type", org.hamcrest.Matchers.equalTo("ephemeral"))
                    .body("text", containsString("This Slack workspace may not run `/mission` here"));
            signed("/slack/commands", command("start app no team " + marker, responseUrl()).replace("team_id=T0001&", ""))
                    .statusCode(200).body("text", containsString("may not run"));
            signed("/slack/interactions", button("approve", missionId).replace("T0001", "T0BAD")).statusCode(403)
                    .body("error", containsString("team T0BAD"));
        });

        assertTrue(warnings.stream().anyMatch(w -> w.contains("Slack command from team T0BAD, which is not one of "
                + "missions.gateway.slack.team-ids")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("Slack command from no team_id")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("403") && w.contains("Slack button from team T0BAD")), warnings.toString());

        // the second configured workspace may; its request is on the bus behind the refused ones, which are not
        signed("/slack/commands", command("start app sentinel " + marker, responseUrl()).replace("team_id=T0001", "team_id=T0002"))
                .statusCode(200).body("text", containsString("requested on"));
        signed("/slack/interactions", button("cancel", missionId).replace("T0001", "T0002")).statusCode(200);
        Bus.awaitRequest(r -> r.getGoal().equals("sentinel " + marker));
        Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(missionId) && c.getCommand() == CommandType.CANCEL);
        assertEquals(1, Bus.requests(r -> r.getGoal().contains(marker)).size(), "only the sentinel");
        assertEquals(1, Bus.commands(c -> c.getMeta().getMissionId().equals(missionId)).size(), "only the cancel");
    }

    @Test
    void badSlackRequestsAreRefusedAndPublishNothing() {
        String missionId = UUID.randomUUID().toString();
        String body = button("approve", missionId);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        send("/slack/interactions", body, now, null).statusCode(401);
        send("/slack/interactions", body, now, "v0=" + Signing.hmac("wrong", bytes)).statusCode(401).body("error", containsString("invalid signature"));
        send("/slack/interactions", body, now, Signing.slack(now - 1, bytes)).statusCode(401);
        send("/slack/interactions", body, now, Signing.slack(now, bytes).substring(3)).statusCode(401);
        // correctly signed, but too old or too far ahead
        send("/slack/interactions", body, now - 301, Signing.slack(now - 301, bytes)).statusCode(401).body("error", containsString("stale"));
        send("/slack/interactions", body, now + 400, Signing.slack(now + 400, bytes)).statusCode(401);
        send("/slack/commands", command("list", responseUrl()), now - 3600,
                Signing.slack(now - 3600, command("list", responseUrl()).getBytes(StandardCharsets.UTF_8))).statusCode(401);
        // correctly signed, but not what a button sends
        for (String bad : new String[] {"payload=%7Bnot+json", "nothing=here", "payload=%ZZ", button("explode", missionId),
                button("approve", "not-a-mission"), form(Map.of("payload", "{\"type\": \"view_submission\"}"))}) {
            signed("/slack/interactions", bad).statusCode(400);
        }
        send("/slack/interactions", "payload=" + "x".repeat(70_000), now, Signing.slack(now, ("payload=" + "x".repeat(70_000))
                .getBytes(StandardCharsets.UTF_8))).statusCode(413);
        // a replay of a good one within the window
        String sig = Signing.slack(now, bytes);
        send("/slack/interactions", body, now, sig).statusCode(200);
        send("/slack/interactions", body, now, sig).statusCode(400).body("error", containsString("replayed"));
        signed("/slack/interactions", button("resume", missionId)).statusCode(200);

        Bus.awaitCommand(c -> c.getMeta().getMissionId().equals(missionId) && c.getCommand() == CommandType.RESUME);
        assertEquals(2, Bus.commands(c -> c.getMeta().getMissionId().equals(missionId)).size(),
                "the first approve and the resume, nothing else");
    }
}

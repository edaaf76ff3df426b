package dev.missions.gateway.linear;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class LinearWebhookTest {

    static ValidatableResponse post(String body, String signature, String delivery) {
        var request = given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Linear-Signature", signature);
        }
        if (delivery != null) {
            request.header("Linear-Delivery", delivery);
        }
        return request.post("/webhooks/linear").then();
    }

    static ValidatableResponse signed(String body) {
        return post(body, Signing.linear(body.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString());
    }

    static String marker() {
        return "M" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anIssueThatGainsTheLabelStartsOneMissionWithItsTicket() {
        String issueId = UUID.randomUUID().toString();
        String identifier = "ENG-" + (1000 + (int) (Math.random() * 9000));
        String title = "Greeting endpoint " + marker();
        String missionId = signed(LinearPayloads.labelAdded(issueId, identifier, title, System.currentTimeMillis()))
                .statusCode(202).body("status", equalTo("accepted")).extract().path("missionId");

        MissionRequested request = Bus.awaitRequest(r -> r.getMeta().getMissionId().equals(missionId));
        assertEquals(identifier + " " + title, request.getTitle());
        assertTrue(request.getGoal().startsWith(title), request.getGoal());
        assertTrue(request.getGoal().contains("say hello to the caller by name"), request.getGoal());
        assertTrue(request.getContext().contains("https://linear.app/acme/issue/" + identifier + "/greeting"), request.getContext());
        assertEquals("file:///tmp/missions/eng.git", request.getRepository());
        assertEquals("main", request.getBaseBranch());
        assertEquals(MissionKind.FEATURE, request.getKind());
        assertEquals(Source.LINEAR, request.getOrigin().getSource());
        assertEquals(identifier, request.getOrigin().getReference());
        assertEquals("https://linear.app/acme/issue/" + identifier + "/greeting", request.getOrigin().getUrl());
        assertEquals(missionId, request.getMeta().getCorrelationId());
    }

    @Test
    void anIssueCreatedWithTheLabelStartsAMissionAndAProjectPicksTheRepository() {
        String issueId = UUID.randomUUID().toString();
        String body = LinearPayloads.issue("create", issueId, "OPS-7", "Rotate keys " + marker(), "OPS",
                "[\"" + LinearPayloads.MISSION_LABEL + "\"]", null, System.currentTimeMillis())
                .replace("\"stateId\"", "\"project\": {\"id\": \"p-1\", \"name\": \"Payments\"}, \"stateId\"");
        String missionId = signed(body).statusCode(202).extract().path("missionId");
        assertEquals("file:///tmp/missions/payments.git",
                Bus.awaitRequest(r -> r.getMeta().getMissionId().equals(missionId)).getRepository());
    }

    @Test
    void removingTheLabelAddingItAgainAndOtherChangesStartNothingMore() {
        String issueId = UUID.randomUUID().toString();
        String title = "Once only " + marker();
        long now = System.currentTimeMillis();
        signed(LinearPayloads.labelAdded(issueId, "ENG-1", title, now)).statusCode(202);
        signed(LinearPayloads.labelRemoved(issueId, "ENG-1", title, now)).statusCode(200).body("status", equalTo("ignored"));
        signed(LinearPayloads.labelAdded(issueId, "ENG-1", title, now)).statusCode(200)
                .body("reason", containsString("already started"));
        // the label stays, something else changes: updatedFrom has no labelIds
        signed(LinearPayloads.issue("update", issueId, "ENG-1", title, "ENG", "[\"" + LinearPayloads.MISSION_LABEL + "\"]",
                "{\"title\": \"old title\"}", now)).statusCode(200).body("status", equalTo("ignored"));
        // another label added to an issue without the trigger label
        String other = UUID.randomUUID().toString();
        signed(LinearPayloads.issue("update", other, "ENG-2", title, "ENG", "[\"" + LinearPayloads.BUG_LABEL + "\"]",
                "{\"labelIds\": []}", now)).statusCode(200).body("status", equalTo("ignored"));
        signed(LinearPayloads.labelAdded(UUID.randomUUID().toString(), "ENG-3", "sentinel " + title, now)).statusCode(202);

        Bus.awaitRequest(r -> r.getTitle().contains("sentinel " + title));
        assertEquals(1, Bus.requests(r -> r.getTitle().equals("ENG-1 " + title)).size());
        assertEquals(0, Bus.requests(r -> r.getTitle().startsWith("ENG-2 ")  && r.getTitle().contains(title)).size());
    }

    @Test
    void otherEventTypesAndUnmappedTeamsStartNothing() {
        String comment = """
                {"action": "create", "type": "Comment", "data": {"id": "c-1", "body": "looks good"},
                 "url": "https://linear.app/acme/issue/ENG-1#comment-c-1", "webhookTimestamp": %d}
                """.formatted(System.currentTimeMillis());
        signed(comment).statusCode(200).body("status", equalTo("ignored"));
        String unmapped = LinearPayloads.issue("update", UUID.randomUUID().toString(), "XYZ-9", "No repo " + marker(), "XYZ",
                "[\"" + LinearPayloads.MISSION_LABEL + "\"]", "{\"labelIds\": []}", System.currentTimeMillis());
        signed(unmapped).statusCode(200).body("reason", containsString("no repository is configured for team XYZ"));
    }

    @Test
    void badRequestsAreRefusedAndPublishNothing() {
        String m = marker();
        long now = System.currentTimeMillis();
        String good = LinearPayloads.labelAdded(UUID.randomUUID().toString(), "ENG-5", "refused " + m, now);
        byte[] goodBytes = good.getBytes(StandardCharsets.UTF_8);

        // a wrong signature, one from another secret, none at all
        post(good, Signing.linear(goodBytes).replace('a', 'b').replace('1', '2'), UUID.randomUUID().toString())
                .statusCode(401).body("error", equalTo("invalid signature"));
        post(good, Signing.hmac("not-the-secret", goodBytes), UUID.randomUUID().toString()).statusCode(401);
        post(good, null, UUID.randomUUID().toString()).statusCode(401).body("error", containsString("Linear-Signature"));
        // the body changed after signing
        String tampered = good.replace("refused", "tampered");
        post(tampered, Signing.linear(goodBytes), UUID.randomUUID().toString()).statusCode(401);
        // stale and future timestamps, correctly signed
        String stale = LinearPayloads.labelAdded(UUID.randomUUID().toString(), "ENG-5", "stale " + m, now - 61_000);
        post(stale, Signing.linear(stale.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString())
                .statusCode(401).body("error", containsString("stale request"));
        String future = LinearPayloads.labelAdded(UUID.randomUUID().toString(), "ENG-5", "future " + m, now + 120_000);
        post(future, Signing.linear(future.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString()).statusCode(401);
        String noTimestamp = good.replaceAll("\"webhookTimestamp\": \\d+", "\"webhookTimestamp\": \"yesterday\"");
        post(noTimestamp, Signing.linear(noTimestamp.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString()).statusCode(401);
        // malformed JSON, correctly signed
        String broken = "{\"type\": \"Issue\", " + m;
        post(broken, Signing.linear(broken.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString())
                .statusCode(400).body("error", containsString("malformed JSON"));
        // no delivery id
        post(good, Signing.linear(goodBytes), null).statusCode(400).body("error", containsString("Linear-Delivery"));
        // oversize (the test limit is 64 KiB), correctly signed
        String huge = good.replace("\"priority\": 2,", "\"priority\": 2, \"padding\": \"" + "x".repeat(70_000) + "\",");
        post(huge, Signing.linear(huge.getBytes(StandardCharsets.UTF_8)), UUID.randomUUID().toString()).statusCode(413);

        // a replayed delivery: the first one counts, the second is refused
        String replay = LinearPayloads.labelAdded(UUID.randomUUID().toString(), "ENG-6", "replayed " + m, now);
        String delivery = UUID.randomUUID().toString();
        String signature = Signing.linear(replay.getBytes(StandardCharsets.UTF_8));
        post(replay, signature, delivery).statusCode(202);
        post(replay, signature, delivery).statusCode(400).body("error", containsString("replayed delivery"));

        // the sentinel comes after all of them: by the time it is on the bus, anything they published would be too
        signed(LinearPayloads.labelAdded(UUID.randomUUID().toString(), "ENG-7", "sentinel " + m, now)).statusCode(202);
        Bus.awaitRequest(r -> r.getTitle().contains("sentinel " + m));
        assertEquals(1, Bus.requests(r -> Bus.mentions(r, m) && !r.getTitle().contains("sentinel")).size(),
                "only the first of the replayed pair may be published");
        assertEquals(1, Bus.requests(r -> r.getTitle().contains("replayed " + m)).size());
    }
}

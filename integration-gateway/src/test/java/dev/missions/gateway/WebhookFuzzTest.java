package dev.missions.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated bodies and headers against every inbound endpoint. Unsigned or wrongly signed requests
 * must all be refused with a 4xx; correctly signed garbage may be ignored (200) or refused (4xx), never a 5xx.
 * Either way nothing may be published: the seeds are built so that no mutation can turn one into a real
 * trigger (unmapped team, unconfigured branch, no start command). The seed is printed for a rerun.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(ExternalApis.class)
class WebhookFuzzTest {

    private static final byte[] SPECIAL = "{}[]\",:%&=+\\0\u0000".getBytes(StandardCharsets.ISO_8859_1);

    /** Five endpoints: two thousand cases in all. */
    static final int CASES_PER_ENDPOINT = Integer.getInteger("fuzz.cases", 400);

    enum Endpoint {
        LINEAR("/webhooks/linear"), GITHUB("/webhooks/github"), GITLAB("/webhooks/gitlab"),
        SLACK_COMMANDS("/slack/commands"), SLACK_INTERACTIONS("/slack/interactions");

        final String path;

        Endpoint(String path) {
            this.path = path;
        }
    }

    /** Near-misses: valid shapes that start nothing, so that a mutation of them cannot start anything either. */
    static String seed(Endpoint endpoint) {
        long now = System.currentTimeMillis();
        return switch (endpoint) {
            case LINEAR -> """
                    {"action": "update", "type": "Issue", "data": {"id": "i-1", "identifier": "XYZ-1", "title": "t",
                     "team": {"key": "XYZ"}, "labelIds": ["l-1"], "labels": [{"id": "l-1", "name": "mission"}]},
                     "updatedFrom": {"labelIds": []}, "url": "https://linear.app/x", "webhookTimestamp": %d}""".formatted(now);
            case GITHUB -> """
                    {"action": "completed", "workflow_run": {"id": 1, "name": "CI", "head_branch": "feature/fuzz",
                     "head_sha": "abc", "conclusion": "failure", "workflow_id": 2, "html_url": "https://github.com/a/b/actions/runs/1"},
                     "repository": {"full_name": "a/b", "clone_url": "https://github.com/a/b.git"}}""";
            case GITLAB -> """
                    {"object_kind": "pipeline", "object_attributes": {"id": 1, "ref": "feature/fuzz", "sha": "abc",
                     "status": "failed", "tag": false}, "project": {"id": 2, "path_with_namespace": "a/b",
                     "web_url": "https://gitlab.com/a/b"}, "builds": [{"id": 3, "name": "t", "status": "failed"}]}""";
            case SLACK_COMMANDS -> "team_id=T0001&command=%2Fmission&text=status+xyz&user_name=fuzz&channel_id=C1&response_url="
                    + URLEncoder.encode("http://127.0.0.1:1/nowhere", StandardCharsets.UTF_8);
            case SLACK_INTERACTIONS -> "payload=" + URLEncoder.encode("""
                    {"type": "block_actions", "team": {"id": "T0001"}, "user": {"id": "U1"}, "actions": [{"action_id": "explode", "value": "v"}]}""",
                    StandardCharsets.UTF_8);
        };
    }

    @Test
    void noBodyOrHeaderMakesA5xxOrPublishesAnything() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("WebhookFuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);

        // everything before this point has been relayed once this sentinel is on the bus (the relay keeps id order)
        int requestsBefore = sentinelAndCount();
        int commandsBefore = Bus.commands(c -> true).size();

        List<String> failures = new ArrayList<>();
        int signedCases = 0;
        for (Endpoint endpoint : Endpoint.values()) {
            for (int i = 0; i < CASES_PER_ENDPOINT; i++) {
                byte[] body = body(random, endpoint);
                boolean sign = random.nextInt(3) == 0;
                Map<String, String> headers = headers(random, endpoint, body, sign);
                int status = send(endpoint, headers, body, random);
                signedCases += sign ? 1 : 0;
                boolean ok = sign ? status >= 200 && status < 500 && status != 202 : status >= 400 && status < 500;
                if (!ok) {
                    failures.add(endpoint + " case " + i + (sign ? " (signed)" : "") + " answered " + status + ": headers "
                            + headers + " body " + new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, seed " + seed + ":\n" + String.join("\n", failures));
        assertTrue(signedCases > CASES_PER_ENDPOINT, "the fuzz must reach past the signature check too");

        assertEquals(requestsBefore + 1, sentinelAndCount(), "the fuzz published a mission request, seed " + seed);
        assertEquals(commandsBefore, Bus.commands(c -> true).size(), "the fuzz published a command, seed " + seed);
    }

    private static int sentinelAndCount() {
        String goal = "fuzz sentinel " + UUID.randomUUID();
        String body = "team_id=T0001&command=%2Fmission&user_name=fuzz&channel_id=C1&text=" + URLEncoder.encode("start app " + goal, StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        int status = given().config(formAsText()).contentType("application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", Signing.slack(now, body.getBytes(StandardCharsets.UTF_8)))
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/slack/commands").statusCode();
        assertEquals(200, status);
        Bus.awaitRequest(r -> r.getGoal().equals(goal));
        return Bus.requests(r -> true).size();
    }

    private static byte[] body(Random random, Endpoint endpoint) {
        byte[] seed = seed(endpoint).getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(6)) {
            case 0 -> randomBytes(random, random.nextInt(400));
            case 1 -> new byte[0];
            case 2 -> randomJson(random, 0).getBytes(StandardCharsets.UTF_8);
            case 3 -> java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 4 -> random.nextInt(10) == 0 ? randomBytes(random, 70_000) : mutate(random, seed);
            default -> mutate(random, seed);
        };
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] bytes = seed.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = SPECIAL[random.nextInt(SPECIAL.length)];
                case 2 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter.length == 0 ? bytes : shorter;
                }
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    private static String randomJson(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "\"" + randomText(random, 12) + "\"";
            case 3 -> random.nextBoolean() ? "true" : "1e999";
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(randomJson(random, depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                String[] keys = {"type", "action", "data", "labelIds", "webhookTimestamp", "workflow_run", "repository",
                        "object_kind", "object_attributes", "builds", "actions", "user", "payload", randomText(random, 5)};
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.append('"').append(keys[random.nextInt(keys.length)]).append("\":").append(randomJson(random, depth + 1))
                            .append(i > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    private static Map<String, String> headers(Random random, Endpoint endpoint, byte[] body, boolean sign) {
        Map<String, String> headers = new LinkedHashMap<>();
        long nowSeconds = Instant.now().getEpochSecond();
        switch (endpoint) {
            case LINEAR -> {
                maybe(random, headers, "Linear-Signature", sign ? Signing.linear(body) : junk(random));
                maybe(random, headers, "Linear-Delivery", UUID.randomUUID().toString());
                maybe(random, headers, "Linear-Event", junk(random));
            }
            case GITHUB -> {
                maybe(random, headers, "X-Hub-Signature-256", sign ? Signing.github(body) : "sha256=" + junk(random));
                maybe(random, headers, "X-GitHub-Delivery", UUID.randomUUID().toString());
                headers.put("X-GitHub-Event", random.nextInt(4) == 0 ? junk(random) : random.nextBoolean() ? "workflow_run" : "ping");
            }
            case GITLAB -> {
                maybe(random, headers, "X-Gitlab-Token", sign ? Signing.GITLAB_TOKEN : junk(random));
                maybe(random, headers, "X-Gitlab-Event-UUID", UUID.randomUUID().toString());
                headers.put("X-Gitlab-Event", random.nextInt(4) == 0 ? junk(random) : "Pipeline Hook");
            }
            case SLACK_COMMANDS, SLACK_INTERACTIONS -> {
                String timestamp = random.nextInt(5) == 0 ? junk(random) : Long.toString(nowSeconds - random.nextInt(60));
                maybe(random, headers, "X-Slack-Request-Timestamp", timestamp);
                String signature = sign ? slack(timestamp, body) : "v0=" + junk(random);
                maybe(random, headers, "X-Slack-Signature", signature);
            }
        }
        return headers;
    }

    private static String slack(String timestamp, byte[] body) {
        byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        System.arraycopy(body, 0, data, prefix.length, body.length);
        return "v0=" + Signing.hmac(Signing.SLACK_SECRET, data);
    }

    /** Headers are kept nine times in ten: a missing one must be refused like a wrong one. */
    private static void maybe(Random random, Map<String, String> headers, String name, String value) {
        if (random.nextInt(10) != 0) {
            headers.put(name, value);
        }
    }

    private static int send(Endpoint endpoint, Map<String, String> headers, byte[] body, Random random) {
        String[] types = {"application/json", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream"};
        RequestSpecification request = given().config(formAsText()).contentType(types[random.nextInt(types.length)]).body(body);
        headers.forEach(request::header);
        return request.post(endpoint.path).statusCode();
    }

    private static io.restassured.config.RestAssuredConfig formAsText() {
        return RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)
                .encodeContentTypeAs("application/octet-stream", ContentType.TEXT)
                .encodeContentTypeAs("text/plain", ContentType.TEXT));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(Random random, int max) {
        String alphabet = "abcXYZ019 _-/\\\"'%&=+{}[]<>éü€\u2028";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Printable ASCII only: a header value is what HTTP lets through. */
    private static String junk(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(70); i > 0; i--) {
            text.append((char) (33 + random.nextInt(94)));
        }
        return text.toString();
    }
}

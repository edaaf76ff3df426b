package dev.missions.gateway.slack;

import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.inbound.Delivery;
import dev.missions.gateway.metrics.Refusal;
import dev.missions.gateway.signature.Freshness;
import dev.missions.gateway.signature.Signatures;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A verified Slack request: the v0 signature (HMAC-SHA256 of {@code v0:<timestamp>:<raw body>}) matched and
 * the timestamp is within the window. Slack sends no delivery id, so the signature itself names the request:
 * a replay within the window carries the same one and is refused as a replayed delivery.
 */
record SlackRequest(Map<String, String> form, Delivery delivery) {

    static final String PROVIDER = "slack";

    static SlackRequest verify(GatewayConfig.Slack config, String timestamp, String signature, byte[] body) {
        String secret = config.signingSecret().filter(s -> !s.isBlank()).orElseThrow(() -> Rejection.unauthorized(
                Refusal.MISSING_SECRET, "Slack app not configured",
                "no Slack signing secret configured (set missions.gateway.slack.signing-secret)"));
        if (timestamp == null || signature == null) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "missing X-Slack-Request-Timestamp or X-Slack-Signature header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "malformed X-Slack-Request-Timestamp header");
        }
        if (!signature.startsWith("v0=")) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "malformed X-Slack-Signature header: expected v0=<hex>");
        }
        String expected = Signatures.hmacSha256Hex(secret, ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body);
        if (!Signatures.hexEquals(expected, signature.substring(3))) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "invalid signature", "X-Slack-Signature does not match the timestamp and body");
        }
        // checked after the signature: only a signed timestamp says anything about freshness
        Freshness.require(Instant.ofEpochSecond(Math.max(Math.min(seconds, 100_000_000_000L), -100_000_000_000L)),
                config.maxAge(), Instant.now(), "X-Slack-Request-Timestamp");
        return new SlackRequest(form(body), new Delivery(PROVIDER, expected));
    }

    String field(String name) {
        String value = form.get(name);
        return value == null ? null : value.strip();
    }

    String require(String name) {
        String value = field(name);
        if (value == null || value.isEmpty()) {
            throw Rejection.badRequest("malformed form data: field " + name + " is missing");
        }
        return value;
    }

    /** application/x-www-form-urlencoded, strictly: bad escapes or bytes that are not UTF-8 are a 400. */
    static Map<String, String> form(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw Rejection.badRequest("malformed form data: not UTF-8");
        }
        Map<String, String> fields = new HashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                fields.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw Rejection.badRequest("malformed form data: bad escape in field " + (equals < 0 ? "" : "'"
                        + pair.substring(0, Math.min(equals, 40)) + "'"));
            }
        }
        return fields;
    }
}

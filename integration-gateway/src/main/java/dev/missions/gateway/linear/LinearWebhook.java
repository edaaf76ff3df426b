package dev.missions.gateway.linear;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionRequested;
import dev.missions.events.Source;
import dev.missions.events.SourceRef;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.Answers;
import dev.missions.gateway.http.BodySizeLimit;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.inbound.Delivery;
import dev.missions.gateway.inbound.Intake;
import dev.missions.gateway.inbound.Verdict;
import dev.missions.gateway.metrics.DeliveryOutcome;
import dev.missions.gateway.metrics.Refusal;
import dev.missions.gateway.signature.Freshness;
import dev.missions.gateway.signature.Signatures;
import dev.missions.schemas.Metas;
import dev.missions.schemas.Topic;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Linear: an Issue created or updated so that it gains the trigger label starts a mission, one per issue for
 * good (a label removed and added again starts nothing). Signature first, on the raw bytes; then the signed
 * webhookTimestamp must be within the window; then the delivery id must be new.
 */
@Path("/webhooks/linear")
public class LinearWebhook {

    static final String PROVIDER = "linear";

    @Inject
    GatewayConfig config;

    @Inject
    Intake intake;

    @Inject
    DeliveryOutcome outcome;

    @POST
    public Response receive(@HeaderParam("Linear-Signature") String signature,
            @HeaderParam("Linear-Delivery") String deliveryId,
            byte[] rawBody) {
        byte[] body = BodySizeLimit.check(rawBody, config.maxBodyBytes());
        verify(signature, body);
        JsonNode payload = Json.object(body);
        JsonNode timestamp = payload.path("webhookTimestamp");
        if (!timestamp.isIntegralNumber()) {
            throw Rejection.unauthorized(Refusal.STALE, "missing webhookTimestamp: the request cannot be checked for freshness");
        }
        Freshness.require(Instant.ofEpochMilli(timestamp.asLong()), config.linear().maxAge(), Instant.now(), "webhookTimestamp");
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 200) {
            throw Rejection.badRequest("missing Linear-Delivery header");
        }
        String type = Json.text(payload, "/type");
        String action = Json.text(payload, "/action");
        Delivery delivery = new Delivery(PROVIDER, deliveryId);
        JsonNode data = payload.path("data");
        if (!"Issue".equals(type) || !("create".equals(action) || "update".equals(action))) {
            // Linear sends whatever the webhook subscribes to; those are fine, they just start nothing
            return Answers.of(outcome, intake.record(delivery), null, deliveryId, type + " " + action + " starts nothing");
        }
        if (!data.isObject()) {
            throw Rejection.badRequest("malformed payload: /data must be an object");
        }
        String triggerLabel = config.linear().triggerLabel();
        if (!LinearIssue.gainsTrigger(action, data, payload.path("updatedFrom"), triggerLabel)) {
            return Answers.of(outcome, intake.record(delivery), null, deliveryId, "the issue did not gain the label '" + triggerLabel + "'");
        }
        String issueId = Json.text(data, "/id");
        String identifier = Optional.ofNullable(Json.optionalText(data, "/identifier")).orElse(issueId);
        Optional<String> repository = LinearIssue.repository(data, repositories());
        if (repository.isEmpty()) {
            Log.warnf("Linear issue %s gained '%s' but no repository is mapped for its team %s or project; set "
                    + "missions.gateway.linear.repositories.\"<team key or project>\"", identifier, triggerLabel, LinearIssue.teamKey(data));
            return Answers.of(outcome, intake.record(delivery), null, deliveryId,
                    "no repository is configured for team " + LinearIssue.teamKey(data) + " or the issue's project");
        }
        String missionId = UUID.randomUUID().toString();
        MissionRequested request = request(missionId, payload, data, identifier, repository.get());
        Verdict verdict = intake.publish(delivery, "linear:" + issueId, Topic.MISSION_REQUESTS, missionId, request);
        Log.infof("Linear delivery %s: %s for issue %s", deliveryId, verdict, identifier);
        return Answers.of(outcome, verdict, missionId, deliveryId, "issue " + identifier);
    }

    private void verify(String signature, byte[] body) {
        String secret = config.linear().webhookSecret().filter(s -> !s.isBlank()).orElseThrow(() -> Rejection.unauthorized(
                Refusal.MISSING_SECRET, "webhook not configured",
                "no Linear webhook secret configured (set missions.gateway.linear.webhook-secret)"));
        if (signature == null || signature.isBlank()) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "missing Linear-Signature header");
        }
        if (!Signatures.hexEquals(Signatures.hmacSha256Hex(secret, body), signature)) {
            throw Rejection.unauthorized(Refusal.BAD_SIGNATURE, "invalid signature", "Linear-Signature does not match the body");
        }
    }

    private MissionRequested request(String missionId, JsonNode payload, JsonNode data, String identifier, String repository) {
        String title = Json.text(data, "/title");
        String description = Json.optionalText(data, "/description");
        String url = Optional.ofNullable(Json.optionalText(data, "/url")).orElse(Json.optionalText(payload, "/url"));
        StringBuilder context = new StringBuilder("Linear issue ").append(identifier).append(": ").append(title).append('\n');
        if (url != null) {
            context.append(url).append('\n');
        }
        if (description != null && !description.isBlank()) {
            context.append('\n').append(description).append('\n');
        }
        return MissionRequested.newBuilder()
                .setMeta(Metas.first(missionId))
                .setGoal(description == null || description.isBlank() ? title : title + "\n\n" + description)
                .setTitle(identifier + " " + title)
                .setRepository(repository)
                .setBaseBranch(config.linear().baseBranch())
                .setKind(MissionKind.FEATURE)
                .setContext(context.toString())
                .setOrigin(SourceRef.newBuilder().setSource(Source.LINEAR).setReference(identifier).setUrl(url).build())
                .build();
    }

    /** Keys as configured, and team keys also upper-cased, as Linear writes them. */
    private Map<String, String> repositories() {
        Map<String, String> repositories = new HashMap<>(config.linear().repositories());
        config.linear().repositories().forEach((key, value) -> repositories.putIfAbsent(key.toUpperCase(java.util.Locale.ROOT), value));
        return repositories;
    }
}

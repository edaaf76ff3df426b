package dev.missions.gateway.http;

import dev.missions.gateway.inbound.Verdict;
import dev.missions.gateway.metrics.DeliveryOutcome;
import dev.missions.gateway.metrics.Refusal;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers of a webhook to its provider: 202 when something was published, 200 when nothing had to be. */
public final class Answers {

    private Answers() {
    }

    public static Response accepted(String missionId) {
        return json(202, Map.of("status", "accepted", "missionId", missionId));
    }

    /** A 200, but a refusal all the same: {@code outcome} notes it, as the status does not tell. */
    public static Response ignored(DeliveryOutcome outcome, String reason) {
        return ignored(outcome, Refusal.IGNORED, reason);
    }

    /** The answer for a delivery that was recorded but published nothing, or a refusal for a replay. */
    public static Response of(DeliveryOutcome outcome, Verdict verdict, String missionId, String deliveryId, String ignoredReason) {
        return switch (verdict) {
            case PUBLISHED -> accepted(missionId);
            case RECORDED -> ignored(outcome, ignoredReason);
            case ALREADY_STARTED -> ignored(outcome, Refusal.ALREADY_STARTED, "a mission was already started for this " + ignoredReason);
            case REPLAYED -> throw replayed(deliveryId);
        };
    }

    public static Rejection replayed(String deliveryId) {
        return Rejection.badRequest(Refusal.DUPLICATE, "replayed delivery " + deliveryId + ": it was received before");
    }

    private static Response ignored(DeliveryOutcome outcome, Refusal reason, String text) {
        outcome.refused(reason);
        return json(200, Map.of("status", "ignored", "reason", text));
    }

    private static Response json(int status, Map<String, String> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new LinkedHashMap<>(body)).build();
    }
}

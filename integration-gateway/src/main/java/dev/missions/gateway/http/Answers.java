package dev.missions.gateway.http;

import dev.missions.gateway.inbound.Verdict;
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

    public static Response ignored(String reason) {
        return json(200, Map.of("status", "ignored", "reason", reason));
    }

    /** The answer for a delivery that was recorded but published nothing, or a refusal for a replay. */
    public static Response of(Verdict verdict, String missionId, String deliveryId, String ignoredReason) {
        return switch (verdict) {
            case PUBLISHED -> accepted(missionId);
            case RECORDED -> ignored(ignoredReason);
            case ALREADY_STARTED -> ignored("a mission was already started for this " + ignoredReason);
            case REPLAYED -> throw replayed(deliveryId);
        };
    }

    public static Rejection replayed(String deliveryId) {
        return Rejection.badRequest("replayed delivery " + deliveryId + ": it was received before");
    }

    private static Response json(int status, Map<String, String> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new LinkedHashMap<>(body)).build();
    }
}

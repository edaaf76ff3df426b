package dev.missions.coordinator.planning.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import java.util.Optional;

/**
 * The planner's provider answered 401 or 403: the key is wrong, expired or lacks access. Neither a retry nor the
 * built-in template mends that, and a template would hide the broken key behind missions that seem to plan fine, so
 * the mission fails with the provider's own reason.
 */
public class PlannerRefusedException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    PlannerRefusedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The refusal somewhere in {@code failure}'s causes, if the provider refused us; {@code cast} names the model. */
    static Optional<PlannerRefusedException> in(Throwable failure, String cast) {
        // LangChain4j wraps the HTTP answer (status and body) in an AuthenticationException: look for the answer first
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof HttpException http && (http.statusCode() == 401 || http.statusCode() == 403)) {
                return Optional.of(new PlannerRefusedException("planner model " + cast + " refused the request (HTTP "
                        + http.statusCode() + "): " + reason(http.getMessage()), failure));
            }
        }
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof AuthenticationException auth) {
                return Optional.of(new PlannerRefusedException("planner model " + cast + " refused the request: "
                        + reason(auth.getMessage()), failure));
            }
        }
        return Optional.empty();
    }

    /** OpenAI-compatible providers say why in {@code error.message}; anything else is shown as it came, shortened. */
    static String reason(String body) {
        String text = body == null || body.isBlank() ? "no reason given" : body.strip();
        try {
            JsonNode error = JSON.readTree(text);
            JsonNode message = error.path("error").isTextual() ? error.path("error") : error.path("error").path("message");
            if (message.isMissingNode() || !message.isTextual()) {
                message = error.path("message");
            }
            if (message.isTextual() && !message.asText().isBlank()) {
                text = message.asText().strip();
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // keep the text as it came
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

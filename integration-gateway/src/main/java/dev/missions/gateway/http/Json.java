package dev.missions.gateway.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads a verified body as JSON; anything that is not one JSON object is a 400. */
public final class Json {

    // "{}garbage" is not one JSON object: trailing tokens fail instead of being ignored
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode object(byte[] body) {
        return object(body, "body");
    }

    public static JsonNode object(byte[] body, String what) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw Rejection.badRequest("malformed JSON: the " + what + " must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw Rejection.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw Rejection.badRequest("malformed JSON: " + e.getMessage());
        }
    }

    public static JsonNode object(String body, String what) {
        return object(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), what);
    }

    /** A text field that must be there: a 400 that names it otherwise. */
    public static String text(JsonNode node, String path) {
        JsonNode value = node.at(path);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw Rejection.badRequest("malformed payload: " + path + " must be a non-empty string");
        }
        return value.asText();
    }

    /** A text field that may be missing: null then. */
    public static String optionalText(JsonNode node, String path) {
        JsonNode value = node.at(path);
        return value.isTextual() ? value.asText() : value.isNumber() ? value.asText() : null;
    }

    /** A whole number that must be there. */
    public static long number(JsonNode node, String path) {
        JsonNode value = node.at(path);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw Rejection.badRequest("malformed payload: " + path + " must be a whole number");
        }
        return value.asLong();
    }
}

package dev.missions.coordinator.mission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** String maps stored as JSON text columns (subtask inputs and artifacts). */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private Json() {
    }

    public static String write(Map<String, String> map) {
        try {
            return map == null || map.isEmpty() ? null : MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write map as JSON", e);
        }
    }

    public static Map<String, String> read(String json) {
        try {
            return json == null || json.isBlank() ? new LinkedHashMap<>() : MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a string map: " + json, e);
        }
    }
}

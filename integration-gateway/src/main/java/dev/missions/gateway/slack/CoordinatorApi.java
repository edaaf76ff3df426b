package dev.missions.gateway.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.OutsideHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Reads missions from the coordinator's REST API and says what it found as Slack text. */
@ApplicationScoped
public class CoordinatorApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    GatewayConfig config;

    @Inject
    OutsideHttp http;

    /** The mission as GET /missions/{id} shows it; empty when it cannot be had. */
    public java.util.Optional<JsonNode> mission(UUID missionId) {
        try {
            HttpResponse<String> response = http.get(base() + "/missions/" + missionId, headers(), TIMEOUT);
            return response.statusCode() == 200 ? java.util.Optional.of(Json.object(response.body(), "mission")) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    String status(UUID missionId) {
        try {
            HttpResponse<String> response = http.get(base() + "/missions/" + missionId, headers(), TIMEOUT);
            if (response.statusCode() == 404) {
                return "No mission " + missionId + ".";
            }
            if (response.statusCode() != 200) {
                return "The coordinator answered " + response.statusCode() + "; try again later.";
            }
            JsonNode mission = Json.object(response.body(), "mission");
            StringBuilder text = new StringBuilder("*").append(title(mission)).append("* is ")
                    .append(mission.path("status").asText("?")).append(" (`").append(missionId).append("`)");
            JsonNode subtasks = mission.path("subtasks");
            if (subtasks.isArray() && !subtasks.isEmpty()) {
                long done = 0;
                for (JsonNode subtask : subtasks) {
                    done += "SUCCEEDED".equals(subtask.path("status").asText()) ? 1 : 0;
                }
                text.append("\n").append(done).append(" of ").append(subtasks.size()).append(" subtasks done");
            }
            if (mission.path("repository").isTextual()) {
                text.append("\nRepository: ").append(mission.path("repository").asText());
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return "The coordinator could not be reached (" + e.getClass().getSimpleName() + "); try again later.";
        }
    }

    String list() {
        try {
            HttpResponse<String> response = http.get(base() + "/missions?limit=10", headers(), TIMEOUT);
            if (response.statusCode() != 200) {
                return "The coordinator answered " + response.statusCode() + "; try again later.";
            }
            JsonNode page = Json.object(response.body(), "mission list");
            JsonNode items = page.path("items");
            if (!items.isArray() || items.isEmpty()) {
                return "No missions yet.";
            }
            StringBuilder text = new StringBuilder("Latest missions (").append(items.size()).append(" of ")
                    .append(page.path("total").asLong(items.size())).append("):");
            for (JsonNode mission : items) {
                text.append("\n• `").append(mission.path("id").asText()).append("` ").append(mission.path("status").asText("?"))
                        .append(" — ").append(title(mission));
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return "The coordinator could not be reached (" + e.getClass().getSimpleName() + "); try again later.";
        }
    }

    private static String title(JsonNode mission) {
        return mission.path("title").isTextual() ? mission.path("title").asText() : mission.path("goal").asText("(no goal)");
    }

    private String base() {
        String url = config.coordinator().url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        config.coordinator().token().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return headers;
    }
}

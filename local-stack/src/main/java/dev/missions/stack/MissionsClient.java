package dev.missions.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** The coordinator's REST API, as a person's script would use it. */
public final class MissionsClient {

    public static final Set<String> FINAL_STATUSES = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "BLOCKED");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    public MissionsClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** POSTs a mission and returns the created mission; fails with the API's error otherwise. */
    public JsonNode create(String goal, String repository) {
        return create(JSON.createObjectNode().put("goal", goal).put("repository", repository));
    }

    /** Creates a mission from a whole request: goal, repository, and optionally plan, budget, kind, .... */
    public JsonNode create(JsonNode request) {
        String body = request.toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/missions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /missions answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    public JsonNode get(String missionId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/missions/" + missionId))
                .header("Authorization", "Bearer " + token).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /missions/" + missionId + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Polls until the mission reaches a final status; the coordinator may be restarting meanwhile. */
    public JsonNode awaitFinal(String missionId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = get(missionId);
                if (FINAL_STATUSES.contains(last.path("status").asText())) {
                    return last;
                }
            } catch (IllegalStateException unavailable) {
                // the coordinator is down or starting; keep asking
            }
            ServiceProcess.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("mission " + missionId + " not final within " + timeout + "; last seen " + last);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }
}

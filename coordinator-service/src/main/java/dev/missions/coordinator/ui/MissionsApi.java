package dev.missions.coordinator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The coordinator's public API, as the dashboard reaches it: over HTTP with the signed-in person's token, never
 * through the coordinator's own classes, so the dashboard could be served apart by pointing {@code missions.ui.api-url}
 * elsewhere.
 */
@ApplicationScoped
class MissionsApi {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** What the API answered: its status and its JSON body (an empty object when it sent none). */
    record Reply(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A request refused before it reached the API, in the API's shape. */
        static Reply refused(String error) {
            return new Reply(400, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("error", error));
        }

        /** The API's own words for a refusal. */
        String error() {
            return body.path("error").asText("the API answered " + status);
        }
    }

    /** The token is no longer accepted (it was withdrawn): the person has to sign in again. */
    static final class SignedOut extends RuntimeException {
        SignedOut() {
            super("the API no longer accepts this session's token", null, false, false);
        }
    }

    private final Optional<URI> configured;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI base;

    MissionsApi(@ConfigProperty(name = "missions.ui.api-url") Optional<URI> configured, ObjectMapper json) {
        this.configured = configured;
        this.json = json;
    }

    /** Read at first use: with port 0 (tests) the actual port is only known once the server listens. */
    URI base() {
        if (base == null) {
            base = configured.orElseGet(() -> {
                String port = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
                return URI.create("http://localhost:" + ConfigProvider.getConfig().getOptionalValue(port, Integer.class).orElse(8080));
            });
        }
        return base;
    }

    Reply get(String token, String pathAndQuery) {
        return send(token, request(token, pathAndQuery).GET());
    }

    Reply post(String token, String path, Object body) {
        try {
            return send(token, request(token, path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a request body", e);
        }
    }

    /** The API's stream of every mission's events, as lines; closing the stream closes the connection. */
    Stream<String> events(String token, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(lastEventId == null ? "/events?from=latest" : "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            if (response.statusCode() == 401) {
                throw new SignedOut();
            }
            throw new IOException("GET /events answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String token, String pathAndQuery) {
        return HttpRequest.newBuilder(resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private URI resolve(String pathAndQuery) {
        String root = base().toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery);
    }

    private Reply send(String token, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
            if (response.statusCode() == 401) {
                throw new SignedOut();
            }
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("the missions API at " + base() + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the missions API", e);
        }
    }
}

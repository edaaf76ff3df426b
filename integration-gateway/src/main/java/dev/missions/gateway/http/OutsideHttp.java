package dev.missions.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP client for provider APIs (GitHub, GitLab, the coordinator, Slack's response_url). Every base
 * URL comes from config, so tests point them at WireMock. Callers run on worker threads and block.
 */
@ApplicationScoped
public class OutsideHttp {

    // NORMAL follows GitHub's log redirect to its storage, never from https down to http
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    public HttpResponse<String> get(String url, Map<String, String> headers, Duration timeout) throws IOException {
        return send(request(url, headers, timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body as a stream, for logs that may be far bigger than what we keep of them. */
    public HttpResponse<InputStream> stream(String url, Map<String, String> headers, Duration timeout) throws IOException {
        return send(request(url, headers, timeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<String> postJson(String url, String json, Map<String, String> headers, Duration timeout) throws IOException {
        return send(request(url, headers, timeout).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String url, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return client.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri().getHost(), e);
        }
    }
}

package dev.missions.gateway.slack;

import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.OutsideHttp;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;

/** Answers Slack later, through the request's response_url, when the work took longer than Slack waits. */
@ApplicationScoped
public class ResponseUrl {

    @Inject
    GatewayConfig config;

    @Inject
    OutsideHttp http;

    /** Whether {@code url} may be called: only Slack's own hooks, so a request cannot point us elsewhere. */
    boolean allowed(String url) {
        return url != null && config.slack().responseUrlPrefixes().stream().anyMatch(url::startsWith);
    }

    /** Posts on a virtual thread: the request that asked answers Slack now. */
    void postLater(String url, String text) {
        if (allowed(url)) {
            Thread.ofVirtual().name("slack-response-url").start(() -> post(url, text));
        }
    }

    void post(String url, String text) {
        if (!allowed(url)) {
            Log.warnf("not answering through a response_url outside %s", config.slack().responseUrlPrefixes());
            return;
        }
        try {
            String body = Json.mapper().writeValueAsString(Map.of("response_type", "ephemeral", "replace_original", false, "text", text));
            var response = http.postJson(url, body, Map.of(), Duration.ofSeconds(10));
            if (response.statusCode() / 100 != 2) {
                Log.warnf("Slack answered %d to a delayed reply", response.statusCode());
            }
        } catch (Exception e) {
            Log.warnf("cannot send a delayed reply to Slack: %s", e.toString());
        }
    }
}

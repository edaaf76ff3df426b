package dev.missions.gateway.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.missions.events.MissionEvent;
import dev.missions.gateway.GatewayConfig;
import dev.missions.gateway.http.Json;
import dev.missions.gateway.http.OutsideHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Comments on the Linear issue a mission came from, when it starts, is blocked and finishes, through Linear's
 * GraphQL API. The origin keeps the issue identifier (ENG-123); Linear resolves it to the issue id first.
 */
@ApplicationScoped
public class LinearComments {

    static final String ISSUE = "query Issue($id: String!) { issue(id: $id) { id } }";
    static final String COMMENT = "mutation Comment($issueId: String!, $body: String!) "
            + "{ commentCreate(input: {issueId: $issueId, body: $body}) { success } }";

    static final String ATTACH = "mutation Attach($issueId: String!, $url: String!) "
            + "{ attachmentLinkURL(issueId: $issueId, url: $url) { success } }";

    @Inject
    GatewayConfig config;

    @Inject
    OutsideHttp http;

    void comment(MissionEvent event, java.util.Optional<String> pullRequest) {
        String identifier = event.getOrigin().getReference();
        JsonNode issue = graphql(ISSUE, Map.of("id", identifier));
        String issueId = issue.at("/data/issue/id").asText(null);
        if (issueId == null) {
            throw new RetryLater("Linear knows no issue " + identifier, null);
        }
        JsonNode created = graphql(COMMENT, Map.of("issueId", issueId, "body", body(event, pullRequest)));
        if (!created.at("/data/commentCreate/success").asBoolean(false)) {
            throw new RetryLater("Linear did not create the comment on " + identifier, null);
        }
        if (pullRequest.isPresent()) {
            // the pull request on the issue too; a second attach of the same URL changes nothing in Linear
            graphql(ATTACH, Map.of("issueId", issueId, "url", pullRequest.get()));
        }
    }

    static String body(MissionEvent event, java.util.Optional<String> pullRequest) {
        String missionId = event.getMeta().getMissionId();
        String message = event.getMessage() == null ? "" : event.getMessage();
        return switch (event.getType()) {
            case ACCEPTED -> "🚀 Mission `" + missionId + "` started: " + message;
            case BLOCKED -> "⛔ Mission `" + missionId + "` is blocked: " + message;
            case SUCCEEDED -> "✅ Mission `" + missionId + "` is done: " + message + ProgressView.link(event, pullRequest);
            case FAILED -> "❌ Mission `" + missionId + "` failed: " + message;
            default -> "Mission `" + missionId + "`: " + message;
        };
    }

    private JsonNode graphql(String query, Map<String, String> variables) {
        try {
            String body = Json.mapper().writeValueAsString(Map.of("query", query, "variables", variables));
            // a personal API key goes as it is; an OAuth token would be "Bearer <token>" in the config
            HttpResponse<String> response = http.postJson(config.outbound().linearApiUrl(), body,
                    Map.of("Authorization", config.outbound().linearApiKey().orElseThrow()), Duration.ofSeconds(10));
            if (response.statusCode() != 200) {
                throw new RetryLater("Linear answered HTTP " + response.statusCode(), retryAfter(response));
            }
            JsonNode answer = Json.object(response.body(), "GraphQL answer");
            if (answer.path("errors").isArray() && !answer.path("errors").isEmpty()) {
                throw new RetryLater("Linear answered " + answer.path("errors").path(0).path("message").asText("an error"), null);
            }
            return answer;
        } catch (IOException e) {
            throw new RetryLater("cannot reach Linear: " + e.getClass().getSimpleName(), null);
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").filter(v -> v.strip().matches("\\d{1,5}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
    }
}

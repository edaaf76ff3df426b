package dev.missions.droid.runtime.cast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.missions.droid.runtime.agent.CachedTokenUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Anthropic's Messages API as a LangChain4j chat model. The system prompt and the tools carry cache_control
 * breakpoints, so the stable prefix of an agent run is read from Anthropic's prompt cache.
 */
final class AnthropicChatModel implements ChatModel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> TRANSIENT = Set.of(408, 429, 500, 502, 503, 504, 529);

    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final Duration timeout;
    private final int maxRetries;
    private final int maxOutputTokens;
    private final HttpClient http;

    AnthropicChatModel(String baseUrl, String apiKey, String model, Duration timeout, int maxRetries,
            int maxOutputTokens) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/messages");
        this.apiKey = apiKey;
        this.model = model;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.maxOutputTokens = maxOutputTokens;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String body = requestBody(request).toString();
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send(body);
            if (response.statusCode() / 100 == 2) {
                return read(response.body());
            }
            if (!TRANSIENT.contains(response.statusCode()) || attempt >= maxRetries) {
                throw new IllegalStateException("Anthropic answered HTTP " + response.statusCode() + ": "
                        + errorMessage(response.body()));
            }
            sleep(Duration.ofMillis(500L << attempt));
        }
    }

    private HttpResponse<String> send(String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("x-api-key", apiKey)
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Anthropic at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Anthropic", e);
        }
    }

    ObjectNode requestBody(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", maxOutputTokens);
        ArrayNode system = body.putArray("system");
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            switch (message) {
                case SystemMessage s -> system.addObject().put("type", "text").put("text", s.text());
                case UserMessage u -> turn(messages, "user").addObject().put("type", "text").put("text", u.singleText());
                case AiMessage ai -> assistant(turn(messages, "assistant"), ai);
                case ToolExecutionResultMessage r -> turn(messages, "user").addObject().put("type", "tool_result")
                        .put("tool_use_id", r.id()).put("content", r.text());
                default -> throw new IllegalArgumentException("unsupported message " + message.type());
            }
        }
        cacheBreakpoint(system);
        List<ToolSpecification> specs = request.toolSpecifications();
        if (specs != null && !specs.isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpecification spec : specs) {
                ObjectNode tool = tools.addObject().put("name", spec.name())
                        .put("description", spec.description() == null ? "" : spec.description());
                tool.set("input_schema", spec.parameters() == null
                        ? JSON.createObjectNode().put("type", "object").set("properties", JSON.createObjectNode())
                        : JSON.valueToTree(JsonSchemaElementUtils.toMap(spec.parameters())));
            }
            cacheBreakpoint(tools);
        }
        return body;
    }

    // consecutive messages of one role become one turn: tool results must sit together after their tool calls
    private static ArrayNode turn(ArrayNode messages, String role) {
        if (!messages.isEmpty() && role.equals(messages.get(messages.size() - 1).path("role").asText())) {
            return (ArrayNode) messages.get(messages.size() - 1).get("content");
        }
        ObjectNode turn = messages.addObject().put("role", role);
        return turn.putArray("content");
    }

    private static void assistant(ArrayNode content, AiMessage ai) {
        if (ai.text() != null && !ai.text().isBlank()) {
            content.addObject().put("type", "text").put("text", ai.text());
        }
        for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
            content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .set("input", arguments(call.arguments()));
        }
    }

    private static JsonNode arguments(String arguments) {
        try {
            JsonNode node = JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
            return node.isObject() ? node : JSON.createObjectNode().set("value", node);
        } catch (IOException e) {
            return JSON.createObjectNode().put("raw", arguments);
        }
    }

    private static void cacheBreakpoint(ArrayNode blocks) {
        if (!blocks.isEmpty()) {
            ((ObjectNode) blocks.get(blocks.size() - 1)).putObject("cache_control").put("type", "ephemeral");
        }
    }

    private ChatResponse read(String body) {
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Anthropic answered something that is not JSON", e);
        }
        StringBuilder text = new StringBuilder();
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (JsonNode block : reply.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> calls.add(ToolExecutionRequest.builder().id(block.path("id").asText())
                        .name(block.path("name").asText()).arguments(block.path("input").toString()).build());
                default -> { }
            }
        }
        JsonNode usage = reply.path("usage");
        int cacheRead = usage.path("cache_read_input_tokens").asInt(0);
        int input = usage.path("input_tokens").asInt(0) + cacheRead + usage.path("cache_creation_input_tokens").asInt(0);
        AiMessage ai = calls.isEmpty() ? AiMessage.from(text.toString())
                : text.isEmpty() ? AiMessage.from(calls) : AiMessage.from(text.toString(), calls);
        return ChatResponse.builder().aiMessage(ai).id(reply.path("id").asText(null)).modelName(model)
                .tokenUsage(new CachedTokenUsage(input, usage.path("output_tokens").asInt(0), cacheRead))
                .finishReason(switch (reply.path("stop_reason").asText("")) {
                    case "tool_use" -> FinishReason.TOOL_EXECUTION;
                    case "max_tokens" -> FinishReason.LENGTH;
                    default -> FinishReason.STOP;
                }).build();
    }

    private static String errorMessage(String body) {
        try {
            return JSON.readTree(body).path("error").path("message").asText(body);
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying Anthropic", e);
        }
    }
}

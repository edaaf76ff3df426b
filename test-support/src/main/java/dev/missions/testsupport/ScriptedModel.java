package dev.missions.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible chat endpoint on WireMock, one per JVM, answering each model name from its own script:
 * tool calls, then a final answer. The droids talk to it with their real LangChain4j clients over HTTP.
 */
public final class ScriptedModel {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static ScriptedModel shared;

    private final WireMockServer server;

    private ScriptedModel(WireMockServer server) {
        this.server = server;
    }

    public static synchronized ScriptedModel shared() {
        if (shared == null) {
            WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            shared = new ScriptedModel(server);
        }
        return shared;
    }

    public String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    /**
     * One reply: the tool calls, each {@code [name, argumentsJson]}, and the text (a final answer without calls),
     * sent after {@code delayMillis}, as a slow model would.
     */
    public record Reply(List<Map.Entry<String, String>> calls, String text, int delayMillis, boolean truncated) {

        public static Reply call(String tool, String argumentsJson) {
            return new Reply(List.of(Map.entry(tool, argumentsJson)), null, 0, false);
        }

        public static Reply answer(String text) {
            return new Reply(List.of(), text, 0, false);
        }

        public Reply after(java.time.Duration delay) {
            return new Reply(calls, text, Math.toIntExact(delay.toMillis()), truncated);
        }

        /** The same reply, but cut off at the model's output token limit: finish_reason "length". */
        public Reply cutOff() {
            return new Reply(calls, text, delayMillis, true);
        }
    }

    /** Serves {@code replies} in order to requests for {@code model}; one more request gets a 404. */
    public void script(String model, List<Reply> replies) {
        for (int i = 0; i < replies.size(); i++) {
            server.stubFor(post(urlPathEqualTo(PATH))
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                    .inScenario(model)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "reply-" + i)
                    .willSetStateTo("reply-" + (i + 1))
                    .willReturn(okJson(completion(replies.get(i), i)).withFixedDelay(replies.get(i).delayMillis())));
        }
    }

    /** Serves the same reply to every request for {@code model}. */
    public void always(String model, Reply reply) {
        server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .willReturn(okJson(completion(reply, 0))));
    }

    /** The bodies of the requests sent for {@code model}, in order. */
    public List<String> requests(String model) {
        List<String> bodies = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model))))) {
            bodies.add(request.getBodyAsString());
        }
        return bodies;
    }

    private static String completion(Reply reply, int n) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-" + n).put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "scripted");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (reply.calls().isEmpty()) {
            message.put("content", reply.text());
            choice.put("finish_reason", reply.truncated() ? "length" : "stop");
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            int i = 0;
            for (Map.Entry<String, String> call : reply.calls()) {
                calls.addObject().put("id", "call_" + n + "_" + i++).put("type", "function").putObject("function")
                        .put("name", call.getKey()).put("arguments", call.getValue());
            }
            choice.put("finish_reason", reply.truncated() ? "length" : "tool_calls");
        }
        body.putObject("usage").put("prompt_tokens", 1_200).put("completion_tokens", 80).put("total_tokens", 1_280)
                .putObject("prompt_tokens_details").put("cached_tokens", 1_024);
        return body.toString();
    }
}

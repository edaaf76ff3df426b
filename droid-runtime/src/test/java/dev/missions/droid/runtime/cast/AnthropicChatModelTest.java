package dev.missions.droid.runtime.cast;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.missions.droid.runtime.agent.CachedTokenUsage;
import dev.missions.droid.runtime.agent.Toolbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages API adapter over real HTTP, against WireMock answering as Anthropic does. */
class AnthropicChatModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer anthropic;

    public static final class Files {
        @Tool(name = "read_file", value = "reads a file")
        public String read(@P("path") String path) {
            return path;
        }
    }

    @BeforeAll
    static void start() {
        anthropic = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        anthropic.start();
    }

    @AfterAll
    static void stop() {
        anthropic.stop();
    }

    private static AnthropicChatModel model() {
        return new AnthropicChatModel(anthropic.baseUrl(), "sk-ant-test", "claude-test", Duration.ofSeconds(5), 1, 1024);
    }

    @Test
    void toolUseAndUsageComeBackAndThePrefixCarriesCacheBreakpoints() throws Exception {
        anthropic.stubFor(post(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("sk-ant-test"))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .willReturn(okJson("""
                        {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test",
                         "content": [{"type": "text", "text": "Reading it."},
                                     {"type": "tool_use", "id": "toolu_1", "name": "read_file", "input": {"path": "a.txt"}}],
                         "stop_reason": "tool_use",
                         "usage": {"input_tokens": 100, "output_tokens": 20, "cache_read_input_tokens": 900,
                                   "cache_creation_input_tokens": 0}}""")));
        ToolExecutionRequest earlier = ToolExecutionRequest.builder().id("toolu_0").name("read_file")
                .arguments("{\"path\":\"b.txt\"}").build();
        ChatRequest request = ChatRequest.builder().messages(List.of(
                        SystemMessage.from("the system prompt"), UserMessage.from("the task"),
                        AiMessage.from(earlier), ToolExecutionResultMessage.from(earlier, "contents of b")))
                .toolSpecifications(new Toolbox(List.of(new Files())).specifications()).build();

        ChatResponse response = model().chat(request);

        AiMessage ai = response.aiMessage();
        assertEquals("Reading it.", ai.text());
        assertEquals("read_file", ai.toolExecutionRequests().get(0).name());
        assertEquals("{\"path\":\"a.txt\"}", ai.toolExecutionRequests().get(0).arguments());
        CachedTokenUsage usage = (CachedTokenUsage) response.tokenUsage();
        assertEquals(1_000, usage.inputTokenCount(), "input counts cache reads too");
        assertEquals(900, usage.cachedTokens());
        assertEquals(20, usage.outputTokenCount());

        JsonNode sent = JSON.readTree(anthropic.findAll(postRequestedFor(urlEqualTo("/v1/messages"))).getLast()
                .getBodyAsString());
        assertEquals("the system prompt", sent.path("system").get(0).path("text").asText());
        assertEquals("ephemeral", sent.path("system").get(0).path("cache_control").path("type").asText());
        assertEquals("ephemeral", sent.path("tools").get(0).path("cache_control").path("type").asText());
        assertEquals("object", sent.path("tools").get(0).path("input_schema").path("type").asText());
        JsonNode messages = sent.path("messages");
        assertEquals(3, messages.size(), "user, assistant tool_use, user tool_result");
        assertEquals("tool_use", messages.get(1).path("content").get(0).path("type").asText());
        assertEquals("b.txt", messages.get(1).path("content").get(0).path("input").path("path").asText());
        assertEquals("toolu_0", messages.get(2).path("content").get(0).path("tool_use_id").asText());
        assertEquals(1024, sent.path("max_tokens").asInt());
    }

    @Test
    void anOverloadIsRetriedAndARefusalIsAClearErrorWithoutTheKey() {
        anthropic.stubFor(post(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("sk-ant-retry"))
                .inScenario("overload").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(529).withBody("{\"error\":{\"message\":\"Overloaded\"}}")));
        anthropic.stubFor(post(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("sk-ant-retry"))
                .inScenario("overload").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"content\": [{\"type\": \"text\", \"text\": \"done\"}], \"usage\": {}}")));
        AnthropicChatModel retrying = new AnthropicChatModel(anthropic.baseUrl(), "sk-ant-retry", "claude-test",
                Duration.ofSeconds(5), 1, 1024);
        assertEquals("done", retrying.chat(UserMessage.from("hi")).aiMessage().text());

        anthropic.stubFor(post(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("sk-ant-bad"))
                .willReturn(aResponse().withStatus(401).withBody(
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}")));
        AnthropicChatModel refused = new AnthropicChatModel(anthropic.baseUrl(), "sk-ant-bad", "claude-test",
                Duration.ofSeconds(5), 2, 1024);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> refused.chat(UserMessage.from("hi")));
        assertEquals("Anthropic answered HTTP 401: invalid x-api-key", e.getMessage());
        assertTrue(!e.getMessage().contains("sk-ant-bad"));
    }
}

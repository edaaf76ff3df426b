package dev.missions.droid.runtime.cast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Recorded model replies, served in order: one script section per role. It lets the demo and the
 * tests run real droids on real repositories with no provider at hand; every run says it was a replay. Tokens
 * are estimated at four characters each, since nothing was metered.
 */
final class ReplayChatModel implements ChatModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> replies;
    private final String section;
    private int next;

    private ReplayChatModel(String section, List<JsonNode> replies) {
        this.section = section;
        this.replies = replies;
    }

    static ReplayChatModel load(String script, String section) {
        JsonNode root;
        try (InputStream in = open(script)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UnknownProviderException("replay script " + script + " cannot be read: " + e.getMessage());
        }
        JsonNode replies = root.path(section);
        if (!replies.isArray()) {
            throw new UnknownProviderException("replay script " + script + " has no section '" + section + "'");
        }
        List<JsonNode> list = new ArrayList<>();
        replies.forEach(list::add);
        return new ReplayChatModel(section, list);
    }

    private static InputStream open(String script) throws IOException {
        Path file = Path.of(script);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        InputStream resource = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(script.startsWith("/") ? script.substring(1) : script);
        if (resource == null) {
            throw new IOException("no such file or classpath resource");
        }
        return resource;
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        JsonNode reply = next < replies.size() ? replies.get(next++) : null;
        AiMessage ai;
        if (reply == null) {
            ai = AiMessage.from("Replay script '" + section + "' has no more replies; stopping here.");
        } else {
            List<ToolExecutionRequest> calls = new ArrayList<>();
            for (JsonNode call : reply.path("calls")) {
                calls.add(ToolExecutionRequest.builder().id("replay-" + UUID.randomUUID())
                        .name(call.path("name").asText()).arguments(call.path("arguments").toString()).build());
            }
            String text = reply.path("text").asText("");
            ai = calls.isEmpty() ? AiMessage.from(text) : text.isEmpty() ? AiMessage.from(calls)
                    : AiMessage.from(text, calls);
        }
        int promptChars = 0;
        for (ChatMessage message : request.messages()) {
            promptChars += message.toString().length();
        }
        int replyChars = (ai.text() == null ? 0 : ai.text().length())
                + ai.toolExecutionRequests().stream().mapToInt(c -> c.arguments().length()).sum();
        return ChatResponse.builder().aiMessage(ai).modelName("replay:" + section)
                .tokenUsage(new TokenUsage(promptChars / 4, replyChars / 4)).build();
    }
}

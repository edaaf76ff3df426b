package dev.missions.droid.runtime.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The messages of an agent run, kept within a size bound. The system prompt and the task come first and never
 * change, so providers can cache that prefix. When the bound is crossed, older steps shrink to one-line summaries
 * and then fold into a digest, oldest first, down to well under the bound, so the prefix stays stable for many
 * steps before the next fold.
 */
final class Conversation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHORT = 160;
    /** What each message, tool call and result adds on the wire beyond its text: ids, roles, JSON structure. */
    private static final int ENVELOPE = 120;
    /** How much of a cut-off reply's text is kept: enough to see where it was going, not the whole runaway reply. */
    private static final int CUT_OFF_KEPT = 2_000;

    private final SystemMessage system;
    private final UserMessage task;
    private final Deque<String> digest = new ArrayDeque<>();
    private final List<Step> steps = new ArrayList<>();
    private int digestChars;
    private int omitted;

    Conversation(String systemPrompt, String taskPrompt) {
        this.system = SystemMessage.from(systemPrompt);
        this.task = UserMessage.from(taskPrompt);
    }

    /**
     * One step: the model's reply and what its tool calls returned, or, for a reply cut off at the output token limit,
     * its text alone (the calls were not made) and the {@code note} telling the model so.
     */
    record Step(int number, AiMessage ai, List<ToolExecutionResultMessage> results, UserMessage note, boolean compacted) {

        boolean cutOff() {
            return note != null;
        }

        int size() {
            int size = ENVELOPE + (ai.text() == null ? 0 : ai.text().length()) + (note == null ? 0 : ENVELOPE + note.singleText().length());
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                size += ENVELOPE + call.name().length() + call.arguments().length();
            }
            for (ToolExecutionResultMessage result : results) {
                size += ENVELOPE + result.text().length();
            }
            return size;
        }
    }

    void add(int number, AiMessage ai, List<ToolExecutionResultMessage> results) {
        steps.add(new Step(number, ai, List.copyOf(results), null, false));
    }

    /**
     * A reply cut off at the output token limit. Its tool calls are dropped, not answered: their arguments may be cut
     * too, and an edit made from half its text would damage the file. What text it had stays (bounded), so the model
     * sees where it was, followed by {@code note}.
     */
    void addCutOff(int number, AiMessage cut, String note) {
        String text = cut.text() == null || cut.text().isBlank()
                ? "(reply cut off before any text; " + cut.toolExecutionRequests().size() + " tool call(s) not made)"
                : cut(cut.text(), CUT_OFF_KEPT);
        steps.add(new Step(number, AiMessage.from(text), List.of(), UserMessage.from(note), false));
    }

    List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(system);
        messages.add(task);
        if (!digest.isEmpty() || omitted > 0) {
            messages.add(UserMessage.from(digestText()));
        }
        for (Step step : steps) {
            messages.add(step.ai());
            messages.addAll(step.results());
            if (step.cutOff()) {
                messages.add(step.note());
            }
        }
        return messages;
    }

    /** Characters of everything that is sent: a provider-neutral measure of the prompt. */
    int size() {
        int size = system.text().length() + task.singleText().length();
        if (!digest.isEmpty() || omitted > 0) {
            size += digestText().length();
        }
        for (Step step : steps) {
            size += step.size();
        }
        return size;
    }

    /** Brings the conversation under {@code bound} when it is over, keeping the latest step whole. */
    void compact(int bound) {
        if (size() <= bound) {
            return;
        }
        int target = bound * 6 / 10;
        for (int i = 0; i < steps.size() - 1 && size() > target; i++) {
            if (!steps.get(i).compacted()) {
                steps.set(i, shrink(steps.get(i)));
            }
        }
        while (size() > target && steps.size() > 1) {
            fold(steps.remove(0));
        }
        while (digestChars > bound / 4 && !digest.isEmpty()) {
            digestChars -= digest.removeFirst().length() + 1;
            omitted++;
        }
    }

    private String digestText() {
        StringBuilder text = new StringBuilder("Earlier steps, summarized to keep this conversation small. Their "
                + "effects are in the workspace: use the tools to look again.\n");
        if (omitted > 0) {
            text.append("(").append(omitted).append(" earliest steps not listed)\n");
        }
        digest.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private void fold(Step step) {
        StringBuilder line = new StringBuilder("step ").append(step.number()).append(':');
        if (step.cutOff()) {
            line.append(" reply cut off at the output token limit, nothing done;");
        }
        List<ToolExecutionRequest> calls = step.ai().toolExecutionRequests();
        for (int i = 0; i < calls.size(); i++) {
            String result = i < step.results().size() ? step.results().get(i).text() : "";
            line.append(' ').append(calls.get(i).name()).append('(').append(cut(calls.get(i).arguments(), 80))
                    .append(") -> ").append(cut(firstLine(result), 80)).append(';');
        }
        digest.addLast(line.toString());
        digestChars += line.length() + 1;
    }

    private static Step shrink(Step step) {
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (ToolExecutionRequest call : step.ai().toolExecutionRequests()) {
            calls.add(call.arguments().length() <= SHORT ? call : ToolExecutionRequest.builder()
                    .id(call.id()).name(call.name()).arguments(compactedArguments(call.arguments())).build());
        }
        String text = step.ai().text();
        AiMessage ai = text == null ? AiMessage.from(calls) : AiMessage.from(cut(text, SHORT * 2), calls);
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        for (ToolExecutionResultMessage result : step.results()) {
            results.add(result.text().length() <= SHORT ? result : ToolExecutionResultMessage.from(result.id(),
                    result.toolName(), "[compacted] " + cut(firstLine(result.text()), SHORT) + " ["
                            + result.text().length() + " characters in all]"));
        }
        return new Step(step.number(), ai, results, step.note(), true);
    }

    // still a JSON object, as providers that parse tool input (Anthropic) require
    private static String compactedArguments(String arguments) {
        try {
            return JSON.writeValueAsString(Map.of("compacted", cut(arguments, SHORT)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}

package dev.missions.droid.runtime.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.missions.events.AttemptStep;
import dev.missions.events.ToolCallSummary;
import dev.missions.events.Usage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One model working with tools until it answers without calling any. We drive the loop ourselves rather than
 * through an AI service, because every step must be checked: cancellation, step and token limits, compaction,
 * usage for the heartbeats, and redaction before anything is recorded or sent.
 */
public final class AgentLoop {

    /** What the loop needs from the attempt it runs in. */
    public interface Host {
        boolean cancelled();

        String redact(String text);

        UsageMeter usage();

        Transcript transcript();

        /** Where each step's summary goes, for people following the attempt. */
        StepLog steps();

        /** Called after every step's tool calls, e.g. to checkpoint. */
        default void afterStep(int step) {
        }

        /** Where the run's model and tool calls are traced. */
        default AgentTracing tracing() {
            return AgentTracing.OFF;
        }
    }

    /**
     * Retries after a reply cut off at the token limit (finish reason LENGTH), in a row. A cut-off reply is no answer:
     * a summary that stops mid-sentence is not the model saying it is done, and a tool call cut off may carry half its
     * arguments. So the model is told and asked again, more briefly; a model that keeps overrunning fails the attempt.
     */
    static final int MAX_CUT_OFF_RETRIES = 2;

    private final ChatModel model;
    private final Toolbox toolbox;
    private final AgentLimits limits;
    private final Host host;
    private final UsageMeter usage;
    private final Transcript transcript;
    private final StepLog steps;
    private final AgentTracing tracing;

    public AgentLoop(ChatModel model, Toolbox toolbox, AgentLimits limits, Host host) {
        this.model = model;
        this.toolbox = toolbox;
        this.limits = limits;
        this.host = host;
        this.usage = host.usage();
        this.transcript = host.transcript();
        this.steps = host.steps();
        this.tracing = host.tracing();
    }

    public AgentRun run(String systemPrompt, String taskPrompt) {
        Conversation conversation = new Conversation(systemPrompt, taskPrompt);
        transcript.record(0, "task", taskPrompt);
        int cutOffInARow = 0;
        for (int step = 1; ; step++) {
            if (host.cancelled()) {
                return stop(StopReason.CANCELLED, step - 1, "cancelled after " + (step - 1) + " steps");
            }
            if (step > limits.maxSteps()) {
                return stop(StopReason.STEP_LIMIT, step - 1, "stopped at the step limit of " + limits.maxSteps());
            }
            if (usage.totalTokens() >= limits.maxTokens()) {
                return stop(StopReason.TOKEN_BUDGET, step - 1, "stopped after " + usage.totalTokens()
                        + " tokens, at the budget of " + limits.maxTokens());
            }
            conversation.compact(limits.maxPromptChars());
            Instant startedAt = Instant.now();
            long started = System.nanoTime();
            ChatResponse response;
            Span chat = tracing.modelCall(step, conversation.messages().size(), toolbox.specifications().size());
            try (Scope ignored = chat.makeCurrent()) {
                response = model.chat(ChatRequest.builder().messages(conversation.messages())
                        .toolSpecifications(toolbox.specifications()).build());
            } catch (RuntimeException e) {
                AgentTracing.failed(chat, e);
                return stop(StopReason.MODEL_ERROR, step - 1, "the model failed at step " + step + ": " + rootCause(e));
            }
            usage.add(response.tokenUsage());
            Usage stepUsage = usage.of(response.tokenUsage());
            AiMessage ai = response.aiMessage();
            AgentTracing.answered(chat, stepUsage, response.finishReason() == null ? null : response.finishReason().name(),
                    ai.hasToolExecutionRequests() ? ai.toolExecutionRequests().size() : 0);
            if (ai.text() != null && !ai.text().isBlank()) {
                transcript.record(step, "model", ai.text());
            }
            if (response.finishReason() == FinishReason.LENGTH) {
                cutOffInARow++;
                transcript.record(step, "cut-off", "reply cut off at the output token limit; "
                        + ai.toolExecutionRequests().size() + " tool call(s) not made");
                if (cutOffInARow > MAX_CUT_OFF_RETRIES) {
                    return stop(StopReason.MODEL_ERROR, step, "the model's reply was cut off at its output token limit "
                            + cutOffInARow + " times in a row (finish reason LENGTH), though asked each time to answer "
                            + "more briefly: raise the model's output limit or split the subtask");
                }
                conversation.addCutOff(step, ai, cutOffNote(cutOffInARow));
                record(step, startedAt, started, stepUsage, "[cut off at the output token limit] " + text(ai), List.of());
                continue;
            }
            cutOffInARow = 0;
            if (!ai.hasToolExecutionRequests()) {
                record(step, startedAt, started, stepUsage, text(ai), List.of());
                return new AgentRun(StopReason.FINISHED, host.redact(ai.text() == null ? "" : ai.text()), step, "");
            }
            List<ToolExecutionResultMessage> results = new ArrayList<>();
            List<ToolCallSummary> calls = new ArrayList<>();
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                transcript.record(step, "call", call.name() + " " + call.arguments());
                long callStarted = System.nanoTime();
                String arguments = StepLog.summary(host.redact(call.arguments()), StepLog.ARGUMENTS);
                Span span = tracing.toolCall(call.name(), arguments);
                String result;
                try (Scope ignored = span.makeCurrent()) {
                    result = host.redact(toolbox.execute(call));
                } catch (RuntimeException e) {
                    AgentTracing.failed(span, e);
                    throw e;
                }
                AgentTracing.toolDone(span, result);
                calls.add(ToolCallSummary.newBuilder().setTool(call.name())
                        .setArguments(arguments)
                        .setOutput(StepLog.summary(result, StepLog.OUTPUT))
                        .setDurationMs(millisSince(callStarted)).build());
                transcript.record(step, "result", result);
                results.add(ToolExecutionResultMessage.from(call, result));
            }
            conversation.add(step, ai, results);
            record(step, startedAt, started, stepUsage, text(ai), calls);
            host.afterStep(step);
        }
    }

    private void record(int step, Instant startedAt, long started, Usage usage, String text, List<ToolCallSummary> calls) {
        steps.add(AttemptStep.newBuilder().setNumber(step).setStartedAt(startedAt).setDurationMs(millisSince(started))
                .setUsage(usage).setText(text.isEmpty() ? null : StepLog.summary(text, StepLog.TEXT)).setCalls(calls).build());
    }

    private String text(AiMessage ai) {
        return ai.text() == null ? "" : host.redact(ai.text());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** What the model is told after a cut-off reply; it never saw its own reply end, so it cannot know otherwise. */
    static String cutOffNote(int inARow) {
        return "Your last reply was cut off at the output token limit, so none of it was used and no tool was called. "
                + "Send a shorter reply: one tool call at a time, large files written in several smaller edits, and a "
                + "short final summary. (Cut off " + inARow + " time(s) in a row; after " + MAX_CUT_OFF_RETRIES
                + " retries this attempt stops.)";
    }

    private AgentRun stop(StopReason reason, int steps, String detail) {
        transcript.record(steps, "stop", detail);
        return new AgentRun(reason, "", steps, host.redact(detail));
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + ": " + message;
    }
}

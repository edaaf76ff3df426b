package dev.missions.droid.runtime.agent;

import dev.missions.events.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.List;
import java.util.Locale;

/**
 * The spans of an agent run, children of its attempt's span: one per model call, with the GenAI semantic conventions'
 * attributes and the call's cost, and one per tool call. They carry counts, sizes, the model's names and the redacted
 * summaries people already see in the dashboard; never a prompt, a reply or a secret.
 */
public final class AgentTracing {

    public static final AgentTracing OFF = new AgentTracing(TracerProvider.noop().get("missions"), "none", "none");

    private final Tracer tracer;
    private final String provider;
    private final String model;

    public AgentTracing(Tracer tracer, String provider, String model) {
        this.tracer = tracer;
        this.provider = provider;
        this.model = model;
    }

    Span modelCall(int step, int messages, int tools) {
        return tracer.spanBuilder("chat " + model).setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.system", provider)
                .setAttribute("gen_ai.request.model", model)
                .setAttribute("missions.step", step)
                .setAttribute("missions.prompt.messages", messages)
                .setAttribute("missions.tools.offered", tools)
                .startSpan();
    }

    static void answered(Span span, Usage usage, String finishReason, int toolCalls) {
        span.setAttribute("gen_ai.usage.input_tokens", usage.getInputTokens());
        span.setAttribute("gen_ai.usage.output_tokens", usage.getOutputTokens());
        span.setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
                List.of(finishReason == null ? "unknown" : finishReason.toLowerCase(Locale.ROOT)));
        span.setAttribute("missions.cost_usd", usage.getCostUsd());
        span.setAttribute("missions.tool_calls", toolCalls);
        span.end();
    }

    /** Only the failure's type: its message may quote the request. */
    static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.end();
    }

    /** {@code arguments}: the redacted summary of the call's arguments, as the step log shows them. */
    Span toolCall(String tool, String arguments) {
        return tracer.spanBuilder("execute_tool " + tool).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .setAttribute("gen_ai.tool.name", tool)
                .setAttribute("missions.tool.arguments", arguments)
                .startSpan();
    }

    static void toolDone(Span span, String redactedOutput) {
        span.setAttribute("missions.tool.output_chars", redactedOutput.length());
        span.end();
    }
}

package dev.missions.droid.runtime;

import dev.missions.events.SubtaskAssigned;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Each attempt is a trace of its own: a mission lasts days, and one trace for all of it would be unreadable and never
 * complete. The attempt's root span links to the dispatch that caused it; its model and tool calls are its children,
 * and its result is published inside it, so the coordinator applies the result, and dispatches what follows, in it.
 */
@ApplicationScoped
public class AttemptSpans {

    private final Tracer tracer;

    public AttemptSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The dispatch a task came with: the span that received it, a child of the coordinator's send. */
    static SpanContext dispatch(Message<?> message) {
        return TracingMetadata.fromMessage(message).map(m -> Span.fromContext(m.getCurrentContext()).getSpanContext())
                .orElse(SpanContext.getInvalid());
    }

    Span start(SubtaskAssigned task, SpanContext dispatch) {
        var span = tracer.spanBuilder("attempt " + task.getRole().name().toLowerCase()).setNoParent()
                .setAttribute("missions.mission_id", task.getMeta().getMissionId())
                .setAttribute("missions.subtask_id", task.getSubtaskId())
                .setAttribute("missions.attempt", task.getAttempt())
                .setAttribute("missions.role", task.getRole().name().toLowerCase());
        if (dispatch.isValid()) {
            span.addLink(dispatch);
        }
        return span.startSpan();
    }
}

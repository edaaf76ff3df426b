package dev.missions.coordinator.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The coordinator's own spans. Records of one poll are applied together, yet each belongs to its own trace (the attempt
 * that sent it): each gets a span of its own, a child of the span that received it, and the rows its decision writes
 * are published inside that span's trace. With tracing off these spans are no-ops and nothing is stored.
 */
@ApplicationScoped
public class Spans {

    public static final String MISSION_ID = "missions.mission_id";

    private final Tracer tracer;

    public Spans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A span for applying one consumed record of {@code missionId}. */
    public Span applying(String name, Message<?> record, String missionId) {
        Context parent = TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext).orElse(Context.current());
        return tracer.spanBuilder(name).setParent(parent).setAttribute(MISSION_ID, missionId).startSpan();
    }

    /** Ends the spans of work that ended, marked as failed when it failed. */
    public static void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            }
            span.end();
        }
    }
}

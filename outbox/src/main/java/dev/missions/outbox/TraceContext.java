package dev.missions.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * A span's context as the W3C {@code traceparent} a row keeps, and back. Stored with the rows a span wrote, it lets the
 * relay publish them inside that trace whichever instance publishes them, and whenever.
 */
public final class TraceContext {

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The traceparent of the current span; null when there is none (tracing off, or not sampled). */
    public static String current() {
        return of(Context.current());
    }

    public static String of(Context context) {
        return of(Span.fromContext(context));
    }

    public static String of(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid() || !context.isSampled()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The context a stored traceparent names, as a remote parent; the root context when there is none. */
    public static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }
}

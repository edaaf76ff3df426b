package dev.missions.coordinator.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.coordinator.http.ApiError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * What the timeline streams share: follow the table by reading "after the last id seen" (which sees events committed
 * by any coordinator instance) each time {@link TimelineSignal} says events were committed, and write each event as a
 * server-sent event.
 */
final class TimelinePolling {

    /** The longest wait without a signal: what a lost notification or a rolled-back gap costs. */
    static final Duration FALLBACK = Duration.ofSeconds(1);
    /** The shortest time between two reads of one stream, so a burst of commits costs a few reads, not one each. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(20);

    private TimelinePolling() {
    }

    /**
     * The events after {@code from}, then each one as {@code next} finds it; with {@code endAfterFinal} the poll after a
     * final event ends the stream, otherwise it never ends.
     */
    static Multi<TimelineEvent> follow(long from, LongFunction<Uni<List<TimelineEvent>>> next, boolean endAfterFinal,
            TimelineSignal signal) {
        AtomicLong last = new AtomicLong(from);
        AtomicBoolean sawFinal = new AtomicBoolean();
        // armed before each read: a commit after the read has begun completes it, and the next wait ends at once
        AtomicReference<CompletableFuture<Void>> armed = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> waitFor(armed.get()).chain(() -> {
                    armed.set(signal.armed());
                    return sawFinal.get() ? Uni.createFrom().item(List.<TimelineEvent>of()) : next.apply(last.get());
                }))
                .whilst(batch -> !sawFinal.get() || !batch.isEmpty())
                .onItem().transformToIterable(batch -> batch)
                .select().where(event -> event.id() > last.get())
                .invoke(event -> {
                    last.set(event.id());
                    if (endAfterFinal && event.isFinal()) {
                        sawFinal.set(true);
                    }
                });
    }

    private static Uni<Void> waitFor(CompletableFuture<Void> signalled) {
        if (signalled == null) {
            return Uni.createFrom().voidItem(); // the first read
        }
        return Uni.createFrom().completionStage(signalled).ifNoItem().after(FALLBACK).recoverWithItem((Void) null)
                .onItem().delayIt().by(MIN_INTERVAL);
    }

    /** {@code id} = timeline id (for Last-Event-ID), {@code event} = type, {@code data} = the event as the API shows it. */
    static OutboundSseEvent toSse(Sse sse, ObjectMapper json, TimelineEvent event) {
        String data;
        try {
            data = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write timeline event " + event.id(), e);
        }
        return sse.newEventBuilder()
                .id(Long.toString(event.id()))
                .name(event.type().name())
                // written here, so the data is the same JSON as in GET /missions/{id}
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, data)
                .build();
    }

    static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new WebApplicationException(ApiError.response(Response.Status.BAD_REQUEST,
                    "Last-Event-ID must be a timeline id (a number), got '" + header + "'"));
        }
    }
}

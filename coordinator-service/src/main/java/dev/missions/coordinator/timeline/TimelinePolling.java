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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * What the timeline streams share: follow the table by polling "after the last id seen" (which sees events committed
 * by any coordinator instance), and write each event as a server-sent event.
 */
final class TimelinePolling {

    static final Duration POLL = Duration.ofMillis(300);

    private TimelinePolling() {
    }

    /**
     * The events after {@code from}, then each one as {@code next} finds it; with {@code endAfterFinal} the poll after a
     * final event ends the stream, otherwise it never ends.
     */
    static Multi<TimelineEvent> follow(long from, LongFunction<Uni<List<TimelineEvent>>> next, boolean endAfterFinal) {
        AtomicLong last = new AtomicLong(from);
        AtomicBoolean sawFinal = new AtomicBoolean();
        AtomicBoolean first = new AtomicBoolean(true);
        return Multi.createBy().repeating()
                .uni(() -> pause(first.getAndSet(false))
                        .chain(() -> sawFinal.get() ? Uni.createFrom().item(List.<TimelineEvent>of()) : next.apply(last.get())))
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

    private static Uni<Void> pause(boolean first) {
        return first ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(POLL);
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

package dev.missions.coordinator.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.coordinator.http.ApiError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Every mission's timeline as one stream of server-sent events (what a dashboard follows): oldest first after
 * Last-Event-ID, then live; it never ends.
 */
@Path("/events")
public class AllEventsStream {

    /**
     * Across missions ids are taken when an event is written, not when it commits: a lower id may still be in a running
     * transaction after a higher one is visible. A missing id holds the stream back until the event after it is this old;
     * then it is taken as rolled back (transactions here last milliseconds).
     */
    static final Duration GAP_WAIT = Duration.ofSeconds(2);

    private final Timeline timeline;
    private final ObjectMapper json;
    private final TimelineSignal signal;

    public AllEventsStream(Timeline timeline, ObjectMapper json, TimelineSignal signal) {
        this.timeline = timeline;
        this.json = json;
        this.signal = signal;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Every mission's timeline events as server-sent events, after Last-Event-ID (or, with from=latest"
            + " and no Last-Event-ID, only those to come), then live; never ends")
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("from") String from,
            @Context Sse sse) {
        Uni<Long> start;
        if (lastEventId != null && !lastEventId.isBlank()) {
            start = Uni.createFrom().item(TimelinePolling.lastEventId(lastEventId));
        } else if (from == null || from.isBlank()) {
            start = Uni.createFrom().item(0L);
        } else if (from.strip().equals("latest")) {
            // a client that just read the state wants what changes next, not the whole history again
            start = timeline.latestId();
        } else {
            throw new WebApplicationException(ApiError.response(Response.Status.BAD_REQUEST,
                    "from must be 'latest' (or leave it out to start at the first event), got '" + from + "'"));
        }
        return start.onItem().transformToMulti(after -> TimelinePolling.follow(after,
                        next -> timeline.afterAll(next).map(batch -> committed(next, batch, Instant.now())), false, signal))
                .map(event -> TimelinePolling.toSse(sse, json, event));
    }

    /** The events of {@code batch} up to the first gap that may still fill. */
    static List<TimelineEvent> committed(long after, List<TimelineEvent> batch, Instant now) {
        List<TimelineEvent> ready = new ArrayList<>();
        long previous = after;
        for (TimelineEvent event : batch) {
            boolean gap = event.id() != previous + 1;
            if (gap && event.occurredAt().isAfter(now.minus(GAP_WAIT))) {
                break;
            }
            ready.add(event);
            previous = event.id();
        }
        return ready;
    }
}

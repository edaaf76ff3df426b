package dev.missions.coordinator.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.coordinator.http.ApiError;
import dev.missions.coordinator.mission.Mission;
import dev.missions.events.MissionStatus;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Streams a mission's timeline as server-sent events: what happened so far, then each new event as it
 * commits. Polling the table (not an in-memory bus) sees events committed by any coordinator instance.
 */
@Path("/missions/{id}/events")
public class TimelineStream {

    static final Duration POLL = Duration.ofMillis(300);

    @Inject
    Timeline timeline;

    @Inject
    Pool client;

    @Inject
    ObjectMapper json;

    // Blocking: an unknown mission must answer 404 before the stream's headers go out.
    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The mission's timeline as server-sent events; ends after SUCCEEDED, FAILED or CANCELLED")
    public Multi<OutboundSseEvent> stream(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        UUID missionId = ApiError.uuid(id, "mission id");
        long from = lastEventId(lastEventId);
        Row mission = client.preparedQuery("select status, (select max(id) from mission_event where mission_id = $1) as last_id"
                + " from mission where id = $1").execute(Tuple.of(missionId)).map(RowSet::iterator)
                .map(rows -> rows.hasNext() ? rows.next() : null).await().atMost(Duration.ofSeconds(10));
        if (mission == null) {
            throw new WebApplicationException(ApiError.response(Response.Status.NOT_FOUND, "no mission " + id));
        }
        Long lastId = mission.getLong("last_id");
        if (finished(mission.getString("status")) && (lastId == null || lastId <= from)) {
            return Multi.createFrom().empty();
        }
        return events(missionId, from).map(event -> sse.newEventBuilder()
                .id(Long.toString(event.id()))
                .name(event.type().name())
                // written here, so the data is the same JSON as in GET /missions/{id}
                .mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, write(event))
                .build());
    }

    /** Polls after the last id seen; the poll after a final event ends the stream. */
    private Multi<TimelineEvent> events(UUID missionId, long from) {
        AtomicLong last = new AtomicLong(from);
        AtomicBoolean sawFinal = new AtomicBoolean();
        AtomicBoolean first = new AtomicBoolean(true);
        return Multi.createBy().repeating()
                .uni(() -> poll(first.getAndSet(false))
                        .chain(() -> sawFinal.get() ? Uni.createFrom().item(List.<TimelineEvent>of())
                                : timeline.after(missionId, last.get())))
                .whilst(batch -> !sawFinal.get() || !batch.isEmpty())
                .onItem().transformToIterable(batch -> batch)
                .select().where(event -> event.id() > last.get())
                .invoke(event -> {
                    last.set(event.id());
                    if (event.isFinal()) {
                        sawFinal.set(true);
                    }
                });
    }

    private static Uni<Void> poll(boolean first) {
        return first ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(POLL);
    }

    private static boolean finished(String status) {
        return Mission.isFinal(MissionStatus.valueOf(status));
    }

    private static long lastEventId(String header) {
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

    private String write(TimelineEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write timeline event " + event.id(), e);
        }
    }
}

package dev.missions.coordinator.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missions.coordinator.http.ApiError;
import dev.missions.coordinator.core.Transitions;
import dev.missions.events.MissionStatus;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Streams a mission's timeline as server-sent events: what happened so far, then each new event as it
 * commits. Polling the table (not an in-memory bus) sees events committed by any coordinator instance.
 */
@Path("/missions/{id}/events")
public class TimelineStream {

    @Inject
    Timeline timeline;

    @Inject
    Pool client;

    @Inject
    ObjectMapper json;

    @Inject
    TimelineSignal signal;

    // Blocking: an unknown mission must answer 404 before the stream's headers go out.
    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The mission's timeline as server-sent events; ends after SUCCEEDED, FAILED or CANCELLED")
    public Multi<OutboundSseEvent> stream(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        UUID missionId = ApiError.uuid(id, "mission id");
        long from = TimelinePolling.lastEventId(lastEventId);
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
        return TimelinePolling.follow(from, after -> timeline.after(missionId, after), true, signal)
                .map(event -> TimelinePolling.toSse(sse, json, event));
    }

    private static boolean finished(String status) {
        return Transitions.isFinal(MissionStatus.valueOf(status));
    }
}

package dev.missions.coordinator.attempt;

import dev.missions.coordinator.http.ApiError;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/missions/{id}/subtasks/{subtaskId}")
public class SubtaskResource {

    private final AttemptHistory history;

    public SubtaskResource(AttemptHistory history) {
        this.history = history;
    }

    @GET
    @Operation(summary = "A subtask with each of its attempts: dispatch and finish times, outcome, failure reason and"
            + " the steps its droid reported (model replies and tool calls, summarized and redacted)")
    public Uni<Response> get(@PathParam("id") String id, @PathParam("subtaskId") String subtaskId) {
        return history.of(ApiError.uuid(id, "mission id"), ApiError.uuid(subtaskId, "subtask id"))
                .map(detail -> detail == null
                        ? ApiError.response(Response.Status.NOT_FOUND, "mission " + id + " has no subtask " + subtaskId)
                        : Response.ok(detail).build());
    }
}

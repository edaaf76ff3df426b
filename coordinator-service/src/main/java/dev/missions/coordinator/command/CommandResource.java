package dev.missions.coordinator.command;

import dev.missions.schemas.Metas;
import dev.missions.coordinator.budget.BudgetRequest;
import dev.missions.coordinator.http.ApiError;
import dev.missions.coordinator.http.Caller;
import dev.missions.coordinator.api.MissionViews;
import dev.missions.outbox.OutboxRelay;
import dev.missions.events.CommandType;
import dev.missions.events.MissionCommand;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Path("/missions/{id}/commands")
public class CommandResource {

    /**
     * The body of {@code POST /missions/{id}/commands}. The actor is whoever holds the bearer token, never what the body
     * says. A body that names one is refused rather than ignored: its sender believes it is naming who acts, and a 400
     * tells it at once, where a silently different name would only show up later in the timeline.
     */
    public record CommandRequest(@NotNull(message = "command is required: APPROVE, REJECT, PAUSE, RESUME, CANCEL or RETRY") CommandType command,
            @Schema(hidden = true)
            @Null(message = "actor is not accepted: a command is recorded as sent by the name of its bearer token") String actor,
            @Size(max = 2000, message = "reason must be at most 2000 characters") String reason,
            @jakarta.validation.Valid BudgetRequest budget) {
    }

    @Inject
    MissionCommands commands;

    @Inject
    MissionViews views;

    @Inject
    OutboxRelay relay;

    @POST
    public Uni<Response> send(@PathParam("id") String id, @Context SecurityContext caller,
            @NotNull(message = "a JSON body is required") @jakarta.validation.Valid CommandRequest body) {
        UUID missionId = ApiError.uuid(id, "mission id");
        MissionCommand command = MissionCommand.newBuilder()
                .setMeta(Metas.first(missionId.toString()))
                .setCommand(body.command()).setActor(Caller.name(caller)).setReason(body.reason())
                .setBudget(BudgetRequest.toAvro(body.budget()))
                .build();
        return commands.apply(command).invoke(relay::wake).flatMap(outcome -> {
            if (!outcome.found()) {
                return Uni.createFrom().item(ApiError.response(Response.Status.NOT_FOUND, outcome.refusal()));
            }
            if (!outcome.applied()) {
                return Uni.createFrom().item(ApiError.response(Response.Status.CONFLICT, outcome.refusal()));
            }
            return views.of(missionId).map(view -> Response.ok(view).build());
        });
    }
}

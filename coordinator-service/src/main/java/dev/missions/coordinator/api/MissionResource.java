package dev.missions.coordinator.api;

import dev.missions.coordinator.admission.MissionAdmission;

import dev.missions.schemas.Metas;
import dev.missions.coordinator.budget.BudgetRequest;
import dev.missions.coordinator.http.ApiError;
import dev.missions.coordinator.http.Caller;
import dev.missions.coordinator.listing.MissionFilter;
import dev.missions.coordinator.listing.MissionListing;
import dev.missions.coordinator.listing.MissionPage;
import dev.missions.outbox.OutboxRelay;
import dev.missions.coordinator.planning.PlanJson;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.events.MissionKind;
import dev.missions.events.MissionRequested;
import dev.missions.events.Source;
import dev.missions.events.SourceRef;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/missions")
public class MissionResource {

    @Inject
    MissionAdmission admission;

    @Inject
    OutboxRelay relay;

    @Inject
    MissionViews views;

    @Inject
    MissionListing listing;

    @POST
    public Uni<Response> create(@Context SecurityContext caller, @NotNull(message = "a JSON body is required") @Valid NewMission body) {
        if (body.plan() != null) {
            List<String> problems = PlanValidator.problems(body.plan());
            if (!problems.isEmpty()) {
                return Uni.createFrom().item(ApiError.response(Response.Status.BAD_REQUEST,
                        "invalid plan: " + String.join("; ", problems), problems));
            }
        }
        String missionId = UUID.randomUUID().toString();
        MissionRequested request = MissionRequested.newBuilder()
                .setMeta(Metas.first(missionId))
                .setGoal(body.goal().strip())
                .setRepository(body.repository())
                .setBaseBranch(body.baseBranch() == null ? "main" : body.baseBranch())
                .setKind(body.kind() == null ? MissionKind.FEATURE : body.kind())
                .setTitle(body.title())
                .setContext(body.context())
                // who asked: the name of the bearer token, as commands record it
                .setOrigin(SourceRef.newBuilder().setSource(Source.API).setReference(Caller.name(caller)).build())
                .setPlan(body.plan() == null ? null : PlanJson.write(body.plan()))
                .setBudget(BudgetRequest.toAvro(body.budget()))
                .build();
        return admission.admit(request)
                .invoke(relay::wake)
                .flatMap(id -> views.of(id).map(view -> Response
                        .created(URI.create("/missions/" + id))
                        .type(MediaType.APPLICATION_JSON)
                        .entity(view).build()));
    }

    /** Parameters arrive as text so that a bad one gets our 400, not the framework's 404. */
    @GET
    @Operation(summary = "Missions newest first, filtered by status, source, repository and text in goal or title (q);"
            + " limit 1 to 200 (default 50); with counts per status")
    public Uni<MissionPage> list(@QueryParam("status") String status, @QueryParam("source") String source,
            @QueryParam("repository") String repository, @QueryParam("q") String q, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return listing.page(MissionFilter.parse(status, source, repository, q, limit, offset));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        UUID missionId = ApiError.uuid(id, "mission id");
        return views.of(missionId).map(view -> view == null ? ApiError.response(Response.Status.NOT_FOUND, "no mission " + id)
                : Response.ok(view).build());
    }
}

package dev.missions.coordinator.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** One subtask: its cast, lease, artifacts and every attempt with its steps, followed live. */
@Page
@Path("/ui/missions/{id}/subtasks/{subtaskId}")
@Produces(MediaType.TEXT_HTML)
public class SubtaskPage {

    /** This page's templates (templates/ui/subtask*.html), checked at build time like {@link Screens}. */
    @CheckedTemplate(basePath = "ui")
    static final class Templates {

        private Templates() {
        }

        static native TemplateInstance subtask(Views.Chrome chrome, AttemptViews.Detail subtask);

        static native TemplateInstance subtaskLive(AttemptViews.Detail subtask);
    }

    private final MissionsApi api;

    public SubtaskPage(MissionsApi api) {
        this.api = api;
    }

    @GET
    public TemplateInstance subtask(@PathParam("id") String id, @PathParam("subtaskId") String subtaskId,
            @Context ContainerRequestContext request) {
        Session session = MissionPages.session(request);
        return Templates.subtask(MissionPages.chrome("Subtask", session), load(session, id, subtaskId));
    }

    /** The part that changes while the subtask runs: what the page fetches again. */
    @GET
    @Path("/live")
    public TemplateInstance live(@PathParam("id") String id, @PathParam("subtaskId") String subtaskId,
            @Context ContainerRequestContext request) {
        return Templates.subtaskLive(load(MissionPages.session(request), id, subtaskId));
    }

    private AttemptViews.Detail load(Session session, String id, String subtaskId) {
        String missionId = MissionPages.uuid(id);
        return AttemptViews.detail(missionId, MissionPages.read(api, session,
                "/missions/" + missionId + "/subtasks/" + MissionPages.uuid(subtaskId), "Subtask"), Instant.now());
    }
}

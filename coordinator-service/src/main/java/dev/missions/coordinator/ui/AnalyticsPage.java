package dev.missions.coordinator.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.Optional;

/** Analytics over a chosen period: headline figures and charts, from the API's GET /analytics. */
@Page
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class AnalyticsPage {

    /** This page's template (templates/ui/analytics.html), checked at build time like {@link Screens}. */
    @CheckedTemplate(basePath = "ui")
    static final class Templates {

        private Templates() {
        }

        static native TemplateInstance analytics(Views.Chrome chrome, AnalyticsView.Board board);
    }

    private final MissionsApi api;

    public AnalyticsPage(MissionsApi api) {
        this.api = api;
    }

    @GET
    @Path("/analytics")
    public Response analytics(@QueryParam("period") String period, @Context ContainerRequestContext request) {
        Session session = MissionPages.session(request);
        Views.Chrome chrome = MissionPages.chrome("Analytics", session);
        Optional<AnalyticsView.Period> chosen = AnalyticsView.Period.of(period);
        if (chosen.isEmpty()) {
            String asked = period.strip().length() > 40 ? period.strip().substring(0, 39) + "…" : period.strip();
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.analytics(chrome, AnalyticsView.refused(
                    "There is no period '" + asked + "'. Choose the last 7, 30 or 90 days, or all time."))).build();
        }
        LocalDate today = AnalyticsView.today();
        MissionsApi.Reply reply = api.get(session.token(), "/analytics" + AnalyticsView.since(chosen.get(), today));
        if (!reply.ok()) {
            return Response.status(reply.status()).entity(Templates.analytics(chrome, AnalyticsView.refused(reply.error()))).build();
        }
        return Response.ok(Templates.analytics(chrome, AnalyticsView.board(chosen.get(), today, reply.body()))).build();
    }
}

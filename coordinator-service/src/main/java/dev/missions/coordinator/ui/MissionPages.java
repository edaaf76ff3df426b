package dev.missions.coordinator.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The signed-in pages: the missions, a mission with its actions, a new mission; everything through the API. */
@Page
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class MissionPages {

    private static final List<String> FILTERS = List.of("status", "source", "repository", "q", "limit", "offset");

    private final MissionsApi api;

    public MissionPages(MissionsApi api) {
        this.api = api;
    }

    @GET
    @Path("/missions")
    public Response missions(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Session session = session(request);
        Map<String, String> filters = filters(uri.getQueryParameters());
        MissionsApi.Reply page = api.get(session.token(), "/missions" + Views.query(filters));
        if (!page.ok()) {
            // a bad filter: show everything and say what the API refused
            return Response.status(page.status()).entity(Screens.refused(chrome("Missions", session), page.error())).build();
        }
        return Response.ok(Screens.missions(chrome("Missions", session), Views.listing(page.body(), filters, Instant.now()))).build();
    }

    /** The counts, table and paging alone: what the missions page fetches again when a mission changes. */
    @GET
    @Path("/missions/rows")
    public Response rows(@Context UriInfo uri, @Context ContainerRequestContext request) {
        Map<String, String> filters = filters(uri.getQueryParameters());
        MissionsApi.Reply page = api.get(session(request).token(), "/missions" + Views.query(filters));
        if (!page.ok()) {
            return Response.status(page.status()).entity(Screens.flash(new Views.Flash("error", page.error()))).build();
        }
        return Response.ok(Screens.listing(Views.listing(page.body(), filters, Instant.now()))).build();
    }

    @GET
    @Path("/missions/new")
    public TemplateInstance newMission(@Context ContainerRequestContext request) {
        Session session = session(request);
        return Screens.newMission(chrome("New mission", session), Views.Draft.empty(session.csrf()));
    }

    @POST
    @Path("/missions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Session session = session(request);
        Response refused = checkCsrf(session, form.getFirst("csrf"));
        if (refused != null) {
            return refused;
        }
        NewMissionForm entered = NewMissionForm.of(form);
        Map<String, String> problems = entered.problems();
        if (problems.isEmpty()) {
            MissionsApi.Reply reply = api.post(session.token(), "/missions", entered.body());
            if (reply.status() == 201) {
                return Response.seeOther(URI.create("/ui/missions/" + reply.body().path("id").asText())).build();
            }
            problems = NewMissionForm.place(reply.body());
        }
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(Screens.newMission(chrome("New mission", session), entered.draft(problems, session.csrf()))).build();
    }

    @GET
    @Path("/missions/{id}")
    public Response mission(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Session session = session(request);
        JsonNode mission = load(session, id);
        return Response.ok(Screens.mission(chrome("Mission", session), Views.screen(mission, session.csrf()), Views.Flash.none())).build();
    }

    /** Everything on the mission page that changes as the mission runs: what the page fetches again on its events. */
    @GET
    @Path("/missions/{id}/live")
    public TemplateInstance live(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Session session = session(request);
        return Screens.live(Views.screen(load(session, id), session.csrf()));
    }

    @POST
    @Path("/missions/{id}/commands")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response command(@PathParam("id") String id, @FormParam("command") String command, @FormParam("reason") String reason,
            @FormParam("maxTokens") String maxTokens, @FormParam("maxCostUsd") String maxCostUsd, @FormParam("csrf") String csrf,
            @Context ContainerRequestContext request, @Context HttpHeaders headers) {
        Session session = session(request);
        Response refused = checkCsrf(session, csrf);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        BudgetFields raised = new BudgetFields(maxTokens, maxCostUsd);
        Map<String, String> problems = new LinkedHashMap<>();
        raised.check(problems);
        if (problems.isEmpty() && !raised.body().isEmpty()) {
            body.put("budget", raised.body());
        }
        MissionsApi.Reply reply = problems.isEmpty() ? api.post(session.token(), "/missions/" + uuid(id) + "/commands", body)
                : MissionsApi.Reply.refused(String.join("; ", problems.values()));
        Views.Flash flash = reply.ok()
                ? new Views.Flash("notice", Views.label(command) + " sent as " + session.name() + ".")
                : new Views.Flash("error", reply.error());
        int status = reply.ok() ? 200 : reply.status();
        if (headers.getHeaderString("HX-Request") != null) {
            return Response.status(status).entity(Screens.flash(flash)).build(); // htmx swaps it into #flash
        }
        JsonNode mission = load(session, id);
        return Response.status(status).entity(Screens.mission(chrome("Mission", session), Views.screen(mission, session.csrf()), flash))
                .build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf, @Context ContainerRequestContext request, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        Response refused = checkCsrf(session(request), csrf);
        if (refused != null) {
            return refused;
        }
        return Response.seeOther(URI.create("/ui/sign-in"))
                .cookie(Cookies.cleared(Cookies.secure(headers, "https".equals(uri.getRequestUri().getScheme())))).build();
    }

    private JsonNode load(Session session, String id) {
        return read(api, session, "/missions/" + uuid(id), "Mission");
    }

    /** The API's answer to GET {@code pathAndQuery}; a refusal ends the request with a page, titled {@code title}, saying so. */
    static JsonNode read(MissionsApi api, Session session, String pathAndQuery, String title) {
        MissionsApi.Reply reply = api.get(session.token(), pathAndQuery);
        if (!reply.ok()) {
            throw new jakarta.ws.rs.WebApplicationException(Response.status(reply.status())
                    .entity(Screens.refused(chrome(title, session), reply.error())).type(MediaType.TEXT_HTML).build());
        }
        return reply.body();
    }

    /** A form without this session's CSRF value was not sent from our page: refused before anything reaches the API. */
    private static Response checkCsrf(Session session, String presented) {
        if (Sessions.csrfMatches(session, presented)) {
            return null;
        }
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML)
                .entity(Screens.refused(chrome("Refused", session),
                        "This form was refused: its CSRF token is missing or wrong. Reload the page and try again."))
                .build();
    }

    /** An id as the API's URL may hold it; anything else is no page of ours. */
    static String uuid(String id) {
        try {
            return UUID.fromString(id).toString(); // never a path of our own making in the API's URL
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.NotFoundException();
        }
    }

    private static Map<String, String> filters(MultivaluedMap<String, String> query) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = query.getFirst(name);
            if (value != null && !value.isBlank()) {
                filters.put(name, value.strip());
            }
        }
        return filters;
    }

    static Session session(ContainerRequestContext request) {
        Session session = (Session) request.getProperty(SessionGuard.SESSION);
        if (session == null) {
            throw new IllegalStateException("a signed-in page without a session"); // SessionGuard runs first
        }
        return session;
    }

    static Views.Chrome chrome(String title, Session session) {
        return new Views.Chrome(title, session.name(), session.csrf());
    }
}

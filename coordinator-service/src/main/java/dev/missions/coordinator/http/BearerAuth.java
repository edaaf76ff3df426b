package dev.missions.coordinator.http;

import dev.missions.coordinator.ui.Page;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every API route needs {@code Authorization: Bearer <token>} with a token from {@code missions.api.tokens}; the token's
 * name becomes the request's principal ({@link Caller}). Health and OpenAPI are not API routes (they live under /q) and
 * stay open. The check runs once the route is matched and skips only the dashboard's resource classes (marked
 * {@link Page}, guarded by their own session): nothing is exempted by path, so no path trick can skip it. A path that
 * matches no route answers 404 and reaches nothing. An OIDC deployment replaces this with quarkus-oidc.
 */
public class BearerAuth {

    private final ApiTokens tokens;

    public BearerAuth(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass().isAnnotationPresent(Page.class)) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (tokens.none()) {
            return unauthorized("the API has no tokens configured (set missions.api.tokens)");
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized("send Authorization: Bearer <token>");
        }
        Optional<String> holder = tokens.holder(header.substring(7).strip());
        if (holder.isEmpty()) {
            return unauthorized("the bearer token is not valid");
        }
        request.setSecurityContext(new Signed(holder.get(), request.getSecurityContext().isSecure()));
        return null;
    }

    private static Response unauthorized(String why) {
        Response error = ApiError.response(Response.Status.UNAUTHORIZED, why);
        return Response.fromResponse(error).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"missions\"").build();
    }

    /** The holder of a valid token; no roles: every token may do everything the API offers. */
    private record Signed(String name, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}

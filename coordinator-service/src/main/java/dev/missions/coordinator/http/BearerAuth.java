package dev.missions.coordinator.http;

import dev.missions.coordinator.ui.Page;
import io.smallrye.mutiny.Uni;
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
 * matches no route answers 404 and reaches nothing. Where an OpenID Connect provider is configured, a bearer token that
 * is none of ours is checked as the provider's access token ({@link OidcCallers}); the API tokens keep working beside
 * it, for machines.
 */
public class BearerAuth {

    private final ApiTokens tokens;
    private final OidcCallers oidc;

    public BearerAuth(ApiTokens tokens, OidcCallers oidc) {
        this.tokens = tokens;
        this.oidc = oidc;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass().isAnnotationPresent(Page.class)) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (tokens.none() && !oidc.enabled()) {
            return unauthorized("the API has no tokens configured (set missions.api.tokens)");
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized("send Authorization: Bearer <token>");
        }
        String presented = header.substring(7).strip();
        Optional<String> holder = tokens.holder(presented);
        if (holder.isPresent() || !oidc.enabled() || presented.isEmpty()) {
            return signIn(request, holder);
        }
        return oidc.name(presented).onItem().transformToUni(name -> signIn(request, name));
    }

    private static Uni<Response> signIn(ContainerRequestContext request, Optional<String> holder) {
        if (holder.isEmpty()) {
            return unauthorized("the bearer token is not valid");
        }
        request.setSecurityContext(new Signed(holder.get(), request.getSecurityContext().isSecure()));
        return Uni.createFrom().nullItem();
    }

    private static Uni<Response> unauthorized(String why) {
        Response error = ApiError.response(Response.Status.UNAUTHORIZED, why);
        return Uni.createFrom().item(
                Response.fromResponse(error).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"missions\"").build());
    }

    /** The holder of a valid token, ours or the provider's; no roles: every holder may do everything the API offers. */
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

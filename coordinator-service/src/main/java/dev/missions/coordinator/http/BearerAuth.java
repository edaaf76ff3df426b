package dev.missions.coordinator.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API route needs {@code Authorization: Bearer <token>} with a token from {@code missions.api.tokens}.
 * Health and OpenAPI are not API routes (they live under /q) and stay open; nothing here is exempted by
 * path, so no path trick can skip the check. An OIDC deployment replaces this with quarkus-oidc.
 */
public class BearerAuth {

    @ConfigProperty(name = "missions.api.tokens")
    Optional<List<String>> tokens;

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (tokens.isEmpty() || tokens.get().isEmpty()) {
            return unauthorized("the API has no tokens configured (set missions.api.tokens)");
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized("send Authorization: Bearer <token>");
        }
        byte[] presented = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (String token : tokens.get()) {
            // constant time, and no early exit, so timing tells nothing about the tokens
            known |= MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8));
        }
        return known ? null : unauthorized("the bearer token is not valid");
    }

    private static Response unauthorized(String why) {
        Response error = ApiError.response(Response.Status.UNAUTHORIZED, why);
        return Response.fromResponse(error).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"missions\"").build();
    }
}

package dev.missions.coordinator.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body that announces more than {@code missions.api.max-body-bytes} with a 413 before a byte of it is read.
 * The header is only a shortcut: a chunked body has none, so {@link BodyReadLimit} counts what is actually read.
 * The HTTP layer's hard limit (quarkus.http.limits.max-body-size) stays as a backstop.
 */
public class BodySizeLimit {

    private final long maxBodyBytes;

    public BodySizeLimit(@ConfigProperty(name = "missions.api.max-body-bytes", defaultValue = "262144") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request, HttpServerRequest http) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBodyBytes) {
            Response error = ApiError.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request body of " + length.strip()
                    + " bytes is over the limit of " + maxBodyBytes + " bytes");
            // nothing of the body is wanted: the connection closes rather than reading it only to discard it
            return Response.fromResponse(error).header("Connection", "close").build();
        }
        request.setProperty(BodyReadLimit.HTTP_REQUEST, http);
        return null;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}

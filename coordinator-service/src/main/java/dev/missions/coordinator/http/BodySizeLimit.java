package dev.missions.coordinator.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses an oversize body with a clear 400 before it is read; the HTTP layer's hard limit stays as a backstop. */
public class BodySizeLimit {

    @ConfigProperty(name = "missions.api.max-body-bytes", defaultValue = "262144")
    long maxBodyBytes;

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBodyBytes) {
            return ApiError.response(Response.Status.BAD_REQUEST,
                    "request body of " + length + " bytes is over the limit of " + maxBodyBytes + " bytes");
        }
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

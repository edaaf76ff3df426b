package dev.missions.gateway.http;

import io.quarkus.logging.Log;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an oversize body by its Content-Length before it is read. A chunked body has none; the webhook
 * checks the bytes it got ({@link #check(byte[], long)}), and the HTTP layer's hard limit stays as a backstop.
 */
public class BodySizeLimit {

    // a plain property, not GatewayConfig: filters are built before runtime config mappings exist
    @ConfigProperty(name = "missions.gateway.max-body-bytes", defaultValue = "262144")
    long maxBodyBytes;

    @ServerRequestFilter(preMatching = true)
    public Response byHeader(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBodyBytes) {
            Rejection rejection = Rejection.tooLarge(parse(length), maxBodyBytes);
            Log.warnf("refused %s %s with 413: %s", request.getMethod(), request.getUriInfo().getPath(), rejection.detail());
            return GatewayError.response(413, rejection.getMessage());
        }
        return null;
    }

    /** The body as read; null (no body) is an empty one. */
    public static byte[] check(byte[] body, long limit) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > limit) {
            throw Rejection.tooLarge(bytes.length, limit);
        }
        return bytes;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}

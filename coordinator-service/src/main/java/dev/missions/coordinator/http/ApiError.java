package dev.missions.coordinator.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The one error body of the API: what went wrong, and each offending field where there are some. */
public record ApiError(int status, String error, List<String> violations) {

    public static Response response(Response.Status status, String error) {
        return response(status, error, List.of());
    }

    public static Response response(Response.Status status, String error, List<String> violations) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), error, violations)).build();
    }

    public static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(response(Response.Status.BAD_REQUEST, what + " must be a UUID, got '" + value + "'"));
        }
    }
}

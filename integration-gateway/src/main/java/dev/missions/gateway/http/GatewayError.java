package dev.missions.gateway.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error body of the gateway, shaped like the coordinator's: {@code {"status":401,"error":"…"}}. */
public record GatewayError(int status, String error) {

    public static Response response(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new GatewayError(status, error)).build();
    }
}

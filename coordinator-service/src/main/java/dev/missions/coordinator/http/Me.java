package dev.missions.coordinator.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Who the bearer token belongs to: lets a client check a token before it keeps it, and name who signed in (the
 * dashboard's sign-in, with an API token or the provider's access token).
 */
@Path("/me")
public class Me {

    public record Holder(String name) {
    }

    @GET
    @Operation(summary = "The name of the bearer token's holder")
    public Holder me(@Context SecurityContext caller) {
        return new Holder(Caller.name(caller));
    }
}

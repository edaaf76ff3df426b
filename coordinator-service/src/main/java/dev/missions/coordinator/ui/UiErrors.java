package dev.missions.coordinator.ui;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A token withdrawn while its session lasts: the session is over, and the person is sent to sign in again. */
public class UiErrors {

    @ServerExceptionMapper
    public Response signedOut(MissionsApi.SignedOut e) {
        return Response.seeOther(URI.create("/ui/sign-in?expired")).cookie(Cookies.cleared(false)).build();
    }
}

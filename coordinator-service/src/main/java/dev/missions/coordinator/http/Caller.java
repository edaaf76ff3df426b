package dev.missions.coordinator.http;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who sent an API request, as {@link BearerAuth} signed it in: the name of the API token it carried, or the name the
 * OpenID Connect provider's access token gives (its principal claim).
 */
public final class Caller {

    private Caller() {
    }

    public static String name(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null) {
            // BearerAuth runs before every route; a request without a principal must not act as anyone
            throw new IllegalStateException("no signed-in caller on an API request");
        }
        return principal.getName();
    }
}

package dev.missions.coordinator.ui;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Guards the dashboard's resources ({@link Page}) with the session cookie, as the bearer check guards the API's: a
 * request without a session goes to sign-in, one whose session ended or does not open goes there saying so.
 */
public class SessionGuard {

    /** The request property the opened {@link Session} is under, for the resource. */
    static final String SESSION = SessionGuard.class.getName() + ".session";

    /** No inline script, style or handler runs: only what the service itself serves. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final Sessions sessions;

    public SessionGuard(Sessions sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response guard(ContainerRequestContext request, SimpleResourceInfo resource) {
        Page page = resource.getResourceClass().getAnnotation(Page.class);
        if (page == null || !page.signedIn()) {
            return null;
        }
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return toSignIn(request, "/ui/sign-in");
        }
        Optional<Session> session = sessions.open(cookie.getValue());
        if (session.isEmpty()) {
            return toSignIn(request, "/ui/sign-in?expired");
        }
        request.setProperty(SESSION, session.get());
        return null;
    }

    @ServerResponseFilter
    public void secure(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (resource != null && resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(Page.class)) {
            response.getHeaders().putSingle("Content-Security-Policy", CSP);
            response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
            response.getHeaders().putSingle("Referrer-Policy", "same-origin");
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }

    /** htmx follows a redirect inside the page; told by HX-Redirect, it takes the whole page to sign-in instead. */
    private static Response toSignIn(ContainerRequestContext request, String location) {
        if (request.getHeaderString("HX-Request") != null) {
            return Response.status(Response.Status.UNAUTHORIZED).header("HX-Redirect", location).build();
        }
        return Response.seeOther(URI.create(location)).build();
    }
}

package dev.missions.coordinator.ui;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/**
 * Sign-in: a person pastes an API token once; the dashboard checks it with GET /me and keeps it in the session. Where an
 * OpenID Connect provider is configured, the page offers sign-in there instead ({@link ProviderSignIn}) and takes no
 * pasted token: people act under the provider's names, and tokens stay with machines.
 */
@Page(signedIn = false)
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    private static final Views.Chrome CHROME = new Views.Chrome("Sign in", null, null);

    private final MissionsApi api;
    private final Sessions sessions;
    private final Provider provider;

    public SignInPage(MissionsApi api, Sessions sessions, Provider provider) {
        this.api = api;
        this.sessions = sessions;
        this.provider = provider;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/ui/missions")).build();
    }

    @GET
    @Path("/sign-in")
    public TemplateInstance form(@Context UriInfo uri) {
        boolean ended = uri.getQueryParameters().containsKey("expired");
        return Screens.signIn(CHROME, ended ? "Your session has ended. Sign in again." : null, null, offered(provider));
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @Context HttpHeaders headers, @Context UriInfo uri) {
        if (provider.enabled()) {
            return refused(provider, "Sign in with " + provider.name() + ": this dashboard takes no pasted tokens.");
        }
        Optional<String> name = holder(token);
        if (name.isEmpty()) {
            return refused(provider, "That token is not valid. Paste an API token from missions.api.tokens.");
        }
        Session session = sessions.start(token.strip(), name.get());
        return Response.seeOther(URI.create("/ui/missions"))
                .cookie(Cookies.session(sessions.seal(session), sessions.secondsLeft(session),
                        Cookies.secure(headers, "https".equals(uri.getRequestUri().getScheme()))))
                .build();
    }

    /** The sign-in page saying why no one was signed in. */
    static Response refused(Provider provider, String error) {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_HTML)
                .entity(Screens.signIn(CHROME, null, error, offered(provider))).build();
    }

    /** The provider the page offers a button for; none: the page offers the token field. */
    private static String offered(Provider provider) {
        return provider.enabled() ? provider.name() : null;
    }

    private Optional<String> holder(String token) {
        if (token == null || token.isBlank() || token.strip().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return Optional.empty(); // a token is printable ASCII: anything else cannot even go in a header
        }
        try {
            MissionsApi.Reply me = api.get(token.strip(), "/me");
            return me.ok() ? Optional.ofNullable(me.body().path("name").asText(null)) : Optional.empty();
        } catch (MissionsApi.SignedOut e) {
            return Optional.empty();
        }
    }
}

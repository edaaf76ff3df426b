package dev.missions.coordinator.ui;

import io.quarkus.logging.Log;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in through the OpenID Connect provider (authorization code flow with PKCE), where one is configured: the button
 * on the sign-in page leads here, the provider sends the person back to the callback, and the dashboard keeps the
 * access token in the same sealed session a pasted token gets. The person's name is the API's: GET /me with that token.
 */
@Page(signedIn = false)
@Path("/ui/oidc")
@Produces(MediaType.TEXT_HTML)
public class ProviderSignIn {

    /** The session ends this long before the access token, so the API never sees a token that ran out mid-request. */
    private static final long SKEW_SECONDS = 10;

    private final Provider provider;
    private final Sessions sessions;
    private final MissionsApi api;
    private final Optional<String> redirectUri;

    public ProviderSignIn(Provider provider, Sessions sessions, MissionsApi api,
            @ConfigProperty(name = "missions.ui.oidc.redirect-uri") Optional<String> redirectUri) {
        this.provider = provider;
        this.sessions = sessions;
        this.api = api;
        this.redirectUri = redirectUri;
    }

    /** Starts a sign-in: a new flow in its cookie, and the person on their way to the provider. */
    @GET
    @Path("/sign-in")
    public Response start(@Context UriInfo uri, @Context HttpHeaders headers) {
        enabled();
        SignInFlow flow = SignInFlow.start(sessions,
                redirectUri.orElseGet(() -> uri.getBaseUriBuilder().path("/ui/oidc/callback").build().toString()));
        URI authorization;
        try {
            authorization = provider.authorization(flow);
        } catch (Provider.Refused e) {
            return SignInPage.refused(provider, e.getMessage());
        }
        return Response.seeOther(authorization)
                .cookie(Cookies.flow(flow.seal(sessions), SignInFlow.LIFETIME.toSeconds(), secure(headers, uri))).build();
    }

    /** Where the provider sends the person back: with a code and the flow's state, or with an error. */
    @GET
    @Path("/callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        enabled();
        boolean secure = secure(headers, uri);
        Cookie cookie = headers.getCookies().get(SignInFlow.COOKIE);
        Optional<SignInFlow> flow = SignInFlow.open(sessions, cookie == null ? null : cookie.getValue());
        String refusal;
        if (flow.isEmpty()) {
            refusal = "This sign-in was not started here, or took longer than " + SignInFlow.LIFETIME.toMinutes()
                    + " minutes. Sign in again.";
        } else if (!flow.get().stateMatches(state)) {
            refusal = "This sign-in does not belong to the one this browser started. Sign in again.";
        } else if (error != null) {
            refusal = "access_denied".equals(error) ? "The sign-in at " + provider.name() + " was cancelled or refused."
                    : provider.name() + " could not sign you in (" + SignInFlow.errorCode(error) + ").";
        } else if (code == null || code.isBlank()) {
            refusal = provider.name() + " sent no authorization code. Sign in again.";
        } else {
            try {
                return signIn(code, flow.get(), secure);
            } catch (Provider.Refused e) {
                refusal = e.getMessage();
            }
        }
        // whatever went wrong, the flow is spent: its cookie goes
        return Response.fromResponse(SignInPage.refused(provider, refusal)).cookie(Cookies.flowCleared(secure)).build();
    }

    private Response signIn(String code, SignInFlow flow, boolean secure) {
        Provider.Tokens tokens = provider.exchange(code, flow);
        if (!flow.issued(tokens.idToken(), provider.endpoints().issuer(), provider.clientId())) {
            throw new Provider.Refused(provider.name() + " sent an ID token that was not issued for this sign-in. Sign in again.");
        }
        String name = holder(tokens.accessToken());
        Instant tokenEnds = tokens.expiresIn().isPresent()
                ? sessions.clock().instant().plusSeconds(tokens.expiresIn().getAsLong() - SKEW_SECONDS) : Instant.MAX;
        Session session = sessions.start(tokens.accessToken(), name, tokenEnds);
        // a page, not a redirect: the callback came from the provider's site, and a browser sends no SameSite=Strict cookie
        // along a redirect that began there, so the next page is reached from this one, a navigation of our own site
        return Response.ok(Screens.signedIn("/ui/missions"))
                .cookie(Cookies.session(sessions.seal(session), sessions.secondsLeft(session), secure), Cookies.flowCleared(secure))
                .build();
    }

    /** Who the access token belongs to, as the API says: it verifies the token, and names the person by its claims. */
    private String holder(String accessToken) {
        try {
            MissionsApi.Reply me = api.get(accessToken, "/me");
            String name = me.ok() ? me.body().path("name").asText("") : "";
            if (name.isEmpty()) {
                throw new Provider.Refused("The missions API could not name you: " + me.error());
            }
            return name;
        } catch (MissionsApi.SignedOut e) {
            Log.warnf("the API refused an access token from %s: check quarkus.oidc.* (issuer, audience, principal claim)", provider.name());
            throw new Provider.Refused("You signed in at " + provider.name() + ", but the missions API does not accept that sign-in."
                    + " Ask whoever runs it to check its OIDC settings.");
        } catch (UncheckedIOException e) {
            throw new Provider.Refused("The missions API cannot be reached. Try again in a moment.");
        }
    }

    private void enabled() {
        if (!provider.enabled()) {
            throw new NotFoundException(); // no provider, no such page: people paste a token instead
        }
    }

    private static boolean secure(HttpHeaders headers, UriInfo uri) {
        return Cookies.secure(headers, "https".equals(uri.getRequestUri().getScheme()));
    }
}

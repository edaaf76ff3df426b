package dev.missions.coordinator.ui;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

/** The session cookie's flags: out of reach of scripts, never sent cross-site, only to the dashboard. */
final class Cookies {

    private Cookies() {
    }

    static NewCookie session(String value, long maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(Sessions.COOKIE).value(value).path("/ui").maxAge((int) maxAgeSeconds).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).build();
    }

    static NewCookie cleared(boolean secure) {
        return session("", 0, secure);
    }

    /**
     * The sign-in flow waiting for the provider's callback. Lax, not Strict: the callback is a navigation from the
     * provider's site, which a Strict cookie would not come with; Lax still keeps it from every cross-site POST and frame.
     */
    static NewCookie flow(String value, long maxAgeSeconds, boolean secure) {
        return new NewCookie.Builder(SignInFlow.COOKIE).value(value).path("/ui/oidc").maxAge((int) maxAgeSeconds).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.LAX).build();
    }

    static NewCookie flowCleared(boolean secure) {
        return flow("", 0, secure);
    }

    /** Over https, directly or behind a proxy that says so. */
    static boolean secure(HttpHeaders headers, boolean direct) {
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        return direct || (forwarded != null && forwarded.strip().equalsIgnoreCase("https"));
    }
}

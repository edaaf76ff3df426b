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

    /** Over https, directly or behind a proxy that says so. */
    static boolean secure(HttpHeaders headers, boolean direct) {
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        return direct || (forwarded != null && forwarded.strip().equalsIgnoreCase("https"));
    }
}

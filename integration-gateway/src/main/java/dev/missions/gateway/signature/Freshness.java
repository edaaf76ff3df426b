package dev.missions.gateway.signature;

import dev.missions.gateway.http.Rejection;
import dev.missions.gateway.metrics.Refusal;
import java.time.Duration;
import java.time.Instant;

/** A signed timestamp must be close to now, in either direction, so a captured request cannot be replayed later. */
public final class Freshness {

    private Freshness() {
    }

    public static void require(Instant signedAt, Duration maxAge, Instant now, String what) {
        Duration skew = Duration.between(signedAt, now).abs();
        if (skew.compareTo(maxAge) > 0) {
            throw Rejection.unauthorized(Refusal.STALE, "stale request: " + what + " is outside the " + maxAge.toSeconds() + " s window",
                    "stale request: " + what + " " + signedAt + " is " + skew.toSeconds() + " s from now, the window is "
                            + maxAge.toSeconds() + " s");
        }
    }
}

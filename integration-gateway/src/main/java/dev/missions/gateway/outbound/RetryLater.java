package dev.missions.gateway.outbound;

import java.time.Duration;

/** A send that failed and may work later; {@code after}, when the provider said how long to wait (Retry-After). */
public class RetryLater extends RuntimeException {

    private final Duration after;

    public RetryLater(String message, Duration after) {
        super(message, null, false, false);
        this.after = after;
    }

    public Duration after() {
        return after;
    }
}

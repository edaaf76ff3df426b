package dev.missions.gateway.http;

import dev.missions.gateway.metrics.Refusal;

/**
 * A request the gateway refuses. {@code error} goes back to the caller; {@code detail} only to the log, and
 * neither may ever contain a secret or a computed signature. {@code reason} names it for the metrics.
 */
public class Rejection extends RuntimeException {

    private final int status;
    private final Refusal reason;
    private final String detail;

    private Rejection(int status, Refusal reason, String error, String detail) {
        super(error, null, false, false);
        this.status = status;
        this.reason = reason;
        this.detail = detail;
    }

    public static Rejection unauthorized(Refusal reason, String error) {
        return new Rejection(401, reason, error, error);
    }

    public static Rejection unauthorized(Refusal reason, String error, String detail) {
        return new Rejection(401, reason, error, detail);
    }

    /** A body or header that is not what it must be. */
    public static Rejection badRequest(String error) {
        return new Rejection(400, Refusal.MALFORMED, error, error);
    }

    public static Rejection badRequest(Refusal reason, String error) {
        return new Rejection(400, reason, error, error);
    }

    /** Verified, but from someone not allowed to act here (a Slack workspace not configured). */
    public static Rejection forbidden(Refusal reason, String error) {
        return new Rejection(403, reason, error, error);
    }

    public static Rejection tooLarge(long length, long limit) {
        String error = "request body of " + length + " bytes is over the limit of " + limit + " bytes";
        return new Rejection(413, Refusal.TOO_LARGE, error, error);
    }

    public int status() {
        return status;
    }

    public Refusal reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}

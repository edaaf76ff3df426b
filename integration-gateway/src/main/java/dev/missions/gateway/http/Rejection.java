package dev.missions.gateway.http;

/**
 * A request the gateway refuses. {@code error} goes back to the caller; {@code detail} only to the log, and
 * neither may ever contain a secret or a computed signature.
 */
public class Rejection extends RuntimeException {

    private final int status;
    private final String detail;

    private Rejection(int status, String error, String detail) {
        super(error, null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public static Rejection unauthorized(String error) {
        return new Rejection(401, error, error);
    }

    public static Rejection unauthorized(String error, String detail) {
        return new Rejection(401, error, detail);
    }

    public static Rejection badRequest(String error) {
        return new Rejection(400, error, error);
    }

    /** Verified, but from someone not allowed to act here (a Slack workspace not configured). */
    public static Rejection forbidden(String error) {
        return new Rejection(403, error, error);
    }

    public static Rejection tooLarge(long length, long limit) {
        String error = "request body of " + length + " bytes is over the limit of " + limit + " bytes";
        return new Rejection(413, error, error);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}

package dev.missions.gateway.metrics;

import java.util.Locale;

/** Why a delivery was refused: the label {@code reason}, named in code so it never carries request content. */
public enum Refusal {
    /** The body is over missions.gateway.max-body-bytes (413). */
    TOO_LARGE,
    /** The endpoint has no secret or token configured, so nothing can be verified (401). */
    MISSING_SECRET,
    /** The signature or token is missing, malformed or does not match (401). */
    BAD_SIGNATURE,
    /** The signed timestamp is missing or outside the window (401). */
    STALE,
    /** Not the JSON or form it must be, or a required field or delivery header is missing (400 and other 4xx). */
    MALFORMED,
    /** An event type, interaction or button the gateway does not take (400). */
    UNSUPPORTED,
    /** The same delivery came before (400). */
    DUPLICATE,
    /** A Slack workspace not in missions.gateway.slack.team-ids. */
    UNKNOWN_WORKSPACE,
    /** A Slack user who may not approve, reject or cancel. */
    NOT_APPROVER,
    /** Verified and recorded, but it asks for nothing (another event, a branch not configured, a ping). */
    IGNORED,
    /** Verified and recorded, but a mission was already started for its issue or CI failure. */
    ALREADY_STARTED,
    /** The gateway failed to take it (5xx); the provider retries. */
    ERROR;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

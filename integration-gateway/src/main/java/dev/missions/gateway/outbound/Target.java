package dev.missions.gateway.outbound;

/** Where a notification goes; each target keeps its own per-mission order. */
public enum Target {
    /** The mission's one Slack message, posted then updated in place. */
    SLACK_PROGRESS,
    /** A reply in that message's thread, for a notable event. */
    SLACK_THREAD,
    /** A comment on the Linear issue the mission came from. */
    LINEAR_COMMENT,
    /** The pull (merge) request of a finished mission; the other targets' SUCCEEDED notices wait for it. */
    PULL_REQUEST
}

package dev.missions.gateway.metrics;

/** How one try of an outbound notification ended: the label {@code outcome} of missions_notifications_total. */
public enum NotificationOutcome {
    SENT,
    /** Failed, and will be tried again. */
    RETRIED,
    /** Failed for the last time: kept with its error, never tried again. */
    DEAD
}

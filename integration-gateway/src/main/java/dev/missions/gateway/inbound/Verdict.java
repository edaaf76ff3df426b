package dev.missions.gateway.inbound;

/** What became of a verified delivery. */
public enum Verdict {
    /** Recorded with its record in the outbox: it will be published. */
    PUBLISHED,
    /** Recorded; there was nothing to publish. */
    RECORDED,
    /** The same delivery came before: nothing changed. */
    REPLAYED,
    /** Recorded, but a mission was already started for its key: nothing published. */
    ALREADY_STARTED
}

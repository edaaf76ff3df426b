package dev.missions.outbox;

/**
 * Lets a service stop its relay from the outside: the coordinator's crash points freeze it and park it between
 * the broker's acknowledgement and the mark, where a real crash would hurt most.
 */
public interface RelayGuard {

    /** True when nothing more may leave this process. */
    boolean halted();

    /** Called after the broker acknowledged a batch, before its rows are marked sent. */
    void acknowledged();
}

package dev.missions.droid.runtime;

import dev.missions.events.Role;

/** The one thing a droid service provides: how its role turns a subtask into a result. Exactly one bean per service. */
public interface RoleWork {

    /** The role this service plays; must match {@code missions.droid.role}. */
    Role role();

    /**
     * Does one attempt. Runs on a virtual thread of its own, so it may block; it should check
     * {@link Attempt#cancelled()} between long steps (agent runs do so on every step).
     *
     * @return the result to report on droid.results
     * @throws RuntimeException when the attempt cannot be worked: it is reported FAILED with the error
     */
    WorkResult perform(Attempt attempt);

    /** The files this role may change; {@code missions.droid.allowed-paths} replaces it when set. */
    default AllowedChanges allowedChanges() {
        return AllowedChanges.ANY;
    }
}

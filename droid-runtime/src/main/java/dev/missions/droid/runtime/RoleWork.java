package dev.missions.droid.runtime;

import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;

/** The one thing a droid service provides: how its role turns a subtask into a result. Exactly one bean per service. */
public interface RoleWork {

    /** The role this service plays; must match {@code missions.droid.role}. */
    Role role();

    /**
     * Does one attempt of {@code task}. Runs on a worker thread, so it may block.
     *
     * @return the result to report on droid.results; always one, as the coordinator waits for every attempt
     * @throws RuntimeException when the task cannot be worked at all: it is dead-lettered
     */
    WorkResult perform(SubtaskAssigned task);
}

package dev.missions.droid.code;

import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** The code droid. For now it only confirms receipt; the agent loop on the cast model comes later. */
@ApplicationScoped
public class CodeWork implements RoleWork {

    @Override
    public Role role() {
        return Role.CODE;
    }

    @Override
    public Optional<WorkResult> perform(SubtaskAssigned task) {
        return Optional.of(WorkResult.succeeded(
                "code droid received subtask " + task.getSubtaskId() + " attempt " + task.getAttempt()
                        + " (no model cast yet)",
                Map.of("received", "true")));
    }
}

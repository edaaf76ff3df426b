package dev.missions.droid.code;

import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Artifacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The code droid. For now it only confirms receipt; the agent loop on the cast model comes later. */
@ApplicationScoped
public class CodeWork implements RoleWork {

    @Override
    public Role role() {
        return Role.CODE;
    }

    @Override
    public WorkResult perform(SubtaskAssigned task) {
        return WorkResult.notDoneYet(task, "no code written: no model cast yet",
                Map.of("received", "true", Artifacts.COMMITS, ""));
    }
}

package dev.missions.droid.docs;

import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Artifacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The docs droid: will keep README, docs and CHANGELOG in step with the change. Until then it changes none. */
@ApplicationScoped
public class DocsWork implements RoleWork {

    @Override
    public Role role() {
        return Role.DOCS;
    }

    @Override
    public WorkResult perform(SubtaskAssigned task) {
        return WorkResult.notDoneYet(task, "no docs changed: no model cast yet", Map.of(Artifacts.FILES_CHANGED, ""));
    }
}

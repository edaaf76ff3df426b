package dev.missions.droid.test;

import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Artifacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The test droid: will run the repository's real build and tests. Until then it reports that it ran none. */
@ApplicationScoped
public class TestWork implements RoleWork {

    @Override
    public Role role() {
        return Role.TEST;
    }

    @Override
    public WorkResult perform(SubtaskAssigned task) {
        return WorkResult.notDoneYet(task, "tests not run: no build runner yet",
                Map.of(Artifacts.TESTS, Artifacts.NOT_RUN));
    }
}

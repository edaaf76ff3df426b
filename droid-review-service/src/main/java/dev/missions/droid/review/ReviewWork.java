package dev.missions.droid.review;

import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Artifacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The review droid: will review the mission diff on the cast model. Until then it reports that it reviewed nothing. */
@ApplicationScoped
public class ReviewWork implements RoleWork {

    @Override
    public Role role() {
        return Role.REVIEW;
    }

    @Override
    public WorkResult perform(SubtaskAssigned task) {
        return WorkResult.notDoneYet(task, "nothing reviewed: no model cast yet",
                Map.of(Artifacts.VERDICT, Artifacts.NOT_REVIEWED));
    }
}

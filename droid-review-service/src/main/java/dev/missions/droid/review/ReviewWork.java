package dev.missions.droid.review;

import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.events.Role;
import dev.missions.events.SubtaskAssigned;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The review droid: reviews the mission diff, verdict and line comments. For now it only logs what it is given and reports nothing. */
@ApplicationScoped
public class ReviewWork implements RoleWork {

    private static final Logger LOG = Logger.getLogger(ReviewWork.class);

    @Override
    public Role role() {
        return Role.REVIEW;
    }

    @Override
    public Optional<WorkResult> perform(SubtaskAssigned task) {
        LOG.infof("review droid got subtask %s attempt %d '%s' on %s (cast %s/%s); no result until its work lands",
                task.getSubtaskId(), task.getAttempt(), task.getTitle(), task.getWorkspace().getMissionBranch(),
                task.getCasting().getProvider(), task.getCasting().getModel());
        return Optional.empty();
    }
}

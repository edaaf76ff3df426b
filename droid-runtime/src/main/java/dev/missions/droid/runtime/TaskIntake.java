package dev.missions.droid.runtime;

import dev.missions.events.SubtaskAssigned;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes the tasks of this droid's role off droid.tasks.&lt;role&gt;, has the role work them and reports the result.
 * A task that throws is nacked and, by the channel's failure strategy, dead-lettered.
 */
@ApplicationScoped
public class TaskIntake {

    private static final Logger LOG = Logger.getLogger(TaskIntake.class);

    private final RoleWork work;
    private final DroidIdentity identity;
    private final ResultPublisher publisher;
    private final Heartbeats heartbeats;
    private final Cancellations cancellations;

    public TaskIntake(RoleWork work, DroidIdentity identity, ResultPublisher publisher, Heartbeats heartbeats,
            Cancellations cancellations) {
        this.work = work;
        this.identity = identity;
        this.publisher = publisher;
        this.heartbeats = heartbeats;
        this.cancellations = cancellations;
    }

    /** A service whose work and configured role disagree would consume another role's topic: refuse to start. */
    void checkRole(@Observes StartupEvent started) {
        if (work.role() != identity.role()) {
            throw new IllegalStateException("missions.droid.role is " + identity.role() + " but "
                    + work.getClass().getName() + " does " + work.role());
        }
        LOG.infof("droid %s ready for %s tasks", identity.droidId(), identity.role());
    }

    @Incoming("tasks")
    @Blocking
    public void receive(SubtaskAssigned task) {
        if (task.getRole() != identity.role()) {
            throw new IllegalArgumentException("subtask " + task.getSubtaskId() + " is for " + task.getRole()
                    + ", not " + identity.role());
        }
        LOG.infof("mission %s: subtask %s attempt %d '%s' received (cast %s/%s)", task.getMeta().getMissionId(),
                task.getSubtaskId(), task.getAttempt(), task.getTitle(), task.getCasting().getProvider(),
                task.getCasting().getModel());
        WorkResult result;
        if (cancellations.isCancelled(task.getMeta().getMissionId())) {
            result = WorkResult.failed("not started: mission " + task.getMeta().getMissionId() + " was cancelled", "mission cancelled");
        } else {
            try (Heartbeats.Beating beating = heartbeats.start(task)) {
                result = work.perform(task);
            }
        }
        var completed = publisher.publish(task, result);
        LOG.infof("mission %s: subtask %s attempt %d %s", task.getMeta().getMissionId(), task.getSubtaskId(),
                task.getAttempt(), completed.getOutcome());
    }
}

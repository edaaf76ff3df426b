package dev.missions.droid.runtime;

import dev.missions.droid.runtime.cast.UnknownProviderException;
import dev.missions.events.AttemptStep;
import dev.missions.events.SubtaskAssigned;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Takes the tasks of this droid's role off droid.tasks.&lt;role&gt; and works each on a virtual thread. A task is
 * acked as soon as it has a slot: long work must not hold the poll loop, and the lease, not the offset, is what
 * brings a task back when its droid dies. With every slot busy, intake waits, and the rest stays on the topic for
 * other instances.
 */
@ApplicationScoped
public class TaskIntake {

    private static final Logger LOG = Logger.getLogger(TaskIntake.class);

    private final RoleWork work;
    private final DroidIdentity identity;
    private final ResultPublisher publisher;
    private final Heartbeats heartbeats;
    private final Attempts attempts;
    private final Semaphore slots;
    private final NoopWork noop;
    private final DroidMetrics metrics;
    private final AttemptSpans spans;

    public TaskIntake(RoleWork work, DroidIdentity identity, ResultPublisher publisher, Heartbeats heartbeats,
            Attempts attempts, DroidConfig config, DroidMetrics metrics, AttemptSpans spans) {
        this.work = work;
        this.identity = identity;
        this.publisher = publisher;
        this.heartbeats = heartbeats;
        this.attempts = attempts;
        int capacity = Math.max(1, config.maxConcurrentTasks());
        this.slots = new Semaphore(capacity);
        this.noop = NoopWork.of(config, identity.droidId());
        this.metrics = metrics;
        this.spans = spans;
        metrics.watch(slots, capacity);
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
    public CompletionStage<Void> receive(Message<SubtaskAssigned> message) {
        SubtaskAssigned task = message.getPayload();
        if (task.getRole() != identity.role()) {
            return message.nack(new IllegalArgumentException("subtask " + task.getSubtaskId() + " is for "
                    + task.getRole() + ", not " + identity.role()));
        }
        if (!attempts.admit(task)) {
            LOG.infof("mission %s: subtask %s attempt %d ignored: this attempt or a newer one was already received",
                    task.getMeta().getMissionId(), task.getSubtaskId(), task.getAttempt());
            return message.ack();
        }
        SpanContext dispatch = AttemptSpans.dispatch(message);
        slots.acquireUninterruptibly();
        try {
            Thread.ofVirtual().name("subtask-" + task.getSubtaskId() + "-" + task.getAttempt()).start(() -> {
                Span attempt = spans.start(task, dispatch);
                // every line the attempt logs names it (JSON logs carry the MDC); the thread ends with the attempt
                MDC.put("missionId", task.getMeta().getMissionId());
                MDC.put("subtaskId", task.getSubtaskId());
                MDC.put("attempt", String.valueOf(task.getAttempt()));
                try (Scope ignored = attempt.makeCurrent()) {
                    work(task);
                } finally {
                    attempt.end();
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        return message.ack();
    }

    private void work(SubtaskAssigned task) {
        metrics.attemptStarted(task.getMeta().getOccurredAt());
        if (NoopWork.casts(task)) {
            try (Heartbeats.Beating beating = heartbeats.start(task, () -> 0, () -> null, List::of)) {
                publish(task, noop.perform(task), List.of());
            }
            return;
        }
        String mission = task.getMeta().getMissionId();
        LOG.infof("mission %s: subtask %s attempt %d '%s' started (cast %s/%s)", mission, task.getSubtaskId(),
                task.getAttempt(), task.getTitle(), task.getCasting().getProvider(), task.getCasting().getModel());
        WorkResult result;
        List<AttemptStep> steps = List.of();
        try (Attempt attempt = attempts.open(task); Heartbeats.Beating beating = heartbeats.start(attempt)) {
            result = attempts.missionCancelled(task)
                    ? WorkResult.failed("not started: mission " + mission + " was cancelled", "mission cancelled")
                    : work.perform(attempt);
            if (attempts.superseded(task)) {
                result = WorkResult.failed("stopped: a newer attempt of subtask " + task.getSubtaskId()
                        + " was received", "superseded");
            }
            result = result.usage() == null ? result.withUsage(attempt.usage().snapshot()) : result;
            steps = attempt.steps().latest();
        } catch (ChangesRefused e) {
            LOG.warnf("mission %s: subtask %s attempt %d: %s", mission, task.getSubtaskId(), task.getAttempt(),
                    e.getMessage());
            result = WorkResult.failed("refused: " + e.getMessage(), e.getMessage());
        } catch (UnknownProviderException e) {
            result = WorkResult.failed("cannot cast " + task.getCasting().getProvider() + "/"
                    + task.getCasting().getModel() + ": " + e.getMessage(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "mission %s: subtask %s attempt %d failed", mission, task.getSubtaskId(), task.getAttempt());
            result = WorkResult.failed("the droid failed: " + e.getMessage(), e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        publish(task, result, steps);
    }

    private void publish(SubtaskAssigned task, WorkResult result, List<AttemptStep> steps) {
        // counted before publishing: whoever sees the result also sees it in the metrics
        metrics.attemptEnded(result, attempts.missionCancelled(task) || attempts.superseded(task));
        String mission = task.getMeta().getMissionId();
        try {
            var completed = publisher.publish(task, result, steps);
            // the raw summary: the log filter masks secrets in every line, this one included
            LOG.infof("mission %s: subtask %s attempt %d %s: %s", mission, task.getSubtaskId(), task.getAttempt(),
                    completed.getOutcome(), result.summary());
        } catch (RuntimeException e) {
            // the coordinator's lease on this attempt runs out and it dispatches the next one
            LOG.errorf(e, "mission %s: result of subtask %s attempt %d not published", mission, task.getSubtaskId(),
                    task.getAttempt());
        }
    }
}

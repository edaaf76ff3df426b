package dev.missions.droid.runtime;

import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Artifacts;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code noop} casting: the attempt succeeds after a fixed delay, with no workspace and no model, and with the
 * artifacts that let a plan move on (tests passed, review approved). Benchmarks and chaos runs use it so that
 * everything but the model and the repository runs for real.
 */
final class NoopWork {

    static final String PROVIDER = "noop";

    private NoopWork() {
    }

    static boolean casts(SubtaskAssigned task) {
        return PROVIDER.equalsIgnoreCase(task.getCasting().getProvider().strip());
    }

    static WorkResult perform(SubtaskAssigned task, Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return WorkResult.failed("noop attempt interrupted", "interrupted");
            }
        }
        return WorkResult.succeeded("noop: " + task.getRole().name().toLowerCase() + " subtask " + task.getSubtaskId()
                + " attempt " + task.getAttempt() + " completed without work", Map.of(
                Artifacts.TESTS, Artifacts.PASSED,
                Artifacts.VERDICT, Artifacts.APPROVE,
                Artifacts.COMMITS, ""));
    }
}

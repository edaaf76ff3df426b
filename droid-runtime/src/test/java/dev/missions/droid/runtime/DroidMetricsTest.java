package dev.missions.droid.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.missions.droid.runtime.DroidMetrics.AttemptEnd;
import dev.missions.droid.runtime.sandbox.SandboxMeter.Refusal;
import dev.missions.droid.runtime.sandbox.SandboxMeter.Run;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DroidMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DroidMetrics metrics = new DroidMetrics(registry, new DroidIdentity("review", Optional.empty()));

    @Test
    void theQueueWaitRunsFromDispatchAndAClockAheadOfOursCountsAsNoWait() {
        Instant now = Instant.parse("2025-01-01T12:00:00Z");

        assertEquals(Duration.ofMillis(1500), DroidMetrics.queueWait(now.minusMillis(1500), now));
        assertEquals(Duration.ZERO, DroidMetrics.queueWait(now.plusSeconds(3), now));

        metrics.attemptStarted(Instant.now().plusSeconds(60));
        metrics.attemptStarted(Instant.now().minusSeconds(2));
        var timer = registry.get("missions.droid.queue.wait").tag("role", "review").timer();
        assertEquals(2, timer.count());
        assertEquals(2, timer.totalTime(TimeUnit.SECONDS), 0.5, "the skewed wait adds nothing");
    }

    @Test
    void anAttemptEndsSucceededFailedOrCancelledWhenItsMissionWasCancelledOrItWasSuperseded() {
        WorkResult done = WorkResult.succeeded("done", Map.of());
        WorkResult failed = WorkResult.failed("broke", "boom");

        assertEquals(AttemptEnd.SUCCEEDED, DroidMetrics.end(done, false));
        assertEquals(AttemptEnd.SUCCEEDED, DroidMetrics.end(done, true), "cancelled after it succeeded: it did");
        assertEquals(AttemptEnd.FAILED, DroidMetrics.end(failed, false));
        assertEquals(AttemptEnd.CANCELLED, DroidMetrics.end(failed, true));

        metrics.attemptEnded(done, false);
        metrics.attemptEnded(failed, true);
        metrics.attemptEnded(failed, true);
        assertEquals(Map.of("succeeded", 1.0, "failed", 0.0, "cancelled", 2.0),
                Map.of("succeeded", attempts("succeeded"), "failed", attempts("failed"), "cancelled",
                        attempts("cancelled")), "every outcome has its series, at 0 until its first attempt");
    }

    @Test
    void theSlotGaugesFollowThePermitsTakenByRunningAttempts() throws Exception {
        Semaphore slots = new Semaphore(3);
        metrics.watch(slots, 3);

        slots.acquire();
        slots.acquire();

        assertEquals(3, registry.get("missions.droid.slots").tag("role", "review").gauge().value());
        assertEquals(2, registry.get("missions.droid.slots.busy").tag("role", "review").gauge().value());
        slots.release(2);
        assertEquals(0, registry.get("missions.droid.slots.busy").gauge().value());
    }

    @Test
    void aRunEndsByItsExitCodeUnlessItsTimeoutKilledIt() {
        assertEquals(Run.EXITED_ZERO, Run.of(true, 0));
        assertEquals(Run.EXITED_NONZERO, Run.of(true, 1));
        assertEquals(Run.EXITED_NONZERO, Run.of(true, -1));
        assertEquals(Run.TIMED_OUT, Run.of(false, 0));

        metrics.ran(Run.TIMED_OUT);
        metrics.ran(Run.EXITED_ZERO);
        metrics.ran(Run.EXITED_ZERO);
        assertEquals(2, registry.get("missions.sandbox.runs").tags("role", "review", "outcome", "exited_zero")
                .counter().count());
        assertEquals(0, registry.get("missions.sandbox.runs").tag("outcome", "exited_nonzero").counter().count());
        assertEquals(1, registry.get("missions.sandbox.runs").tag("outcome", "timed_out").counter().count());
    }

    @Test
    void refusalsAreCountedByTheirFixedReasonOnly() {
        metrics.refused(Refusal.COMMAND_NOT_ALLOWED);
        metrics.refused(Refusal.PATH_OUTSIDE_WORKSPACE);
        metrics.refused(Refusal.COMMAND_NOT_ALLOWED);

        assertEquals(2, refusals("command_not_allowed"));
        assertEquals(1, refusals("path_outside_workspace"));
        assertEquals(0, refusals("changes_not_allowed"));
        assertEquals(Refusal.values().length, registry.find("missions.sandbox.refusals").counters().size());
        assertNull(registry.find("missions.sandbox.refusals").tagKeys("command").counter(), "no free-text label");
    }

    private double attempts(String outcome) {
        return registry.get("missions.droid.attempts").tags("role", "review", "outcome", outcome).counter().count();
    }

    private double refusals(String reason) {
        return registry.get("missions.sandbox.refusals").tags("role", "review", "reason", reason).counter().count();
    }
}

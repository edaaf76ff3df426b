package dev.missions.droid.runtime;

import dev.missions.droid.runtime.sandbox.SandboxMeter;
import dev.missions.events.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * This droid's metrics (docs/observability.md, "Droids"), each tagged with its role. Every other label comes from a
 * fixed set named in code, never from a command, path, prompt or secret. Counters are registered up front, so each
 * series exists at 0 before its first event and rates work from the start.
 */
@ApplicationScoped
public class DroidMetrics implements SandboxMeter {

    /** How an attempt ended, as the {@code outcome} label says it. */
    enum AttemptEnd {
        SUCCEEDED, FAILED, CANCELLED
    }

    private final MeterRegistry registry;
    private final Tags role;
    private final Timer queueWait;
    private final Map<AttemptEnd, Counter> attempts = new EnumMap<>(AttemptEnd.class);
    private final Map<Run, Counter> runs = new EnumMap<>(Run.class);
    private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);

    public DroidMetrics(MeterRegistry registry, DroidIdentity identity) {
        this.registry = registry;
        this.role = Tags.of("role", identity.role().name().toLowerCase(Locale.ROOT));
        this.queueWait = Timer.builder("missions.droid.queue.wait")
                .description("from a task's dispatch to the start of its attempt").tags(role).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1)).register(registry);
        for (AttemptEnd end : AttemptEnd.values()) {
            attempts.put(end, counter("missions.droid.attempts", "attempts ended", "outcome", tag(end)));
        }
        for (Run run : Run.values()) {
            runs.put(run, counter("missions.sandbox.runs", "sandboxed commands", "outcome", run.tag()));
        }
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, counter("missions.sandbox.refusals", "commands or paths refused before running",
                    "reason", refusal.tag()));
        }
    }

    /** The slots gauges read {@code slots}, the permits of which are the attempts running now. */
    void watch(Semaphore slots, int capacity) {
        Gauge.builder("missions.droid.slots", () -> capacity).description("attempts this droid runs at once")
                .tags(role).register(registry);
        Gauge.builder("missions.droid.slots.busy", slots, s -> capacity - s.availablePermits())
                .description("attempts running now").tags(role).strongReference(true).register(registry);
    }

    /** An attempt starts on its slot, {@code dispatchedAt} being when the coordinator sent its task. */
    void attemptStarted(Instant dispatchedAt) {
        queueWait.record(queueWait(dispatchedAt, Instant.now()));
    }

    /**
     * An attempt ended with {@code result}; {@code stopped} when its mission was cancelled or a newer attempt
     * superseded it, which fails the attempt but is no failure of the droid's.
     */
    void attemptEnded(WorkResult result, boolean stopped) {
        attempts.get(end(result, stopped)).increment();
    }

    @Override
    public void ran(Run run) {
        runs.get(run).increment();
    }

    @Override
    public void refused(Refusal reason) {
        refusals.get(reason).increment();
    }

    /** Never negative: the coordinator's clock may run ahead of this one. */
    static Duration queueWait(Instant dispatchedAt, Instant startedAt) {
        Duration waited = Duration.between(dispatchedAt, startedAt);
        return waited.isNegative() ? Duration.ZERO : waited;
    }

    static AttemptEnd end(WorkResult result, boolean stopped) {
        if (result.outcome() == Outcome.SUCCEEDED) {
            return AttemptEnd.SUCCEEDED;
        }
        return stopped ? AttemptEnd.CANCELLED : AttemptEnd.FAILED;
    }

    private static String tag(AttemptEnd end) {
        return end.name().toLowerCase(Locale.ROOT);
    }

    private Counter counter(String name, String description, String key, String value) {
        return Counter.builder(name).description(description).tags(role).tag(key, value).register(registry);
    }
}

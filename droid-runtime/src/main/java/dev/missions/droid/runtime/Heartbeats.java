package dev.missions.droid.runtime;

import dev.missions.schemas.Metas;
import dev.missions.events.AttemptStep;
import dev.missions.events.SubtaskAssigned;
import dev.missions.events.SubtaskHeartbeat;
import dev.missions.events.Usage;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps an attempt's lease alive: one heartbeat when work starts (the coordinator sees it RUNNING), then
 * one every interval until the work ends. A droid that dies stops beating and its lease runs out.
 */
@ApplicationScoped
public class Heartbeats {

    private final MutinyEmitter<SubtaskHeartbeat> emitter;
    private final DroidIdentity identity;
    private final Duration interval;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("heartbeats").daemon(true).factory());

    public Heartbeats(@Channel("heartbeats") MutinyEmitter<SubtaskHeartbeat> emitter, DroidIdentity identity,
            @ConfigProperty(name = "missions.droid.heartbeat-interval", defaultValue = "5s") Duration interval) {
        this.emitter = emitter;
        this.identity = identity;
        this.interval = interval;
    }

    /** Stops the beating of one attempt. */
    public interface Beating extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Beats for {@code attempt}, with its step and usage so far and the steps made since the last beat, until the
     * returned handle is closed.
     */
    public Beating start(Attempt attempt) {
        return start(attempt.task(), attempt::step, () -> attempt.usage().snapshot(), attempt.steps()::takeUnsent);
    }

    /** Beats for {@code task}, reporting {@code step}, {@code usage} and {@code steps} as they are at each beat. */
    public Beating start(SubtaskAssigned task, IntSupplier step, Supplier<Usage> usage, Supplier<List<AttemptStep>> steps) {
        beat(task, step, usage, steps);
        ScheduledFuture<?> beating = clock.scheduleAtFixedRate(() -> beat(task, step, usage, steps), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> beating.cancel(false);
    }

    private void beat(SubtaskAssigned task, IntSupplier step, Supplier<Usage> usage, Supplier<List<AttemptStep>> steps) {
        SubtaskHeartbeat heartbeat = SubtaskHeartbeat.newBuilder()
                .setMeta(Metas.causedBy(task.getMeta(), Instant.now()))
                .setSubtaskId(task.getSubtaskId())
                .setAttempt(task.getAttempt())
                .setDroidId(identity.droidId())
                .setStep(step.getAsInt())
                .setUsage(usage.get())
                .setSteps(steps.get())
                .build();
        emitter.sendMessage(Message.of(heartbeat).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(heartbeat.getMeta().getMissionId()).build()))
                .subscribe().with(ok -> { }, failure -> Log.warnf("heartbeat for subtask %s not sent: %s",
                        task.getSubtaskId(), failure.getMessage()));
    }

    @PreDestroy
    void stop() {
        clock.shutdownNow();
    }
}

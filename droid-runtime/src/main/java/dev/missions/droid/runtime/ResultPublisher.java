package dev.missions.droid.runtime;

import dev.missions.events.AttemptStep;
import dev.missions.events.SubtaskAssigned;
import dev.missions.schemas.Metas;
import dev.missions.events.SubtaskCompleted;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Reports the end of an attempt on droid.results, keyed by missionId so a mission's events stay in order. */
@ApplicationScoped
public class ResultPublisher {

    private final MutinyEmitter<SubtaskCompleted> results;
    private final DroidIdentity identity;
    private final Redaction redaction;

    public ResultPublisher(@Channel("results") MutinyEmitter<SubtaskCompleted> results, DroidIdentity identity,
            Redaction redaction) {
        this.results = results;
        this.identity = identity;
        this.redaction = redaction;
    }

    /** Publishes and waits for the broker's ack (acks=all), so the task is acked only after its result is safe. */
    public SubtaskCompleted publish(SubtaskAssigned task, WorkResult result, List<AttemptStep> steps) {
        SubtaskCompleted completed = redaction.apply(completionOf(task, result, steps, identity.droidId(), Instant.now()));
        results.sendMessageAndAwait(Message.of(completed).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(completed.getMeta().getMissionId())
                .build()));
        return completed;
    }

    static SubtaskCompleted completionOf(SubtaskAssigned task, WorkResult result, List<AttemptStep> steps, String droidId,
            Instant now) {
        return SubtaskCompleted.newBuilder()
                .setMeta(Metas.causedBy(task.getMeta(), now))
                .setSubtaskId(task.getSubtaskId())
                .setAttempt(task.getAttempt())
                .setRole(task.getRole())
                .setDroidId(droidId)
                .setOutcome(result.outcome())
                .setSummary(result.summary())
                .setFailureReason(result.failureReason())
                .setArtifacts(result.artifacts())
                .setCasting(task.getCasting())
                .setUsage(result.usage())
                .setSteps(steps)
                .setDispatchedAt(task.getMeta().getOccurredAt())
                .build();
    }
}

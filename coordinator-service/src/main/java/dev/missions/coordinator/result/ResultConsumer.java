package dev.missions.coordinator.result;

import dev.missions.coordinator.chaos.CrashPoints;
import dev.missions.coordinator.inbox.Batches;
import dev.missions.coordinator.tracing.Spans;
import dev.missions.events.SubtaskCompleted;
import dev.missions.outbox.DatabaseRetry;
import dev.missions.outbox.OutboxRelay;
import dev.missions.outbox.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Droid results from {@code droid.results}, the results of one poll applied together (one read and one write for all
 * their missions); the offsets are committed only after that write.
 */
@ApplicationScoped
public class ResultConsumer {

    private final ResultApplier applier;
    private final OutboxRelay relay;
    private final CrashPoints crashPoints;
    private final Spans spans;

    public ResultConsumer(ResultApplier applier, OutboxRelay relay, CrashPoints crashPoints, Spans spans) {
        this.applier = applier;
        this.relay = relay;
        this.crashPoints = crashPoints;
        this.spans = spans;
    }

    /**
     * A batch that cannot be applied is applied again one result at a time, so that the result at fault is found: it
     * goes to droid.results.dlq, and its mission is blocked saying so, never stuck silently. A batch that failed
     * because the database was away is applied once it is back.
     */
    @Incoming("results")
    public Uni<Void> onResults(KafkaRecordBatch<String, SubtaskCompleted> batch) {
        if (crashPoints.frozen()) {
            return Uni.createFrom().nothing(); // dying at a crash point: take nothing more, commit no offset
        }
        List<KafkaRecord<String, SubtaskCompleted>> readable = batch.getRecords().stream().filter(r -> r.getPayload() != null).toList();
        List<SubtaskCompleted> results = readable.stream().map(KafkaRecord::getPayload).toList();
        List<Span> applying = readable.stream()
                .map(r -> spans.applying("apply result", r, r.getPayload().getMeta().getMissionId())).toList();
        List<String> traces = applying.stream().map(TraceContext::of).toList();
        return DatabaseRetry.untilAvailable(results.size() + " results", () -> applier.applyAll(results, traces))
                .onTermination().invoke((done, failure, cancelled) -> Spans.end(applying, failure))
                .invoke(this::reachedAfterCommit)
                .replaceWithVoid()
                .onFailure().recoverWithUni(() -> oneByOne(batch.getRecords()))
                .invoke(relay::wake)
                .call(() -> Batches.settle(batch));
    }

    private Uni<Void> oneByOne(List<KafkaRecord<String, SubtaskCompleted>> records) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (KafkaRecord<String, SubtaskCompleted> record : records) {
            if (record.getPayload() != null) {
                done = done.chain(() -> applyAlone(record));
            }
        }
        return done;
    }

    private Uni<Void> applyAlone(KafkaRecord<String, SubtaskCompleted> record) {
        SubtaskCompleted result = record.getPayload();
        String what = "result " + result.getMeta().getEventId();
        return DatabaseRetry.untilAvailable(what, () -> applier.apply(result))
                .invoke(applied -> reachedAfterCommit(List.of(applied)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> DatabaseRetry.untilAvailable(what, () -> applier.flag(result, failure))
                        .onFailure().recoverWithNull()
                        .chain(() -> Uni.createFrom().completionStage(record.nack(failure))));
    }

    private void reachedAfterCommit(List<Boolean> applied) {
        if (applied.contains(Boolean.TRUE)) {
            crashPoints.reach(CrashPoints.RESULT_AFTER_COMMIT);
        }
    }
}

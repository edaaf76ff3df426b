package dev.missions.coordinator.result;

import dev.missions.coordinator.budget.Budgets;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.core.SubtaskState;
import dev.missions.coordinator.engine.AppliedResult;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.engine.MissionRecord;
import dev.missions.coordinator.metrics.MissionMetrics;
import dev.missions.events.Outcome;
import dev.missions.events.SubtaskCompleted;
import dev.missions.coordinator.engine.AttemptSteps;
import dev.missions.outbox.TraceContext;
import dev.missions.schemas.Topic;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Applies a droid's result exactly once: the inbox drops a redelivered event, and the decision core ignores a result
 * for an attempt that is not in flight (a second result for the same attempt, or one for a superseded attempt).
 */
@ApplicationScoped
public class ResultApplier {

    private final Budgets budgets;
    private final MissionEngine engine;
    private final MissionMetrics metrics;

    public ResultApplier(Budgets budgets, MissionEngine engine, MissionMetrics metrics) {
        this.budgets = budgets;
        this.engine = engine;
        this.metrics = metrics;
    }

    /**
     * Applies the results of one poll together, in order per mission; each answer is true when its result changed its
     * subtask, false when it was a duplicate or stale.
     */
    public Uni<List<Boolean>> applyAll(List<SubtaskCompleted> results, List<String> traces) {
        List<MissionEngine.Event> events = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            events.add(event(results.get(i), traces.get(i)));
        }
        return engine.applyAll(events).map(applied -> {
            List<Boolean> changed = new ArrayList<>(applied.size());
            for (int i = 0; i < applied.size(); i++) {
                boolean applies = report(results.get(i), applied.get(i));
                if (applies) {
                    measure(results.get(i), applied.get(i).record());
                }
                changed.add(applies);
            }
            return changed;
        });
    }

    /** True when this result changed its subtask; false when it was a duplicate or stale. */
    public Uni<Boolean> apply(SubtaskCompleted result) {
        return applyAll(List.of(result), Collections.singletonList(TraceContext.current())).map(changed -> changed.get(0));
    }

    /** {@code trace}: the traceparent of the span applying it, null when tracing is off. */
    private MissionEngine.Event event(SubtaskCompleted result, String trace) {
        String eventId = result.getMeta().getEventId();
        UUID subtaskId = UUID.fromString(result.getSubtaskId());
        AppliedResult row = new AppliedResult(subtaskId, result.getAttempt(), eventId, result.getOutcome().name(),
                result.getDroidId(), result.getSummary(), result.getFailureReason(), AttemptSteps.json(result.getSteps()));
        return new MissionEngine.Event(UUID.fromString(result.getMeta().getMissionId()), eventId, Topic.RESULTS.topicName(),
                record -> input(record, subtaskId, result), row, eventId, trace);
    }

    private static boolean report(SubtaskCompleted result, MissionEngine.Applied applied) {
        String ignored = applied.record() == null ? "its mission is unknown"
                : applied.repeated() ? "it was applied before" : applied.decision().ignored();
        if (ignored != null) {
            Log.infof("ignoring result %s for subtask %s attempt %d: %s", result.getMeta().getEventId(),
                    result.getSubtaskId(), result.getAttempt(), ignored);
        }
        return ignored == null;
    }

    private void measure(SubtaskCompleted result, MissionRecord record) {
        record.state().subtask(UUID.fromString(result.getSubtaskId())).ifPresent(subtask -> metrics.resultApplied(result.getRole(),
                subtask.model(), record.state().source(), budgets.price(subtask.provider(), subtask.model(), result.getUsage()),
                result.getDispatchedAt()));
    }

    /** Blocks the mission of a result that could not be applied. */
    public Uni<Void> flag(SubtaskCompleted result, Throwable failure) {
        Log.errorf(failure, "cannot apply result %s of mission %s", result.getMeta().getEventId(), result.getMeta().getMissionId());
        return engine.apply(UUID.fromString(result.getMeta().getMissionId()), new Input.Flag("a result for subtask "
                        + result.getSubtaskId() + " could not be applied (" + failure.getMessage() + "); it is on "
                        + Topic.RESULTS.deadLetterTopicName()), result.getMeta().getEventId())
                .replaceWithVoid();
    }

    private Input input(MissionRecord record, UUID subtaskId, SubtaskCompleted result) {
        SubtaskState subtask = record.state().subtask(subtaskId).orElse(null);
        return new Input.Result(subtaskId, result.getAttempt(), result.getOutcome() == Outcome.SUCCEEDED, result.getSummary(),
                result.getFailureReason(), result.getArtifacts(),
                subtask == null ? null : budgets.price(subtask.provider(), subtask.model(), result.getUsage()));
    }
}

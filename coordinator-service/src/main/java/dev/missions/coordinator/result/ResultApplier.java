package dev.missions.coordinator.result;

import dev.missions.coordinator.attempt.AttemptSteps;
import dev.missions.coordinator.budget.Budgets;
import dev.missions.coordinator.chaos.CrashPoints;
import dev.missions.coordinator.core.Decision;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.inbox.Inbox;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.events.Outcome;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Applies a droid's result exactly once: the inbox drops a redelivered event, the (subtask, attempt)
 * key drops a second result for the same attempt, and the decision core ignores a result for a superseded attempt.
 */
@ApplicationScoped
public class ResultApplier {

    private final Inbox inbox;
    private final Budgets budgets;
    private final MissionEngine engine;
    private final CrashPoints crashPoints;
    private final AttemptSteps steps;

    public ResultApplier(Inbox inbox, Budgets budgets, MissionEngine engine, CrashPoints crashPoints, AttemptSteps steps) {
        this.inbox = inbox;
        this.budgets = budgets;
        this.engine = engine;
        this.crashPoints = crashPoints;
        this.steps = steps;
    }

    /** True when this result changed its subtask; false when it was a duplicate or stale. */
    @WithTransaction
    public Uni<Boolean> apply(SubtaskCompleted result) {
        return inbox.firstDelivery(result.getMeta().getEventId(), Topic.RESULTS.topicName()).flatMap(first -> {
            if (!first) {
                Log.debugf("result %s already applied", result.getMeta().getEventId());
                return Uni.createFrom().item(false);
            }
            UUID missionId = UUID.fromString(result.getMeta().getMissionId());
            return Mission.<Mission>findById(missionId, LockModeType.PESSIMISTIC_WRITE)
                    .flatMap(mission -> mission == null ? ignore(result, "its mission is unknown")
                            : Subtask.ofMission(missionId).flatMap(all -> applyTo(mission, all, result)));
        });
    }

    /** Blocks the mission of a result that could not be applied, in a transaction of its own. */
    @WithTransaction
    public Uni<Void> flag(SubtaskCompleted result, Throwable failure) {
        Log.errorf(failure, "cannot apply result %s of mission %s", result.getMeta().getEventId(), result.getMeta().getMissionId());
        return engine.underLock(UUID.fromString(result.getMeta().getMissionId()), new Input.Flag("a result for subtask "
                        + result.getSubtaskId() + " could not be applied (" + failure.getMessage() + "); it is on "
                        + Topic.RESULTS.deadLetterTopicName()), result.getMeta().getEventId())
                .replaceWithVoid();
    }

    private Uni<Boolean> applyTo(Mission mission, List<Subtask> all, SubtaskCompleted result) {
        UUID subtaskId = UUID.fromString(result.getSubtaskId());
        Subtask subtask = all.stream().filter(s -> s.id.equals(subtaskId)).findFirst().orElse(null);
        Decision decision = engine.decide(mission, all, new Input.Result(subtaskId, result.getAttempt(),
                result.getOutcome() == Outcome.SUCCEEDED, result.getSummary(), result.getFailureReason(), result.getArtifacts(),
                subtask == null ? null : budgets.price(subtask.provider, subtask.model, result.getUsage())));
        if (decision.ignored() != null) {
            return ignore(result, decision.ignored());
        }
        return record(result).flatMap(recorded -> recorded
                ? steps.record(subtaskId, result.getAttempt(), result.getSteps())
                        .chain(() -> engine.store(decision, mission, all, result.getMeta().getEventId()))
                        .chain(this::crashBeforeCommit).replaceWith(true)
                : ignore(result, "a result for this attempt was already applied"));
    }
    private Uni<Boolean> record(SubtaskCompleted result) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                        insert into subtask_result (subtask_id, attempt, event_id, outcome, droid_id, summary, applied_at,
                            failure_reason)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing""")
                .setParameter(1, UUID.fromString(result.getSubtaskId()))
                .setParameter(2, result.getAttempt())
                .setParameter(3, result.getMeta().getEventId())
                .setParameter(4, result.getOutcome().name())
                .setParameter(5, result.getDroidId())
                .setParameter(6, result.getSummary())
                .setParameter(7, OffsetDateTime.now())
                .setParameter(8, result.getFailureReason())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Flushed first, so the rows PostgreSQL has to roll back when the process dies are really there. */
    private Uni<Void> crashBeforeCommit() {
        return !crashPoints.armed(CrashPoints.RESULT_BEFORE_COMMIT) ? Uni.createFrom().voidItem()
                : Panache.getSession().flatMap(session -> session.flush())
                        .invoke(() -> crashPoints.reach(CrashPoints.RESULT_BEFORE_COMMIT));
    }

    private static Uni<Boolean> ignore(SubtaskCompleted result, String why) {
        Log.infof("ignoring result %s for subtask %s attempt %d: %s", result.getMeta().getEventId(), result.getSubtaskId(),
                result.getAttempt(), why);
        return Uni.createFrom().item(false);
    }
}

package dev.missions.coordinator.result;

import dev.missions.coordinator.attempt.AttemptSteps;
import dev.missions.coordinator.budget.Budgets;
import dev.missions.coordinator.chaos.CrashPoints;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.engine.Retries;
import dev.missions.coordinator.engine.Rework;
import dev.missions.coordinator.inbox.Inbox;
import dev.missions.coordinator.mission.Json;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.events.MissionEventType;
import dev.missions.events.Outcome;
import dev.missions.events.SubtaskCompleted;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Applies a droid's result exactly once: the inbox drops a redelivered event, the (subtask, attempt)
 * key drops a second result for the same attempt, and a result for a superseded attempt is ignored.
 */
@ApplicationScoped
public class ResultApplier {

    @Inject
    Inbox inbox;

    @Inject
    MissionEvents events;

    @Inject
    Retries retries;

    @Inject
    Rework rework;

    @Inject
    Budgets budgets;

    @Inject
    MissionEngine engine;

    @Inject
    CrashPoints crashPoints;

    @Inject
    AttemptSteps steps;

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
                    .flatMap(mission -> mission == null ? ignore(result, "its mission is unknown") : applyTo(mission, result));
        });
    }

    /** Blocks the mission of a result that could not be applied, in a transaction of its own. */
    @WithTransaction
    public Uni<Void> flag(SubtaskCompleted result, Throwable failure) {
        Log.errorf(failure, "cannot apply result %s of mission %s", result.getMeta().getEventId(), result.getMeta().getMissionId());
        return Mission.<Mission>findById(UUID.fromString(result.getMeta().getMissionId()), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(mission -> mission == null || mission.isFinished() ? Uni.createFrom().voidItem()
                        : engine.block(mission, "a result for subtask " + result.getSubtaskId() + " could not be applied ("
                                + failure.getMessage() + "); it is on " + Topic.RESULTS.deadLetterTopicName(), result.getMeta().getEventId()));
    }

    private Uni<Boolean> applyTo(Mission mission, SubtaskCompleted result) {
        return Subtask.<Subtask>findById(UUID.fromString(result.getSubtaskId())).flatMap(subtask -> {
            if (subtask == null || !subtask.missionId.equals(mission.id)) {
                return ignore(result, "its subtask is not part of mission " + mission.id);
            }
            if (subtask.attempt != result.getAttempt() || !subtask.status.isInFlight()) {
                return ignore(result, "subtask is at attempt " + subtask.attempt + " and " + subtask.status);
            }
            return record(result).flatMap(recorded -> recorded
                    ? steps.record(subtask.id, result.getAttempt(), result.getSteps())
                            .chain(() -> settle(mission, subtask, result)).chain(this::crashBeforeCommit).replaceWith(true)
                    : ignore(result, "a result for this attempt was already applied"));
        });
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

    private Uni<Void> settle(Mission mission, Subtask subtask, SubtaskCompleted result) {
        String causation = result.getMeta().getEventId();
        subtask.summary = result.getSummary();
        subtask.leaseExpiresAt = null;
        budgets.record(mission, subtask, result.getUsage());
        if (result.getOutcome() == Outcome.FAILED) {
            String reason = result.getFailureReason() == null ? result.getSummary() : result.getFailureReason();
            if (mission.isFinished()) {
                // e.g. a droid that stopped because the mission was cancelled: nothing to try again
                subtask.lastError = reason;
                subtask.moveTo(SubtaskStatus.FAILED);
                return Uni.createFrom().voidItem();
            }
            return retries.fail(mission, subtask, reason, true, causation)
                    .chain(() -> Subtask.ofMission(mission.id))
                    .flatMap(all -> budgets.enforce(mission, all, causation)).replaceWithVoid();
        }
        subtask.moveTo(SubtaskStatus.SUCCEEDED);
        subtask.artifacts = Json.write(result.getArtifacts());
        return events.announce(mission, MissionEventType.SUBTASK_SUCCEEDED, subtask, result.getSummary(), causation, result.getArtifacts())
                .chain(() -> Subtask.ofMission(mission.id))
                .flatMap(all -> budgets.enforce(mission, all, causation)
                        .chain(() -> rework.afterSuccess(mission, subtask, all, causation)));
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

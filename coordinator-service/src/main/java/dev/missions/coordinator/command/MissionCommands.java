package dev.missions.coordinator.command;

import dev.missions.coordinator.budget.Budgets;
import dev.missions.coordinator.budget.Limits;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.engine.Rework;
import dev.missions.coordinator.inbox.Inbox;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.events.MissionCommand;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** People steering a mission: approve, reject, pause, resume, cancel, retry. Same rules from REST and the bus. */
@ApplicationScoped
public class MissionCommands {

    /** What became of a command: applied (with the mission), refused (why), or no such mission. */
    public record Outcome(Mission mission, String refusal) {
        public boolean applied() {
            return mission != null && refusal == null;
        }
    }

    @Inject
    Inbox inbox;

    @Inject
    MissionEvents events;

    @Inject
    MissionEngine engine;

    @Inject
    Rework rework;

    @Inject
    Budgets budgets;

    @WithTransaction
    public Uni<Outcome> apply(MissionCommand command) {
        UUID missionId = UUID.fromString(command.getMeta().getMissionId());
        return inbox.firstDelivery(command.getMeta().getEventId(), Topic.MISSION_COMMANDS.topicName())
                .flatMap(first -> Mission.<Mission>findById(missionId, LockModeType.PESSIMISTIC_WRITE)
                        .flatMap(mission -> mission == null ? Uni.createFrom().item(new Outcome(null, "no mission " + missionId))
                                : !first ? Uni.createFrom().item(new Outcome(mission, null))
                                : Subtask.ofMission(missionId).flatMap(all -> apply(mission, all, command))));
    }

    private Uni<Outcome> apply(Mission mission, List<Subtask> all, MissionCommand command) {
        String causation = command.getMeta().getEventId();
        String by = command.getActor() == null ? "" : " by " + command.getActor();
        String because = command.getReason() == null ? "" : ": " + command.getReason();
        MissionStatus status = mission.status;
        return switch (command.getCommand()) {
            case APPROVE -> status != MissionStatus.AWAITING_APPROVAL ? refuse(mission, "approve", "awaiting approval")
                    : approve(mission, all, gate(all) + " approved" + by + because, causation);
            case REJECT -> status != MissionStatus.AWAITING_APPROVAL ? refuse(mission, "reject", "awaiting approval")
                    : end(mission, gate(all) + " rejected" + by + because, causation);
            case PAUSE -> status != MissionStatus.RUNNING ? refuse(mission, "pause", "running")
                    : change(mission, MissionStatus.PAUSED, MissionEventType.PAUSED, "paused" + by + because, causation);
            case RESUME -> status != MissionStatus.PAUSED ? refuse(mission, "resume", "paused")
                    : resume(mission, all, command, "resumed" + by + because, causation);
            case CANCEL -> mission.isFinished() ? refuse(mission, "cancel", "unfinished")
                    : end(mission, "cancelled" + by + because, causation);
            case RETRY -> status != MissionStatus.BLOCKED ? refuse(mission, "retry", "blocked")
                    : retry(mission, all, "retried" + by + because, causation);
        };
    }

    /** A mission waits for approval of its plan before work starts, or of its hand-off when all work is done. */
    private static String gate(List<Subtask> all) {
        return SubtaskStatus.live(all).stream().allMatch(s -> s.status == SubtaskStatus.SUCCEEDED) ? "hand-off" : "plan";
    }

    private Uni<Outcome> approve(Mission mission, List<Subtask> all, String message, String causation) {
        mission.handoffApproved = gate(all).equals("hand-off");
        return run(mission, MissionEventType.RESUMED, message, causation)
                .chain(() -> engine.advance(mission, all, causation)).replaceWith(applied(mission));
    }

    /** A raised budget comes with the command; resuming a mission still over budget would only pause it again. */
    private Uni<Outcome> resume(Mission mission, List<Subtask> all, MissionCommand command, String message, String causation) {
        Limits limits = Budgets.raised(mission.limits(), command.getBudget());
        String still = budgets.exceeded(mission, all, limits, Instant.now());
        if (still != null) {
            return Uni.createFrom().item(new Outcome(mission, "still over budget (" + still + "); resume with a raised budget"));
        }
        mission.limits = limits;
        return run(mission, MissionEventType.RESUMED, message, causation)
                .chain(() -> engine.advance(mission, all, causation)).replaceWith(applied(mission));
    }

    /** Dead subtasks get a fresh attempt; a mission stopped by the round limit gets one more round. */
    private Uni<Outcome> retry(Mission mission, List<Subtask> all, String message, String causation) {
        List<Subtask> dead = all.stream().filter(s -> s.status == SubtaskStatus.DEAD).toList();
        dead.forEach(subtask -> {
            subtask.nextAttempt();
            subtask.moveTo(SubtaskStatus.PENDING);
        });
        mission.blockedReason = null;
        Uni<Void> resumed = run(mission, MissionEventType.RESUMED, message, causation);
        return (dead.isEmpty() ? resumed.chain(() -> rework.oneMoreRound(mission, all, causation))
                : resumed.chain(() -> engine.advance(mission, all, causation))).replaceWith(applied(mission));
    }

    private Uni<Void> run(Mission mission, MissionEventType type, String message, String causation) {
        mission.moveTo(MissionStatus.RUNNING);
        return events.announce(mission, type, message, causation);
    }

    private Uni<Outcome> change(Mission mission, MissionStatus next, MissionEventType type, String message, String causation) {
        mission.moveTo(next);
        return events.announce(mission, type, message, causation).replaceWith(applied(mission));
    }

    private Uni<Outcome> end(Mission mission, String message, String causation) {
        return change(mission, MissionStatus.CANCELLED, MissionEventType.CANCELLED, message, causation);
    }

    private static Uni<Outcome> refuse(Mission mission, String verb, String required) {
        return Uni.createFrom().item(new Outcome(mission, "cannot " + verb + " a mission that is " + mission.status
                + "; only a " + required + " mission can be"));
    }

    private static Outcome applied(Mission mission) {
        return new Outcome(mission, null);
    }
}

package dev.missions.coordinator.replan;

import dev.missions.coordinator.engine.EngineConfig;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.mission.Json;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.coordinator.planning.Planner;
import dev.missions.coordinator.planning.Planner.ReplanRequest;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bounded re-planning. A subtask that failed for good (all attempts used, the droid said why) puts its
 * mission in PLANNING with the reason, in the transaction that declared it dead; {@link Replanner} asks the
 * planner outside any transaction, and {@link #adopt} swaps the new plan in: succeeded and running subtasks
 * stay, the dead and the not-yet-started ones become REPLACED. Without a model, with no re-plan left, or when
 * the droid never answered (a plan cannot fix that), the mission is blocked for a person as before.
 * Callers hold the mission's row lock.
 */
@ApplicationScoped
public class Replans {

    /** Input key carrying to each new subtask why the plan changed. */
    public static final String REPLANNED_AFTER = "replannedAfter";

    /** What stays through a re-plan: work done or under way. */
    static final Set<SubtaskStatus> KEPT = Set.of(SubtaskStatus.SUCCEEDED, SubtaskStatus.DISPATCHED, SubtaskStatus.RUNNING,
            SubtaskStatus.RETRY_WAIT);

    @Inject
    EngineConfig config;

    @Inject
    MissionEngine engine;

    @Inject
    MissionEvents events;

    @Inject
    Planner planner;

    /**
     * After {@code dead} used its last attempt: a re-plan is made due, or the mission is blocked with {@code why}.
     * {@code droidFailed} is false for a lease that ran out: no droid answered, and a new plan would not change that.
     */
    public Uni<Void> afterDead(Mission mission, Subtask dead, String why, boolean droidFailed, String causation) {
        if (mission.status == MissionStatus.PLANNING && mission.replanReason != null) {
            return Uni.createFrom().voidItem(); // the re-plan already due sees this subtask as failed too
        }
        String notReplanned = whyNot(mission, droidFailed);
        if (notReplanned != null) {
            return engine.block(mission, notReplanned.isEmpty() ? why : why + "; " + notReplanned, causation);
        }
        mission.moveTo(MissionStatus.PLANNING);
        mission.replanReason = why;
        return events.announce(mission, MissionEventType.UPDATED, dead, "re-planning the remaining work (re-plan "
                + (mission.replans + 1) + " of " + config.maxReplans() + ") after: " + why, causation, Map.of());
    }

    /** Null when a re-plan may run; otherwise the note for the block reason (empty when re-planning is off). */
    private String whyNot(Mission mission, boolean droidFailed) {
        if (config.maxReplans() <= 0 || mission.status != MissionStatus.RUNNING) {
            return ""; // re-planning is off, or a person already holds the mission (paused): block as before
        }
        if (mission.replans >= config.maxReplans()) {
            return "no re-plan left (" + mission.replans + " of " + config.maxReplans() + " used)";
        }
        if (!droidFailed) {
            return "not re-planned: no droid answered, which a new plan cannot fix";
        }
        if (!planner.canReplan()) {
            return "not re-planned: no planner model cast (the built-in template cannot plan around a failure)";
        }
        return null;
    }

    /** What the planner is told; built from the mission's current subtasks. */
    static ReplanRequest request(Mission mission, List<Subtask> all) {
        List<Subtask> live = SubtaskStatus.live(all);
        List<ReplanRequest.Done> kept = new ArrayList<>();
        List<ReplanRequest.Done> failed = new ArrayList<>();
        List<Plan.Step> dropped = new ArrayList<>();
        for (Subtask subtask : live) {
            if (KEPT.contains(subtask.status)) {
                kept.add(new ReplanRequest.Done(step(subtask), subtask.status.name(), subtask.summary));
            } else if (subtask.status == SubtaskStatus.PENDING) {
                dropped.add(step(subtask));
            } else {
                failed.add(new ReplanRequest.Done(step(subtask), subtask.status.name(), subtask.lastError));
            }
        }
        return new ReplanRequest(new Planner.PlanRequest(mission.kind, mission.goal, mission.title, mission.context,
                mission.repository), kept, failed, dropped);
    }

    /** The planner's new plan, if it still fits the mission as it is now; true when it was adopted. */
    Uni<Boolean> adopt(Mission mission, List<Subtask> all, ReplanRequest askedWith, Planner.PlanDecision decision) {
        ReplanRequest now = request(mission, all);
        if (!keys(now.kept()).equals(keys(askedWith.kept()))) {
            return Uni.createFrom().item(false); // a kept subtask died meanwhile: plan again from what is true now
        }
        List<String> problems = PlanValidator.problems(now.keptSteps(), decision.plan());
        if (!problems.isEmpty()) {
            return fail(mission, "the new plan cannot run: " + String.join("; ", problems)).replaceWith(true);
        }
        String reason = mission.replanReason;
        List<Subtask> dropped = SubtaskStatus.live(all).stream().filter(s -> !KEPT.contains(s.status)).toList();
        dropped.forEach(s -> s.moveTo(SubtaskStatus.REPLACED));
        List<Subtask> added = new ArrayList<>();
        int position = all.stream().mapToInt(s -> s.position).max().orElse(0) + 1;
        for (Plan.Milestone milestone : decision.plan().milestones()) {
            for (Plan.Step step : milestone.subtasks() == null ? List.<Plan.Step>of() : milestone.subtasks()) {
                Subtask subtask = engine.newSubtask(mission, position++, step, milestone.title());
                subtask.inputs = Json.write(Map.of(REPLANNED_AFTER, reason));
                added.add(subtask);
            }
        }
        List<Subtask> next = new ArrayList<>(SubtaskStatus.live(all));
        next.addAll(added);
        mission.replans++;
        mission.replanReason = null;
        mission.planNote = (mission.planNote == null ? "" : mission.planNote + "; ") + "re-plan " + mission.replans + ": "
                + decision.note();
        mission.moveTo(MissionStatus.RUNNING);
        String summary = "re-plan " + mission.replans + " of " + config.maxReplans() + ": " + added.size() + " new subtasks ("
                + added.stream().map(s -> s.planKey).collect(Collectors.joining(", ")) + ") replace " + dropped.size() + " ("
                + dropped.stream().map(s -> s.planKey).collect(Collectors.joining(", ")) + "), " + decision.note() + "; after: " + reason;
        // the dropped rows must leave the live-key index before new rows may take their keys
        return Panache.getSession().flatMap(session -> session.flush())
                .chain(() -> Subtask.persist(added))
                .chain(() -> events.announce(mission, MissionEventType.PLANNED, summary, null))
                .chain(() -> engine.advance(mission, next, null))
                .replaceWith(true);
    }

    /** The planner could not give a plan that runs: the mission waits for a person, saying both why's. */
    Uni<Void> fail(Mission mission, String problem) {
        String reason = mission.replanReason;
        mission.replanReason = null;
        mission.replans++;
        return engine.block(mission, "re-plan failed: " + problem + "; it was needed after: " + reason, null);
    }

    private static List<String> keys(List<ReplanRequest.Done> subtasks) {
        return subtasks.stream().map(d -> d.step().key()).sorted().toList();
    }

    private static Plan.Step step(Subtask subtask) {
        return new Plan.Step(subtask.planKey, subtask.role.name().toLowerCase(), subtask.title, subtask.instructions,
                subtask.acceptanceCriteria.isBlank() ? List.of() : List.of(subtask.acceptanceCriteria.split("\n")),
                subtask.dependencies());
    }
}

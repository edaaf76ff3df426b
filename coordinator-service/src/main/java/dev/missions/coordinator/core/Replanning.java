package dev.missions.coordinator.core;

import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.coordinator.planning.Planner;
import dev.missions.coordinator.planning.Planner.ReplanRequest;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bounded re-planning. A subtask that failed for good puts its mission in PLANNING with the reason ({@link Failures});
 * the planner is asked outside any transaction with {@link #request}, and its plan is swapped in here: succeeded and
 * running subtasks stay, the dead and the not-yet-started ones become REPLACED.
 */
public final class Replanning {

    /** Input key carrying to each new subtask why the plan changed. */
    public static final String REPLANNED_AFTER = "replannedAfter";

    /** What stays through a re-plan: work done or under way. */
    static final Set<SubtaskStatus> KEPT = Set.of(SubtaskStatus.SUCCEEDED, SubtaskStatus.DISPATCHED, SubtaskStatus.RUNNING,
            SubtaskStatus.RETRY_WAIT);

    private Replanning() {
    }

    /** Whether a re-plan is due: the mission waits for the planner. */
    public static boolean due(MissionState state) {
        return state.status() == MissionStatus.PLANNING && state.replanReason() != null;
    }

    /** What the planner is told, from the mission as it is now. */
    public static ReplanRequest request(Planner.PlanRequest mission, MissionState state) {
        List<ReplanRequest.Done> kept = new ArrayList<>();
        List<ReplanRequest.Done> failed = new ArrayList<>();
        List<Plan.Step> dropped = new ArrayList<>();
        for (SubtaskState subtask : state.live()) {
            if (KEPT.contains(subtask.status())) {
                kept.add(new ReplanRequest.Done(step(subtask), subtask.status().name(), subtask.summary()));
            } else if (subtask.status() == SubtaskStatus.PENDING) {
                dropped.add(step(subtask));
            } else {
                failed.add(new ReplanRequest.Done(step(subtask), subtask.status().name(), subtask.lastError()));
            }
        }
        return new ReplanRequest(mission, kept, failed, dropped);
    }

    /** The planner's plan, if it still fits the mission as it is now. */
    static Decision adopt(Draft d, Input.Replanned answer) {
        if (!due(d.before)) {
            return Decision.unchanged(d.before, null, "no re-plan is due (cancelled meanwhile, or adopted already)");
        }
        ReplanRequest now = request(answer.askedWith().mission(), d.before);
        if (!keys(now.kept()).equals(keys(answer.askedWith().kept()))) {
            return Decision.unchanged(d.before, null, "a kept subtask changed meanwhile: plan again from what is true now");
        }
        List<String> problems = PlanValidator.problems(now.keptSteps(), answer.plan());
        if (!problems.isEmpty()) {
            return fail(d, "the new plan cannot run: " + String.join("; ", problems));
        }
        String reason = d.replanReason;
        List<SubtaskState.Builder> dropped = d.live().stream().filter(s -> !KEPT.contains(s.status())).toList();
        dropped.forEach(s -> d.move(s, SubtaskStatus.REPLACED));
        List<SubtaskState.Builder> added = new ArrayList<>();
        int position = Progress.nextPosition(d);
        for (Plan.Milestone milestone : answer.plan().milestones()) {
            for (Plan.Step step : milestone.subtasks() == null ? List.<Plan.Step>of() : milestone.subtasks()) {
                SubtaskState.Builder subtask = Progress.newSubtask(d, position++, step, milestone.title());
                subtask.inputs = Map.of(REPLANNED_AFTER, reason);
                added.add(subtask);
            }
        }
        d.subtasks.addAll(added);
        d.replans++;
        d.replanReason = null;
        d.planNote = (d.planNote == null ? "" : d.planNote + "; ") + "re-plan " + d.replans + ": " + answer.note();
        d.move(MissionStatus.RUNNING);
        d.announce(MissionEventType.PLANNED, "re-plan " + d.replans + " of " + d.rules.maxReplans() + ": " + added.size()
                + " new subtasks (" + added.stream().map(s -> s.key).collect(Collectors.joining(", ")) + ") replace "
                + dropped.size() + " (" + dropped.stream().map(s -> s.key).collect(Collectors.joining(", ")) + "), "
                + answer.note() + "; after: " + reason);
        Progress.advance(d);
        return d.decision();
    }

    /** The planner could not give a plan that runs: the mission waits for a person, saying both why's. */
    static Decision fail(Draft d, String problem) {
        if (!due(d.before)) {
            return Decision.unchanged(d.before, null, "no re-plan is due");
        }
        String reason = d.replanReason;
        d.replanReason = null;
        d.replans++;
        d.block("re-plan failed: " + problem + "; it was needed after: " + reason);
        return d.decision();
    }

    private static List<String> keys(List<ReplanRequest.Done> subtasks) {
        return subtasks.stream().map(done -> done.step().key()).sorted().toList();
    }

    private static Plan.Step step(SubtaskState subtask) {
        return new Plan.Step(subtask.key(), subtask.role().name().toLowerCase(), subtask.title(), subtask.instructions(),
                subtask.criteria(), subtask.dependsOn());
    }
}

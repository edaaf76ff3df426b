package dev.missions.coordinator.planning;

import dev.missions.events.MissionKind;
import java.util.List;

/**
 * Turns a goal and its context into a plan (ModelPlanner; without a model, the kind's template), and
 * re-plans the remaining work after a subtask failed for good (only with a model).
 * Blocking: callers run it on a worker thread, outside any transaction.
 */
public interface Planner {

    PlanDecision plan(PlanRequest request);

    /** Whether {@link #replan} can be asked at all; false when no model is cast. */
    boolean canReplan();

    /** Whether {@link #plan} may wait on a model (seconds): then it must not run on an event loop. */
    boolean mayBlock();

    /**
     * New subtasks for the rest of the mission. They may depend on the kept subtasks' keys and must not reuse them;
     * the kept ones plus the new ones pass {@link PlanValidator}. Throws when no such plan can be had.
     */
    PlanDecision replan(ReplanRequest request);

    record PlanRequest(MissionKind kind, String goal, String title, String context, String repository) {
    }

    /**
     * What the planner is told when re-planning: the mission, the subtasks that stay (succeeded or still running,
     * with a line on each), the ones that failed for good and why, and the ones dropped before they started.
     */
    record ReplanRequest(PlanRequest mission, List<Done> kept, List<Done> failed, List<Plan.Step> dropped) {

        /** A subtask as the planner sees it: its step, its status and what it reported (summary or error). */
        public record Done(Plan.Step step, String status, String report) {
        }

        public List<Plan.Step> keptSteps() {
            return kept.stream().map(Done::step).toList();
        }
    }

    /** The plan, where it came from (TEMPLATE, PLANNER, REQUESTER) and a note for people (e.g. why a template was used). */
    record PlanDecision(Plan plan, String source, String note) {
    }
}

package dev.missions.coordinator.planning;

import dev.missions.events.MissionKind;

/**
 * Turns a goal and its context into a plan (ModelPlanner; without a model, the kind's template).
 * Blocking: callers run it on a worker thread, outside any transaction.
 */
public interface Planner {

    PlanDecision plan(PlanRequest request);

    record PlanRequest(MissionKind kind, String goal, String title, String context, String repository) {
    }

    /** The plan, where it came from (TEMPLATE, PLANNER, REQUESTER) and a note for people (e.g. why a template was used). */
    record PlanDecision(Plan plan, String source, String note) {
    }
}

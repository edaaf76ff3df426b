package dev.missions.coordinator.planning.model;

import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanJson;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.coordinator.planning.Planner.PlanRequest;
import java.util.List;

/** The user messages sent to the planner model, and how its reply becomes a plan or a list of problems. */
final class PlannerPrompts {

    private PlannerPrompts() {
    }

    static String brief(PlanRequest request) {
        return "Plan this mission.\n"
                + "kind: " + request.kind() + "\n"
                + "repository: " + orNone(request.repository()) + "\n"
                + "title: " + orNone(request.title()) + "\n"
                + "goal:\n" + orNone(request.goal()) + "\n"
                + "context (ticket text or CI failure):\n" + orNone(request.context()) + "\n";
    }

    /** The original brief first, so a repair request shares the first request's prefix too. */
    static String repair(String brief, String reply, List<String> problems) {
        return brief + "\nYour previous answer was:\n" + reply + "\n\n"
                + "That plan cannot run. Problems:\n- " + String.join("\n- ", problems) + "\n"
                + "Answer with the corrected plan, JSON only, in the same shape.\n";
    }

    record Reading(Plan plan, List<String> problems) {
    }

    static Reading read(String reply) {
        Plan plan;
        try {
            plan = PlanJson.read(json(reply));
        } catch (IllegalArgumentException e) {
            return new Reading(null, List.of(e.getMessage()));
        }
        return new Reading(plan, PlanValidator.problems(plan));
    }

    /** Models wrap JSON in prose or code fences despite being told not to: take the outermost object. */
    static String json(String reply) {
        if (reply == null) {
            return "";
        }
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        return start >= 0 && end > start ? reply.substring(start, end + 1) : reply;
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "(none)" : value.strip();
    }
}

package dev.missions.coordinator.planning.model;

import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanJson;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.coordinator.planning.Planner.PlanRequest;
import dev.missions.coordinator.planning.Planner.ReplanRequest;
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

    /** The mission as in the first brief, then what happened and what is asked now. */
    static String replanBrief(ReplanRequest request) {
        PlanRequest mission = request.mission();
        StringBuilder brief = new StringBuilder("Re-plan the rest of this mission: a subtask failed for good.\n")
                .append("kind: ").append(mission.kind()).append('\n')
                .append("repository: ").append(orNone(mission.repository())).append('\n')
                .append("title: ").append(orNone(mission.title())).append('\n')
                .append("goal:\n").append(orNone(mission.goal())).append('\n')
                .append("context (ticket text or CI failure):\n").append(orNone(mission.context())).append("\n\n");
        section(brief, "Kept (done or still running; their work stays, you may depend on their keys):", request.kept());
        section(brief, "Failed for good (all attempts used):", request.failed());
        brief.append("Dropped before they started (plan them again only if still needed):\n");
        if (request.dropped().isEmpty()) {
            brief.append("- (none)\n");
        }
        request.dropped().forEach(step -> brief.append("- ").append(line(step)).append('\n'));
        List<String> keptKeys = request.keptSteps().stream().map(Plan.Step::key).toList();
        brief.append("\nAnswer with a plan of the remaining work only, in the same JSON shape: new subtasks that reach the goal ")
                .append("despite the failure (a different approach, a smaller step, a fix first). Do not repeat work that is done. ")
                .append("New keys must differ from the kept keys ").append(keptKeys)
                .append("; dependsOn may name kept keys and new keys.\n");
        return brief.toString();
    }

    private static void section(StringBuilder brief, String title, List<ReplanRequest.Done> subtasks) {
        brief.append(title).append('\n');
        if (subtasks.isEmpty()) {
            brief.append("- (none)\n");
        }
        for (ReplanRequest.Done done : subtasks) {
            brief.append("- ").append(line(done.step())).append(" — ").append(done.status())
                    .append(done.report() == null || done.report().isBlank() ? "" : ": " + done.report().strip()).append('\n');
        }
        brief.append('\n');
    }

    private static String line(Plan.Step step) {
        return step.key() + " [" + step.role() + "] " + step.title()
                + (step.dependsOn() == null || step.dependsOn().isEmpty() ? "" : " (after " + String.join(", ", step.dependsOn()) + ")");
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
        return read(reply, null);
    }

    /** With kept steps (a re-plan), the new plan is validated together with them. */
    static Reading read(String reply, List<Plan.Step> kept) {
        Plan plan;
        try {
            plan = PlanJson.read(json(reply));
        } catch (IllegalArgumentException e) {
            return new Reading(null, List.of(e.getMessage()));
        }
        return new Reading(plan, kept == null ? PlanValidator.problems(plan) : PlanValidator.problems(kept, plan));
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

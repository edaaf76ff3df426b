package dev.missions.droid.runtime;

import dev.missions.droid.runtime.agent.AgentRun;
import dev.missions.events.Outcome;
import dev.missions.schemas.Artifacts;
import java.util.List;
import java.util.Map;

/** The work of roles that change the repository (code, docs): the model edits, the droid commits and pushes. */
public final class Edits {

    private Edits() {
    }

    public static WorkResult make(Attempt attempt, String roleInstructions) {
        AgentRun run = attempt.runAgent(Briefs.system(roleInstructions), Briefs.task(attempt.task()));
        // even an unfinished run's work is pushed: the next attempt resumes from it
        attempt.checkpoint(run.finished() ? attempt.task().getTitle() : "unfinished (" + run.detail() + ")");
        List<String> files = attempt.workspace().changedFiles();
        Map<String, String> artifacts = Map.of(
                Artifacts.COMMITS, String.join(",", attempt.commits()),
                Artifacts.FILES_CHANGED, String.join(",", files),
                Artifacts.DIFF_SUMMARY, files.isEmpty() ? "no files changed on the mission branch"
                        : files.size() + " file(s) changed on the mission branch: " + String.join(", ", files));
        if (!run.finished()) {
            return new WorkResult(Outcome.FAILED, "stopped before finishing after " + run.steps() + " steps: "
                    + run.detail(), run.reason() + ": " + run.detail(), artifacts, null);
        }
        return WorkResult.succeeded(run.answer().isBlank() ? "done in " + run.steps() + " steps" : run.answer(),
                artifacts);
    }
}

package dev.missions.droid.review;

import dev.missions.droid.runtime.AllowedChanges;
import dev.missions.droid.runtime.Attempt;
import dev.missions.droid.runtime.Briefs;
import dev.missions.droid.runtime.RoleWork;
import dev.missions.droid.runtime.WorkResult;
import dev.missions.droid.runtime.agent.AgentRun;
import dev.missions.droid.runtime.workspace.Workspace;
import dev.missions.events.Outcome;
import dev.missions.events.Role;
import dev.missions.schemas.Artifacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The review droid: deterministic checks of the diff first; only a diff that passes them goes to the cast model,
 * which hands in a verdict with line comments.
 */
@ApplicationScoped
public class ReviewWork implements RoleWork {

    static final String INSTRUCTIONS = """
            Your role: review. The brief ends with the diff of the mission branch against its base. Judge it \
            against the goal and the acceptance criteria: correctness, tests, clarity, and fit with the code \
            around it. Read files with the tools when the diff is not enough. Do not change any file. Hand in \
            your verdict with submit_review: APPROVE, or REQUEST_CHANGES with comments as path:line: text.
            """;
    private static final int MAX_DIFF_CHARS = 60_000;

    private final DiffChecks checks;

    public ReviewWork(@ConfigProperty(name = "missions.review.max-binary-bytes", defaultValue = "1048576")
            long maxBinaryBytes) {
        this.checks = new DiffChecks(maxBinaryBytes);
    }

    @Override
    public AllowedChanges allowedChanges() {
        return AllowedChanges.NONE;
    }

    @Override
    public Role role() {
        return Role.REVIEW;
    }

    @Override
    public WorkResult perform(Attempt attempt) {
        Workspace workspace = attempt.workspace();
        String diff = workspace.diffAgainstBase();
        List<String> files = workspace.changedFiles();
        List<ReviewComment> findings;
        try {
            findings = checks.check(diff, files, workspace.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect the changed files", e);
        }
        if (!findings.isEmpty()) {
            return verdict(Artifacts.REQUEST_CHANGES, findings.stream().map(ReviewComment::toString).toList(),
                    "requested changes after the checks that come before any model: " + findings.size()
                            + " finding(s)", files);
        }
        ReviewTools review = new ReviewTools();
        String brief = Briefs.task(attempt.task()) + "\nThe diff to review (" + files.size() + " file(s)):\n"
                + (diff.length() <= MAX_DIFF_CHARS ? diff : diff.substring(0, MAX_DIFF_CHARS)
                        + "\n[diff cut here; read the files for the rest]\n");
        AgentRun run = attempt.runAgent(Briefs.system(INSTRUCTIONS), brief, review);
        if (review.verdict().isEmpty()) {
            String why = run.finished() ? "the model finished without handing in a verdict" : run.detail();
            return new WorkResult(Outcome.FAILED, "no verdict: " + why, why,
                    Map.of(Artifacts.VERDICT, Artifacts.NOT_REVIEWED), null);
        }
        return verdict(review.verdict().get(), review.comments(), run.answer(), files);
    }

    private static WorkResult verdict(String verdict, List<String> comments, String summary, List<String> files) {
        return WorkResult.succeeded(summary.isBlank() ? verdict : summary, Map.of(
                Artifacts.VERDICT, verdict,
                Artifacts.REVIEW_COMMENTS, String.join("\n", comments),
                Artifacts.FILES_CHANGED, String.join(",", files)));
    }
}

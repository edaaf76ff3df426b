package dev.missions.droid.review;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.missions.schemas.Artifacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the model hands in its verdict: a tool call, so the verdict is structured and not parsed from prose. */
public final class ReviewTools {

    private String verdict;
    private final List<String> comments = new ArrayList<>();

    @Tool(name = "submit_review", value = "Hands in the review: verdict APPROVE or REQUEST_CHANGES, and comments, one "
            + "per line, each as path:line: what to change and why. Call it once, then answer with a summary.")
    public String submitReview(@P("APPROVE or REQUEST_CHANGES") String verdict,
            @P(value = "one comment per line, path:line: text; may be empty when approving", required = false)
            String comments) {
        String v = verdict == null ? "" : verdict.strip().toUpperCase(Locale.ROOT);
        if (!v.equals(Artifacts.APPROVE) && !v.equals(Artifacts.REQUEST_CHANGES)) {
            return "error: verdict must be APPROVE or REQUEST_CHANGES, not '" + verdict + "'";
        }
        List<String> lines = comments == null ? List.of()
                : comments.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (v.equals(Artifacts.REQUEST_CHANGES) && lines.isEmpty()) {
            return "error: say what to change: REQUEST_CHANGES needs at least one comment";
        }
        this.verdict = v;
        this.comments.clear();
        this.comments.addAll(lines);
        return "review recorded: " + v + " with " + lines.size() + " comment(s)";
    }

    Optional<String> verdict() {
        return Optional.ofNullable(verdict);
    }

    List<String> comments() {
        return List.copyOf(comments);
    }
}

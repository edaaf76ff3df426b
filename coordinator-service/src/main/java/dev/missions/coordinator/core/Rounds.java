package dev.missions.coordinator.core;

import dev.missions.coordinator.planning.Plan;
import dev.missions.events.MissionEventType;
import dev.missions.events.Role;
import dev.missions.schemas.Artifacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review loop: a review that asks for changes, or tests that fail, add a round of fix → test → review to the plan,
 * and what waited for the old check waits for the new one. After the last allowed round the mission is blocked for a
 * person instead of looping forever.
 */
final class Rounds {

    private Rounds() {
    }

    /** Feedback that calls for another round, or null when the subtask's result lets the mission go on. */
    static String feedback(SubtaskState.Builder subtask) {
        Map<String, String> artifacts = subtask.artifacts;
        if (subtask.role == Role.REVIEW && Artifacts.REQUEST_CHANGES.equals(artifacts.get(Artifacts.VERDICT))) {
            return "The review asked for changes:\n" + artifacts.getOrDefault(Artifacts.REVIEW_COMMENTS, "(no comments given)");
        }
        if (subtask.role == Role.TEST && Artifacts.FAILED.equals(artifacts.get(Artifacts.TESTS))) {
            return "Tests failed:\n" + artifacts.getOrDefault(Artifacts.TEST_FAILURES, "(no failures listed)");
        }
        return null;
    }

    /** Continues the mission after {@code done} succeeded, adding a fix round when its result asks for one. */
    static void afterSuccess(Draft d, SubtaskState.Builder done) {
        afterSuccess(d, done, d.rules.maxReworkRounds());
    }

    /** A person retried a mission stopped at the round limit: the latest unanswered feedback gets one more round. */
    static void oneMoreRound(Draft d) {
        List<SubtaskState.Builder> live = d.live();
        live.stream()
                .filter(s -> s.status == SubtaskStatus.SUCCEEDED && feedback(s) != null)
                .filter(s -> live.stream().noneMatch(other -> other.dependsOn.contains(s.key) && other.status != SubtaskStatus.PENDING))
                .reduce((first, last) -> last)
                .ifPresentOrElse(latest -> afterSuccess(d, latest, d.reworkRounds + 1), () -> Progress.advance(d));
    }

    private static void afterSuccess(Draft d, SubtaskState.Builder done, int limit) {
        String feedback = feedback(done);
        if (feedback == null) {
            Progress.advance(d);
            return;
        }
        String firstLine = feedback.lines().findFirst().orElse("");
        if (d.reworkRounds >= limit) {
            d.block("still not accepted after " + d.reworkRounds + " fix rounds (the limit); " + firstLine);
            return;
        }
        d.reworkRounds++;
        List<SubtaskState.Builder> round = round(d, done, feedback);
        d.subtasks.addAll(round);
        d.announce(MissionEventType.PLANNED, "fix round " + d.reworkRounds + " of " + d.rules.maxReworkRounds() + ": "
                + String.join(" → ", round.stream().map(s -> s.key).toList()) + " (" + firstLine + ")");
        Progress.advance(d);
    }

    private static List<SubtaskState.Builder> round(Draft d, SubtaskState.Builder done, String feedback) {
        int r = d.reworkRounds;
        boolean hasTests = d.subtasks.stream().anyMatch(s -> s.role == Role.TEST);
        List<Plan.Step> steps = new ArrayList<>();
        steps.add(new Plan.Step("fix-" + r, "code", "Fix round " + r,
                feedback + "\n\nChange the code on the mission branch so that this is resolved.", List.of(), List.of(done.key)));
        String last = "fix-" + r;
        if (hasTests) {
            steps.add(new Plan.Step("test-" + r, "test", "Run the tests (round " + r + ")",
                    "Run the repository's tests on the mission branch and report failures.", List.of(), List.of(last)));
            last = "test-" + r;
        }
        if (done.role == Role.REVIEW) {
            steps.add(new Plan.Step("review-" + r, "review", "Review the change (round " + r + ")", done.instructions,
                    List.of(), List.of(last)));
            last = "review-" + r;
        }
        for (SubtaskState.Builder waiting : d.subtasks) {
            if (waiting.status == SubtaskStatus.PENDING && waiting.dependsOn.contains(done.key)) {
                String replacement = last;
                waiting.dependsOn = waiting.dependsOn.stream().map(key -> key.equals(done.key) ? replacement : key).toList();
            }
        }
        List<SubtaskState.Builder> round = new ArrayList<>();
        int position = Progress.nextPosition(d);
        for (Plan.Step step : steps) {
            SubtaskState.Builder subtask = Progress.newSubtask(d, position++, step, "Fix round " + r);
            if (subtask.role == Role.CODE) {
                subtask.inputs = Map.of(
                        Artifacts.REVIEW_COMMENTS, done.artifacts.getOrDefault(Artifacts.REVIEW_COMMENTS, ""),
                        Artifacts.TEST_FAILURES, done.artifacts.getOrDefault(Artifacts.TEST_FAILURES, ""));
            }
            round.add(subtask);
        }
        return round;
    }
}

package dev.missions.coordinator.engine;

import dev.missions.coordinator.mission.Json;
import dev.missions.coordinator.mission.Mission;
import dev.missions.coordinator.mission.MissionEvents;
import dev.missions.coordinator.mission.Subtask;
import dev.missions.coordinator.mission.SubtaskStatus;
import dev.missions.coordinator.planning.Plan;
import dev.missions.events.MissionEventType;
import dev.missions.events.Role;
import dev.missions.schemas.Artifacts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review loop: a review that asks for changes, or tests that fail, add a round of fix → test →
 * review to the plan, and what waited for the old check waits for the new one. After the last
 * allowed round the mission is blocked for a person instead of looping forever.
 */
@ApplicationScoped
public class Rework {

    @Inject
    EngineConfig config;

    @Inject
    MissionEngine engine;

    @Inject
    MissionEvents events;

    /** Feedback that calls for another round, or null when the subtask's result lets the mission go on. */
    static String feedback(Subtask subtask, Map<String, String> artifacts) {
        if (subtask.role == Role.REVIEW && Artifacts.REQUEST_CHANGES.equals(artifacts.get(Artifacts.VERDICT))) {
            return "The review asked for changes:\n" + artifacts.getOrDefault(Artifacts.REVIEW_COMMENTS, "(no comments given)");
        }
        if (subtask.role == Role.TEST && Artifacts.FAILED.equals(artifacts.get(Artifacts.TESTS))) {
            return "Tests failed:\n" + artifacts.getOrDefault(Artifacts.TEST_FAILURES, "(no failures listed)");
        }
        return null;
    }

    /** Continues the mission after {@code done} succeeded, adding a fix round when its result asks for one. */
    public Uni<Void> afterSuccess(Mission mission, Subtask done, List<Subtask> all, String causation) {
        return afterSuccess(mission, done, all, causation, config.maxReworkRounds());
    }

    /** A person retried a mission stopped at the round limit: the latest unanswered feedback gets one more round. */
    public Uni<Void> oneMoreRound(Mission mission, List<Subtask> all, String causation) {
        List<Subtask> live = SubtaskStatus.live(all);
        return live.stream()
                .filter(s -> s.status == SubtaskStatus.SUCCEEDED && feedback(s, Json.read(s.artifacts)) != null)
                .filter(s -> live.stream().noneMatch(other -> other.dependencies().contains(s.planKey) && other.status != SubtaskStatus.PENDING))
                .reduce((first, last) -> last)
                .map(latest -> afterSuccess(mission, latest, all, causation, mission.reworkRounds + 1))
                .orElseGet(() -> engine.advance(mission, all, causation));
    }

    private Uni<Void> afterSuccess(Mission mission, Subtask done, List<Subtask> all, String causation, int limit) {
        Map<String, String> artifacts = Json.read(done.artifacts);
        String feedback = feedback(done, artifacts);
        if (feedback == null) {
            return engine.advance(mission, all, causation);
        }
        if (mission.reworkRounds >= limit) {
            return engine.block(mission, "still not accepted after " + mission.reworkRounds + " fix rounds (the limit); "
                    + feedback.lines().findFirst().orElse(""), causation);
        }
        mission.reworkRounds++;
        List<Subtask> round = round(mission, done, all, feedback, artifacts);
        List<Subtask> next = new ArrayList<>(all);
        next.addAll(round);
        String summary = "fix round " + mission.reworkRounds + " of " + config.maxReworkRounds() + ": "
                + String.join(" → ", round.stream().map(s -> s.planKey).toList()) + " (" + feedback.lines().findFirst().orElse("") + ")";
        return Subtask.persist(round)
                .chain(() -> events.announce(mission, MissionEventType.PLANNED, summary, causation))
                .chain(() -> engine.advance(mission, next, causation));
    }

    private List<Subtask> round(Mission mission, Subtask done, List<Subtask> all, String feedback, Map<String, String> artifacts) {
        int r = mission.reworkRounds;
        boolean hasTests = all.stream().anyMatch(s -> s.role == Role.TEST);
        List<Plan.Step> steps = new ArrayList<>();
        steps.add(new Plan.Step("fix-" + r, "code", "Fix round " + r,
                feedback + "\n\nChange the code on the mission branch so that this is resolved.", List.of(), List.of(done.planKey)));
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
        for (Subtask waiting : all) {
            if (waiting.status == SubtaskStatus.PENDING && waiting.dependencies().contains(done.planKey)) {
                List<String> dependencies = new ArrayList<>(waiting.dependencies());
                dependencies.replaceAll(key -> key.equals(done.planKey) ? steps.getLast().key() : key);
                waiting.dependsOn = String.join(",", dependencies);
            }
        }
        List<Subtask> round = new ArrayList<>();
        int position = all.stream().mapToInt(s -> s.position).max().orElse(0) + 1;
        for (Plan.Step step : steps) {
            Subtask subtask = engine.newSubtask(mission, position++, step, "Fix round " + r);
            if (subtask.role == Role.CODE) {
                subtask.inputs = Json.write(Map.of(
                        Artifacts.REVIEW_COMMENTS, artifacts.getOrDefault(Artifacts.REVIEW_COMMENTS, ""),
                        Artifacts.TEST_FAILURES, artifacts.getOrDefault(Artifacts.TEST_FAILURES, "")));
            }
            round.add(subtask);
        }
        return round;
    }
}

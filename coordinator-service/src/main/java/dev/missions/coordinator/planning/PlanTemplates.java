package dev.missions.coordinator.planning;

import dev.missions.events.MissionKind;
import java.util.List;

/** The built-in plan of each mission kind, used when no planner model answers. */
public final class PlanTemplates {

    private PlanTemplates() {
    }

    public static Plan forKind(MissionKind kind, String goal) {
        return switch (kind) {
            case FEATURE -> new Plan(List.of(
                    new Plan.Milestone("Build", List.of(
                            step("code", "code", "Implement the change", "Implement: " + goal, List.of()),
                            step("test", "test", "Run the tests", "Run the repository's tests on the mission branch and report failures.", List.of("code")))),
                    new Plan.Milestone("Hand-off", List.of(
                            step("review", "review", "Review the change", "Review the mission diff against the goal: " + goal, List.of("test")),
                            step("docs", "docs", "Update the docs", "Update README, docs and CHANGELOG for: " + goal, List.of("review"))))));
            case CI_FIX -> new Plan(List.of(
                    new Plan.Milestone("Fix the pipeline", List.of(
                            step("code", "code", "Fix the failure", "Make the failing pipeline pass: " + goal, List.of()),
                            step("test", "test", "Run the tests", "Run the repository's tests and confirm the failure is gone.", List.of("code")),
                            step("review", "review", "Review the fix", "Review the fix for: " + goal, List.of("test"))))));
        };
    }

    private static Plan.Step step(String key, String role, String title, String instructions, List<String> dependsOn) {
        return new Plan.Step(key, role, title, instructions, List.of(), dependsOn);
    }
}

package dev.missions.coordinator.planning;

import java.util.List;

/** Milestones of subtasks; a subtask runs once every subtask it {@code dependsOn} has succeeded. */
public record Plan(List<Milestone> milestones) {

    public record Milestone(String title, List<Step> subtasks) {
    }

    /** One subtask as planned: {@code key} is unique in the plan, {@code role} as the planner wrote it. */
    public record Step(String key, String role, String title, String instructions, List<String> acceptanceCriteria,
            List<String> dependsOn) {
    }

    public List<Step> steps() {
        return milestones == null ? List.of()
                : milestones.stream().flatMap(m -> m.subtasks() == null ? java.util.stream.Stream.<Step>empty() : m.subtasks().stream()).toList();
    }
}

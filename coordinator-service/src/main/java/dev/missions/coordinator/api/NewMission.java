package dev.missions.coordinator.api;

import dev.missions.coordinator.budget.BudgetRequest;
import dev.missions.coordinator.planning.Plan;
import dev.missions.events.MissionKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /missions}. */
public record NewMission(
        @NotBlank(message = "goal is required") @Size(max = 20_000, message = "goal must be at most 20000 characters") String goal,
        @NotBlank(message = "repository is required")
        @Pattern(regexp = REPOSITORY, message = "repository must be a git URL: https://, http://, ssh://, git://, file:// or user@host:path")
        String repository,
        @Pattern(regexp = BRANCH, message = "baseBranch must be a plain branch name") String baseBranch,
        MissionKind kind,
        @Size(max = 500, message = "title must be at most 500 characters") String title,
        @Size(max = 200_000, message = "context must be at most 200000 characters") String context,
        Plan plan,
        @jakarta.validation.Valid BudgetRequest budget) {

    static final String REPOSITORY = "^((https?|ssh|git|file)://[^\\s]+|[\\w.-]+@[\\w.-]+:[^\\s]+)$";
    static final String BRANCH = "^(?!.*\\.\\.)(?!/)[A-Za-z0-9._/-]{1,200}(?<!/)$";
}

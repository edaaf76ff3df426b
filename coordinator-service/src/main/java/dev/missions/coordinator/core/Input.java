package dev.missions.coordinator.core;

import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.Planner;
import dev.missions.events.CommandType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Everything that can happen to a mission, as the decision core takes it. */
public sealed interface Input {

    /** A new mission's plan, or why it has none (planned outside the transaction); {@code source} is where it came from. */
    record Admit(String goal, Plan plan, String planSource, String planFailure, boolean awaitApproval) implements Input {
    }

    /** A droid's result for one attempt, its usage already priced. */
    record Result(UUID subtaskId, int attempt, boolean succeeded, String summary, String failureReason,
            Map<String, String> artifacts, Spent usage) implements Input {
    }

    /** A droid working an attempt says so. */
    record Heartbeat(UUID subtaskId, int attempt, Integer step) implements Input {
    }

    /** A person steering the mission; {@code raise} is a raised budget that comes with RESUME. */
    record Command(CommandType type, String actor, String reason, BudgetLimits raise) implements Input {
    }

    /** The clock: leases that ended before {@code leasesEndedBefore}, retries that are due, the wall-clock budget. */
    record Tick(Instant leasesEndedBefore) implements Input {
    }

    /** The planner's new plan for the rest of the mission, asked with {@code askedWith}. */
    record Replanned(Planner.ReplanRequest askedWith, Plan plan, String note) implements Input {
    }

    /** The planner could not give a new plan. */
    record ReplanFailed(String problem) implements Input {
    }

    /** Something about the mission could not be applied (a poison event): a person has to look. */
    record Flag(String reason) implements Input {
    }
}

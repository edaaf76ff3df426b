package dev.missions.coordinator.core;

import dev.missions.coordinator.planning.Plan;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.events.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Missions, rules and moments for the decision core's tests: no Quarkus, no database. */
final class Missions {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private Missions() {
    }

    static Rules rules(int maxAttempts, int maxReplans, boolean canReplan, Map<Role, Rules.RoleLimit> roleLimits) {
        return new Rules(Duration.ofSeconds(8), Duration.ofMinutes(10), maxAttempts, Duration.ofSeconds(2), Duration.ofMinutes(5),
                3, maxReplans, canReplan, Set.of(), roleLimits, role -> new Rules.Cast("openai", role.name().toLowerCase()));
    }

    static Rules rules() {
        return rules(3, 1, false, Map.of());
    }

    static MissionState requested(BudgetLimits limits) {
        return new MissionState(UUID.nameUUIDFromBytes("mission".getBytes()), MissionStatus.REQUESTED, Source.API, T0, T0, limits,
                Spent.NOTHING, 0, 0, null, null, false, null, "missions/abc", Map.of(), List.of());
    }

    /** A clock that reads {@code at} and ids that follow from a seed, so a run can be repeated. */
    static Moment at(Instant at, long seed) {
        Random random = new Random(seed);
        return new Moment(at, random, () -> new UUID(random.nextLong(), random.nextLong()));
    }

    static Plan.Step step(String key, String role, String... dependsOn) {
        return new Plan.Step(key, role, "Do " + key, "instructions for " + key, List.of("criterion of " + key), List.of(dependsOn));
    }

    static Plan plan(Plan.Step... steps) {
        return new Plan(List.of(new Plan.Milestone("Only milestone", List.of(steps))));
    }

    static Input.Admit admit(Plan plan) {
        return new Input.Admit("a goal", plan, "REQUESTER", null, false);
    }

    static SubtaskState byKey(MissionState state, String key) {
        return state.live().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no " + key));
    }

    static Input.Result success(SubtaskState subtask, Map<String, String> artifacts, long tokens) {
        return new Input.Result(subtask.id(), subtask.attempt(), true, subtask.key() + " done", null, artifacts,
                new Spent(tokens, 0, 0, tokens / 1e6, 1));
    }

    static Input.Result failure(SubtaskState subtask, String reason) {
        return new Input.Result(subtask.id(), subtask.attempt(), false, "failed", reason, Map.of(), Spent.NOTHING);
    }
}

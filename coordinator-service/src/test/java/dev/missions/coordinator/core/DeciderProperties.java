package dev.missions.coordinator.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.coordinator.planning.Plan;
import dev.missions.events.CommandType;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.schemas.Artifacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random missions fed random interleavings of results (current, stale and redelivered), heartbeats, clock ticks,
 * commands and re-plan answers. Whatever the order, the core's invariants hold after every decision.
 */
class DeciderProperties {

    /** One thing that happens: what kind, which of the candidates it picks, and a number to vary it by. */
    record Move(int kind, int pick, int flavour) {
    }

    @Provide
    Arbitrary<List<Move>> scripts() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(0, 99)).as(Move::new).list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 1000)
    void invariantsHoldUnderAnyInterleaving(@ForAll("scripts") List<Move> script, @ForAll long seed) {
        Random random = new Random(seed);
        Map<Role, Rules.RoleLimit> roleLimits = random.nextBoolean() ? Map.of() : Map.of(Role.REVIEW, new Rules.RoleLimit(150L, null));
        Rules rules = Missions.rules(1 + random.nextInt(3), random.nextInt(2), random.nextBoolean(), roleLimits);
        Decider decider = new Decider(rules);
        BudgetLimits limits = random.nextBoolean() ? BudgetLimits.NONE : new BudgetLimits(200L + random.nextInt(400), 0.0005, null);
        Instant now = Missions.T0;
        MissionState state = check(decider.decide(Missions.requested(limits), Missions.admit(randomPlan(random)),
                Missions.at(now, seed)), rules, Map.of(), null);

        List<Input.Result> delivered = new ArrayList<>();
        Map<UUID, Integer> successes = new HashMap<>();
        int fresh = 0;
        for (Move move : script) {
            now = now.plusSeconds(move.kind() == 7 ? move.flavour() * 10L : 1);
            Input input = input(move, state, delivered, now, fresh++);
            if (input == null) {
                continue;
            }
            Decision decision = decider.decide(state, input, Missions.at(now, seed + fresh));
            state = check(decision, rules, successes, input);
            if (input instanceof Input.Result result) {
                delivered.add(result);
            }
        }
    }

    private static Input input(Move move, MissionState state, List<Input.Result> delivered, Instant now, int fresh) {
        // mostly an attempt in flight, which is what droids answer; sometimes any subtask at all
        List<SubtaskState> inFlight = state.subtasks().stream().filter(s -> s.status().isInFlight()).toList();
        List<SubtaskState> subtasks = inFlight.isEmpty() || move.pick() % 5 == 0 ? state.subtasks() : inFlight;
        SubtaskState subtask = subtasks.get(move.pick() % subtasks.size());
        // an attempt the droids may have been sent: the current one, or one before it
        int attempt = Math.max(1, subtask.attempt() - (move.flavour() % 4 == 0 ? 1 : 0));
        return switch (move.kind()) {
            case 0 -> new Input.Result(subtask.id(), attempt, true, "done", null, artifacts(subtask.role(), move.flavour()),
                    new Spent(move.flavour(), move.flavour() / 2, 0, move.flavour() / 100_000.0, 1));
            case 1 -> new Input.Result(subtask.id(), attempt, false, "failed", "reason " + move.flavour(), Map.of(),
                    new Spent(move.flavour(), 0, 0, 0, 1));
            case 2 -> new Input.Heartbeat(subtask.id(), attempt, move.flavour());
            case 3, 7 -> new Input.Tick(now);
            case 4 -> new Input.Command(CommandType.values()[move.pick() % CommandType.values().length], "someone", null,
                    move.flavour() % 2 == 0 ? null : new BudgetLimits(10_000L, 1.0, null));
            case 5 -> delivered.isEmpty() ? null : delivered.get(move.pick() % delivered.size()); // redelivered
            case 6 -> !Replanning.due(state) ? null : move.flavour() % 3 == 0 ? new Input.ReplanFailed("no plan")
                    : new Input.Replanned(Replanning.request(null, state), Missions.plan(
                            Missions.step("new-" + fresh, "code"), Missions.step("check-" + fresh, "review", "new-" + fresh)), "again");
            default -> throw new IllegalStateException("no move " + move.kind());
        };
    }

    private static Map<String, String> artifacts(Role role, int flavour) {
        boolean bad = flavour % 3 == 0;
        return switch (role) {
            case REVIEW -> Map.of(Artifacts.VERDICT, bad ? Artifacts.REQUEST_CHANGES : Artifacts.APPROVE);
            case TEST -> Map.of(Artifacts.TESTS, bad ? Artifacts.FAILED : Artifacts.PASSED);
            default -> Map.of();
        };
    }

    private static Plan randomPlan(Random random) {
        String[] roles = {"code", "test", "review", "docs"};
        int size = 1 + random.nextInt(6);
        List<Plan.Step> steps = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<String> dependsOn = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(3) == 0) {
                    dependsOn.add("s" + j);
                }
            }
            steps.add(Missions.step("s" + i, roles[random.nextInt(roles.length)], dependsOn.toArray(String[]::new)));
        }
        return Missions.plan(steps.toArray(Plan.Step[]::new));
    }

    /** The invariants of one decision; returns the next state. */
    private static MissionState check(Decision decision, Rules rules, Map<UUID, Integer> successes, Input input) {
        MissionState before = decision.before();
        MissionState next = decision.next();
        if (Transitions.isFinal(before.status())) {
            assertEquals(before.status(), next.status(), "a finished mission stays finished");
        }
        for (SubtaskState old : before.subtasks()) {
            SubtaskState now = next.subtask(old.id()).orElseThrow(() -> new AssertionError("a subtask vanished"));
            // each move is checked as it is made; between two decisions an attempt may end and the next start (via RETRY_WAIT)
            if (now.attempt() == old.attempt()) {
                assertTrue(Transitions.allowed(old.status(), now.status()), old.status() + " → " + now.status());
            }
            if (Transitions.isFinal(old.status())) {
                assertEquals(old.status(), now.status(), "a finished subtask stays finished");
            }
        }
        if (input instanceof Input.Result result) {
            SubtaskState target = before.subtask(result.subtaskId()).orElseThrow();
            if (target.attempt() != result.attempt() || !target.status().isInFlight()) {
                assertFalse(decision.changed(), "a result for an attempt not in flight changes nothing");
            }
        }
        for (Effect effect : decision.effects()) {
            if (effect instanceof Effect.Announce announce && announce.type() == MissionEventType.SUBTASK_SUCCEEDED) {
                assertEquals(1, successes.merge(announce.subtaskId(), 1, Integer::sum), "a subtask succeeds at most once");
            }
            if (effect instanceof Effect.Dispatch dispatch) {
                assertEquals(MissionStatus.RUNNING, dispatch.status(), "only a running mission dispatches");
            }
        }
        if (next.status() == MissionStatus.RUNNING) {
            assertFalse(overBudget(next, rules), "a running mission is within its budget: it stops at the first crossing");
        }
        return next;
    }

    private static boolean overBudget(MissionState state, Rules rules) {
        BudgetLimits limits = state.limits();
        boolean mission = limits.maxTokens() != null && state.spent().tokens() > limits.maxTokens()
                || limits.maxCostUsd() != null && state.spent().costUsd() > limits.maxCostUsd();
        return mission || rules.roleLimits().entrySet().stream().anyMatch(limit -> limit.getValue().maxTokens() != null
                && state.subtasks().stream().filter(s -> s.role() == limit.getKey()).mapToLong(s -> s.spent().tokens()).sum()
                        > limit.getValue().maxTokens());
    }
}

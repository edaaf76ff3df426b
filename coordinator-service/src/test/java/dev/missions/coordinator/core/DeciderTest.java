package dev.missions.coordinator.core;

import static dev.missions.coordinator.core.Missions.T0;
import static dev.missions.coordinator.core.Missions.admit;
import static dev.missions.coordinator.core.Missions.at;
import static dev.missions.coordinator.core.Missions.byKey;
import static dev.missions.coordinator.core.Missions.failure;
import static dev.missions.coordinator.core.Missions.plan;
import static dev.missions.coordinator.core.Missions.requested;
import static dev.missions.coordinator.core.Missions.step;
import static dev.missions.coordinator.core.Missions.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.coordinator.planning.Plan;
import dev.missions.events.CommandType;
import dev.missions.events.MissionEventType;
import dev.missions.events.MissionStatus;
import dev.missions.events.Role;
import dev.missions.schemas.Artifacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeciderTest {

    private final Decider decider = new Decider(Missions.rules());

    private MissionState running(Plan plan) {
        return decider.decide(requested(BudgetLimits.NONE), admit(plan), at(T0, 1)).next();
    }

    private static List<MissionEventType> announced(Decision decision) {
        return decision.effects().stream().map(e -> e instanceof Effect.Announce a ? a.type()
                : e instanceof Effect.Dispatch ? MissionEventType.SUBTASK_STARTED : null).filter(t -> t != null).toList();
    }

    private static List<Effect.Dispatch> dispatches(Decision decision) {
        return decision.effects().stream().filter(Effect.Dispatch.class::isInstance).map(Effect.Dispatch.class::cast).toList();
    }

    @Test
    void admittingAPlanDispatchesEverySubtaskWithoutDependenciesAtOnce() {
        Decision admitted = decider.decide(requested(BudgetLimits.NONE),
                admit(plan(step("a", "code"), step("b", "docs"), step("c", "review", "a", "b"))), at(T0, 1));

        assertEquals(MissionStatus.RUNNING, admitted.next().status());
        assertEquals(List.of(MissionEventType.ACCEPTED, MissionEventType.PLANNED, MissionEventType.SUBTASK_STARTED,
                MissionEventType.SUBTASK_STARTED), announced(admitted));
        assertEquals(SubtaskStatus.PENDING, byKey(admitted.next(), "c").status());
        assertEquals(T0.plus(Missions.rules().pickupTimeout()), byKey(admitted.next(), "a").leaseExpiresAt());
        assertEquals(3, admitted.addedSubtasks().size());
    }

    @Test
    void aSubtaskStartsWithTheArtifactsOfWhatItWaitedFor() {
        MissionState state = running(plan(step("a", "code"), step("b", "review", "a")));
        Decision done = decider.decide(state, success(byKey(state, "a"), Map.of(Artifacts.COMMITS, "abc123"), 10), at(T0, 2));

        Effect.Dispatch review = dispatches(done).getFirst();
        assertEquals(byKey(done.next(), "b").id(), review.subtaskId());
        assertEquals(Map.of(Artifacts.COMMITS, "abc123"), review.inputs());
        assertEquals(List.of(byKey(done.next(), "a"), byKey(done.next(), "b")), done.changedSubtasks());
    }

    @Test
    void theLastSuccessSucceedsTheMissionWithWhatItDelivered() {
        MissionState state = running(plan(step("a", "test")));
        Decision done = decider.decide(state, success(byKey(state, "a"), Map.of(Artifacts.TESTS, Artifacts.PASSED), 1_000), at(T0, 2));

        assertEquals(MissionStatus.SUCCEEDED, done.next().status());
        assertEquals(Artifacts.PASSED, done.next().result().get(Artifacts.TESTS));
        assertEquals("1000", done.next().result().get("tokens"));
        assertEquals(MissionEventType.SUCCEEDED, announced(done).getLast());
    }

    @Test
    void aResultForAnOldAttemptOrATwiceAppliedOneChangesNothing() {
        MissionState state = running(plan(step("a", "code")));
        SubtaskState first = byKey(state, "a");
        MissionState retrying = decider.decide(state, failure(first, "flaky"), at(T0, 2)).next();

        Decision stale = decider.decide(retrying, success(first, Map.of(), 5), at(T0, 3));
        assertFalse(stale.changed());
        assertNotNull(stale.ignored());
        assertEquals(retrying, stale.next());
    }

    @Test
    void aReportedFailureWaitsWithBackoffAndADeadDroidsTaskGoesOutAtOnce() {
        MissionState state = running(plan(step("a", "code")));
        Decision failed = decider.decide(state, failure(byKey(state, "a"), "compile error"), at(T0, 2));
        SubtaskState waiting = byKey(failed.next(), "a");
        assertEquals(SubtaskStatus.RETRY_WAIT, waiting.status());
        assertEquals(2, waiting.attempt());
        assertTrue(!waiting.dueAt().isBefore(T0.plusSeconds(1)) && !waiting.dueAt().isAfter(T0.plusSeconds(2)), waiting.dueAt().toString());

        Decision early = decider.decide(failed.next(), new Input.Tick(T0), at(T0.plusMillis(500), 3));
        assertFalse(early.changed(), "not due yet");
        Decision due = decider.decide(failed.next(), new Input.Tick(T0), at(T0.plusSeconds(3), 3));
        assertEquals(SubtaskStatus.DISPATCHED, byKey(due.next(), "a").status());

        MissionState started = decider.decide(due.next(), new Input.Heartbeat(waiting.id(), 2, 1), at(T0.plusSeconds(4), 4)).next();
        assertEquals(SubtaskStatus.RUNNING, byKey(started, "a").status());
        Instant late = T0.plusSeconds(60);
        Decision silent = decider.decide(started, new Input.Tick(late), at(late, 5));
        SubtaskState again = byKey(silent.next(), "a");
        assertEquals(SubtaskStatus.DISPATCHED, again.status(), "a dead droid's task waits for no backoff");
        assertEquals(3, again.attempt());
        assertTrue(again.lastError().startsWith("no heartbeat from the code droid"), again.lastError());
    }

    @Test
    void theLastAttemptDeadLettersTheSubtaskAndBlocksTheMissionWithoutAPlanner() {
        Decider once = new Decider(Missions.rules(1, 1, false, Map.of()));
        MissionState state = once.decide(requested(BudgetLimits.NONE), admit(plan(step("a", "code"))), at(T0, 1)).next();
        Decision dead = once.decide(state, failure(byKey(state, "a"), "cannot build"), at(T0, 2));

        assertEquals(SubtaskStatus.DEAD, byKey(dead.next(), "a").status());
        assertEquals(MissionStatus.BLOCKED, dead.next().status());
        assertTrue(dead.next().blockedReason().contains("no planner model cast"), dead.next().blockedReason());
        assertTrue(dead.effects().stream().anyMatch(Effect.DeadLetter.class::isInstance));
    }

    @Test
    void withAPlannerTheDeadSubtaskIsReplannedAroundOnce() {
        Decider replanning = new Decider(Missions.rules(1, 1, true, Map.of()));
        MissionState state = replanning.decide(requested(BudgetLimits.NONE), admit(plan(step("a", "code"), step("b", "docs"),
                step("c", "review", "a"))), at(T0, 1)).next();
        MissionState planning = replanning.decide(state, failure(byKey(state, "a"), "wrong approach"), at(T0, 2)).next();
        assertEquals(MissionStatus.PLANNING, planning.status());
        assertTrue(Replanning.due(planning));

        var asked = Replanning.request(null, planning);
        assertEquals(List.of("b"), asked.keptSteps().stream().map(Plan.Step::key).toList());
        Decision adopted = replanning.decide(planning, new Input.Replanned(asked, plan(step("a2", "code"), step("c2", "review", "a2")),
                "another way"), at(T0, 3));

        assertEquals(MissionStatus.RUNNING, adopted.next().status());
        assertEquals(1, adopted.next().replans());
        assertEquals(List.of("b", "a2", "c2"), adopted.next().live().stream().map(SubtaskState::key).toList());
        assertEquals(SubtaskStatus.DISPATCHED, byKey(adopted.next(), "a2").status());
        assertFalse(replanning.decide(adopted.next(), new Input.Replanned(asked, plan(step("x", "code")), "late"), at(T0, 4)).changed(),
                "a plan nobody waits for any more is dropped");
    }

    @Test
    void aReviewThatAsksForChangesAddsAFixRoundThatTheWaitingSubtaskWaitsFor() {
        MissionState state = running(plan(step("code", "code"), step("test", "test", "code"), step("review", "review", "test"),
                step("docs", "docs", "review")));
        for (String key : List.of("code", "test")) {
            state = decider.decide(state, success(byKey(state, key), Map.of(Artifacts.TESTS, Artifacts.PASSED), 1), at(T0, 2)).next();
        }
        Decision changes = decider.decide(state, success(byKey(state, "review"),
                Map.of(Artifacts.VERDICT, Artifacts.REQUEST_CHANGES, Artifacts.REVIEW_COMMENTS, "rename x"), 1), at(T0, 3));

        MissionState next = changes.next();
        assertEquals(1, next.reworkRounds());
        assertEquals(List.of("review-1"), byKey(next, "docs").dependsOn());
        assertEquals(SubtaskStatus.DISPATCHED, byKey(next, "fix-1").status());
        assertEquals("rename x", byKey(next, "fix-1").inputs().get(Artifacts.REVIEW_COMMENTS));
        assertEquals(List.of("fix-1"), byKey(next, "test-1").dependsOn());
    }

    @Test
    void crossingTheTokenBudgetPausesTheMissionAtOnceAndResumingNeedsARaise() {
        MissionState state = decider.decide(requested(new BudgetLimits(100L, null, null)),
                admit(plan(step("a", "code"), step("b", "code", "a"))), at(T0, 1)).next();
        assertEquals(100L, dispatches(decider.decide(requested(new BudgetLimits(100L, null, null)),
                admit(plan(step("a", "code"))), at(T0, 1))).getFirst().remainingTokens());

        Decision crossed = decider.decide(state, success(byKey(state, "a"), Map.of(), 150), at(T0, 2));
        assertEquals(MissionStatus.PAUSED, crossed.next().status());
        assertTrue(dispatches(crossed).isEmpty(), "nothing starts after the crossing");
        assertTrue(announced(crossed).contains(MissionEventType.BUDGET_EXCEEDED));

        Decision refused = decider.decide(crossed.next(), new Input.Command(CommandType.RESUME, "ann", null, null), at(T0, 3));
        assertTrue(refused.refused());
        assertTrue(refused.refusal().startsWith("still over budget (token budget exceeded: 150 used of 100)"), refused.refusal());
        Decision resumed = decider.decide(crossed.next(), new Input.Command(CommandType.RESUME, "ann", "more",
                new BudgetLimits(1_000L, null, null)), at(T0, 3));
        assertEquals(MissionStatus.RUNNING, resumed.next().status());
        assertEquals(850L, dispatches(resumed).getFirst().remainingTokens());
    }

    @Test
    void aRoleThatSpendsMoreThanItsShareIsNamed() {
        Decider limited = new Decider(Missions.rules(3, 1, false, Map.of(Role.REVIEW, new Rules.RoleLimit(100L, null))));
        MissionState state = limited.decide(requested(BudgetLimits.NONE), admit(plan(step("a", "code"), step("r", "review"),
                step("d", "docs", "a", "r"))), at(T0, 1)).next();
        state = limited.decide(state, success(byKey(state, "a"), Map.of(), 500), at(T0, 2)).next();
        assertEquals(MissionStatus.RUNNING, state.status(), "another role's spending does not count");

        Decision crossed = limited.decide(state, success(byKey(state, "r"), Map.of(Artifacts.VERDICT, Artifacts.APPROVE), 110), at(T0, 3));
        assertEquals(MissionStatus.PAUSED, crossed.next().status());
        Effect.Announce exceeded = (Effect.Announce) crossed.effects().stream()
                .filter(e -> e instanceof Effect.Announce a && a.type() == MissionEventType.BUDGET_EXCEEDED).findFirst().orElseThrow();
        assertTrue(exceeded.message().startsWith("review role token budget exceeded: 110 used of 100"), exceeded.message());
    }

    @Test
    void theWallClockRunsOutOnItsOwn() {
        MissionState state = decider.decide(requested(new BudgetLimits(null, null, 3600L)), admit(plan(step("a", "code"))),
                at(T0, 1)).next();
        assertFalse(decider.decide(state, new Input.Tick(T0), at(T0.plusSeconds(3599), 2)).changed());

        Decision over = decider.decide(state, new Input.Tick(T0), at(T0.plusSeconds(3601), 2));
        assertEquals(MissionStatus.PAUSED, over.next().status());
        assertTrue(((Effect.Announce) over.effects().getFirst()).message().startsWith("wall-clock budget exceeded: running 3601 s of 3600 s"));
    }

    @Test
    void aCommandThatDoesNotApplyNowIsRefusedWithTheReason() {
        MissionState state = running(plan(step("a", "code")));
        Decision approve = decider.decide(state, new Input.Command(CommandType.APPROVE, "ann", null, null), at(T0, 2));
        assertEquals("cannot approve a mission that is RUNNING; only a awaiting approval mission can be", approve.refusal());
        assertFalse(approve.changed());

        MissionState cancelled = decider.decide(state, new Input.Command(CommandType.CANCEL, "ann", "wrong repo", null), at(T0, 2)).next();
        assertEquals(MissionStatus.CANCELLED, cancelled.status());
        assertTrue(decider.decide(cancelled, new Input.Command(CommandType.PAUSE, "ann", null, null), at(T0, 3)).refused());
        Decision late = decider.decide(cancelled, success(byKey(cancelled, "a"), Map.of(), 5), at(T0, 3));
        assertEquals(MissionStatus.CANCELLED, late.next().status(), "a result after the end changes no mission status");
        assertTrue(dispatches(late).isEmpty());
    }

    @Test
    void theTableRefusesAMoveItDoesNotList() {
        assertThrows(IllegalTransition.class, () -> Transitions.check(MissionStatus.SUCCEEDED, MissionStatus.RUNNING));
        assertThrows(IllegalTransition.class, () -> Transitions.check(SubtaskStatus.SUCCEEDED, SubtaskStatus.DISPATCHED));
        assertThrows(IllegalTransition.class, () -> Transitions.check(SubtaskStatus.PENDING, SubtaskStatus.SUCCEEDED));
        assertEquals(MissionStatus.PAUSED, Transitions.check(MissionStatus.RUNNING, MissionStatus.PAUSED));
        for (MissionStatus status : MissionStatus.values()) {
            assertEquals(status == MissionStatus.SUCCEEDED || status == MissionStatus.FAILED || status == MissionStatus.CANCELLED,
                    Transitions.isFinal(status), status.name());
        }
    }
}

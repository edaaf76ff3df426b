package dev.missions.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.missions.e2e.chaos.CoordinatorRecord.EventRow;
import dev.missions.e2e.chaos.CoordinatorRecord.ResultRow;
import dev.missions.e2e.chaos.CoordinatorRecord.SubtaskRow;
import dev.missions.e2e.chaos.Ledger.Effect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chaos run's verdict must be able to fail: each kind of loss or double application is caught. */
class ChaosAuditTest {

    private static final List<String> KEYS = List.of("s1", "s2");

    @Test
    void aCleanRunPassesAndCountsEffectsThatRanTwice() {
        Run run = new Run("m1", "m2");
        run.effects.add(new Effect("m1", "m1-s1", 1, "droid-b")); // same attempt performed again by another instance
        run.effects.add(new Effect("m2", "m2-s2", 2, "droid-a")); // a second attempt after a lease ran out

        ChaosAudit audit = run.audit();

        assertEquals(List.of(), audit.problems());
        assertEquals(0, audit.lost());
        assertEquals(0, audit.appliedTwice());
        assertEquals(4, audit.resultsApplied());
        assertEquals(2, audit.executedTwice());
        assertEquals(1, audit.attemptsRepeated());
    }

    @Test
    void aMissionNeverStoredIsLost() {
        Run run = new Run("m1", "m2");
        run.missions.remove("m2");
        ChaosAudit audit = run.audit();
        assertEquals(1, audit.missionsLost());
        assertEquals(1, audit.lost());
        assertTrue(audit.problems().get(0).contains("never stored"), audit.problems().toString());
    }

    @Test
    void aMissingOrUnfinishedSubtaskOrMissionFails() {
        Run run = new Run("m1", "m2");
        run.subtasks.removeIf(s -> s.subtaskId().equals("m1-s2"));
        run.subtasks.replaceAll(s -> s.subtaskId().equals("m2-s2") ? new SubtaskRow("m2", "m2-s2", "s2", "DEAD", 10) : s);
        run.missions.put("m2", "BLOCKED");
        ChaosAudit audit = run.audit();
        assertEquals(1, audit.subtasksLost());
        assertEquals(1, audit.subtasksNotSucceeded());
        assertEquals(Map.of("m2", "BLOCKED"), audit.missionsNotSucceeded());
        assertEquals(3, audit.problems().size(), audit.problems().toString());
    }

    @Test
    void aSecondSuccessfulResultOrAnnouncementIsAppliedTwice() {
        Run run = new Run("m1", "m2");
        run.results.add(new ResultRow("m1", "m1-s1", 2, "SUCCEEDED", "droid-a"));
        run.effects.add(new Effect("m1", "m1-s1", 2, "droid-a"));
        run.events.add(new EventRow("m2", "m2-s2", "SUBTASK_SUCCEEDED", "m2-s2-again"));
        run.events.add(new EventRow("m2", null, "SUCCEEDED", "m2-done-again"));
        ChaosAudit audit = run.audit();
        assertEquals(3, audit.appliedTwice(), audit.problems().toString());
        // a failed result for an earlier attempt is no application of success
        Run retried = new Run("m1");
        retried.results.add(new ResultRow("m1", "m1-s1", 2, "FAILED", "droid-a"));
        assertEquals(List.of(), retried.audit().problems());
    }

    @Test
    void anAppliedResultNoDroidPerformedFails() {
        Run run = new Run("m1");
        run.effects.removeIf(e -> e.subtaskId().equals("m1-s2"));
        ChaosAudit audit = run.audit();
        assertEquals(1, audit.appliedWithoutEffect());
        assertEquals(1, audit.problems().size());
    }

    @Test
    void sizesComeFromSystemPropertiesWithTheCiSizeByDefault() {
        ChaosSize ci = ChaosSize.from(key -> null);
        assertEquals(30, ci.missions());
        assertEquals(Duration.ofSeconds(5), ci.killEvery());
        ChaosSize full = ChaosSize.from(Map.of("chaos.missions", "1000", "chaos.kill-every", "15s")::get);
        assertEquals(1000, full.missions());
        assertEquals(Duration.ofSeconds(15), full.killEvery());
        assertEquals(Duration.ofSeconds(500), full.submitOver());
        assertEquals(Duration.ofMillis(1500), ChaosSize.duration("1.5s"));
        assertEquals(Duration.ofMinutes(2), ChaosSize.duration("2m"));
        assertEquals(Duration.ofMillis(250), ChaosSize.duration("PT0.25S"));
    }

    /** Missions that each succeeded with one applied, performed result per subtask; tests then break one thing. */
    private static final class Run {
        final List<String> requested = new ArrayList<>();
        final Map<String, String> missions = new HashMap<>();
        final List<SubtaskRow> subtasks = new ArrayList<>();
        final List<ResultRow> results = new ArrayList<>();
        final List<EventRow> events = new ArrayList<>();
        final List<Effect> effects = new ArrayList<>();

        Run(String... missionIds) {
            for (String mission : missionIds) {
                requested.add(mission);
                missions.put(mission, "SUCCEEDED");
                events.add(new EventRow(mission, null, "SUCCEEDED", mission + "-done"));
                for (String key : KEYS) {
                    String subtask = mission + "-" + key;
                    subtasks.add(new SubtaskRow(mission, subtask, key, "SUCCEEDED", 1));
                    results.add(new ResultRow(mission, subtask, 1, "SUCCEEDED", "droid-a"));
                    events.add(new EventRow(mission, subtask, "SUBTASK_SUCCEEDED", subtask + "-ok"));
                    effects.add(new Effect(mission, subtask, 1, "droid-a"));
                }
            }
        }

        ChaosAudit audit() {
            return ChaosAudit.of(requested, KEYS, new CoordinatorRecord(missions, subtasks, results, events), effects);
        }
    }
}

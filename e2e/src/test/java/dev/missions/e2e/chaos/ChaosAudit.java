package dev.missions.e2e.chaos;

import dev.missions.e2e.chaos.CoordinatorRecord.EventRow;
import dev.missions.e2e.chaos.CoordinatorRecord.ResultRow;
import dev.missions.e2e.chaos.CoordinatorRecord.SubtaskRow;
import dev.missions.e2e.chaos.Ledger.Effect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdict of a chaos run, from the coordinator's record and the droids' ledger. Failures: a requested mission
 * or a planned subtask that is missing, a mission that did not succeed, a subtask or mission whose success was
 * applied or announced more than once, and an applied result that no droid ever performed. Effects that ran more
 * than once are counted, not failed: under SIGKILL execution is at least once.
 */
record ChaosAudit(int missions, int missionsLost, Map<String, String> missionsNotSucceeded, int subtasksLost,
        int subtasksNotSucceeded, int unexpectedSubtasks, int resultsApplied, int appliedTwice,
        int appliedWithoutEffect, int effects, int executedTwice, int extraExecutions, int attemptsRepeated,
        int subtasksRetried, List<String> problems) {

    static final String SUCCEEDED = "SUCCEEDED";

    static ChaosAudit of(Collection<String> requested, List<String> planKeys, CoordinatorRecord record,
            List<Effect> ledger) {
        List<String> problems = new ArrayList<>();
        Set<String> missions = new HashSet<>(requested);

        List<String> lost = requested.stream().filter(id -> !record.missionStatus().containsKey(id)).toList();
        lost.forEach(id -> problems.add("mission " + id + " was requested but never stored"));
        Map<String, String> notSucceeded = new LinkedHashMap<>();
        record.missionStatus().forEach((id, status) -> {
            if (!status.equals(SUCCEEDED)) {
                notSucceeded.put(id, status);
                problems.add("mission " + id + " ended " + status + ", not " + SUCCEEDED);
            }
        });

        Map<String, List<SubtaskRow>> byMission = record.subtasks().stream().filter(s -> !s.status().equals("REPLACED"))
                .collect(Collectors.groupingBy(SubtaskRow::missionId));
        int subtasksLost = 0;
        int subtasksNotSucceeded = 0;
        int unexpected = 0;
        for (String missionId : record.missionStatus().keySet()) {
            List<SubtaskRow> subtasks = byMission.getOrDefault(missionId, List.of());
            Set<String> keys = subtasks.stream().map(SubtaskRow::planKey).collect(Collectors.toSet());
            for (String key : planKeys) {
                if (!keys.contains(key)) {
                    subtasksLost++;
                    problems.add("mission " + missionId + " lost its subtask " + key);
                }
            }
            for (SubtaskRow subtask : subtasks) {
                if (!planKeys.contains(subtask.planKey())) {
                    unexpected++;
                    problems.add("mission " + missionId + " has a subtask its plan never had: " + subtask.planKey());
                } else if (!subtask.status().equals(SUCCEEDED)) {
                    subtasksNotSucceeded++;
                    problems.add("subtask " + subtask.planKey() + " of mission " + missionId + " ended " + subtask.status());
                }
            }
        }

        List<ResultRow> successes = record.results().stream()
                .filter(r -> missions.contains(r.missionId()) && r.outcome().equals(SUCCEEDED)).toList();
        Set<String> appliedTwice = new HashSet<>();
        countBy(successes, ResultRow::subtaskId).forEach((subtask, count) -> {
            if (count > 1) {
                appliedTwice.add(subtask);
                problems.add("subtask " + subtask + " has " + count + " successful results applied");
            }
        });
        Map<String, Set<String>> subtaskAnnouncements = new HashMap<>();
        Map<String, Set<String>> missionAnnouncements = new HashMap<>();
        for (EventRow event : record.events()) {
            if (event.type().equals("SUBTASK_SUCCEEDED")) {
                subtaskAnnouncements.computeIfAbsent(event.subtaskId(), s -> new HashSet<>()).add(event.eventId());
            } else if (event.type().equals(SUCCEEDED)) {
                missionAnnouncements.computeIfAbsent(event.missionId(), m -> new HashSet<>()).add(event.eventId());
            }
        }
        subtaskAnnouncements.forEach((subtask, ids) -> {
            if (ids.size() > 1) {
                appliedTwice.add(subtask);
                problems.add("subtask " + subtask + " was announced SUBTASK_SUCCEEDED " + ids.size() + " times");
            }
        });
        missionAnnouncements.forEach((mission, ids) -> {
            if (ids.size() > 1) {
                appliedTwice.add(mission);
                problems.add("mission " + mission + " was announced SUCCEEDED " + ids.size() + " times");
            }
        });

        List<Effect> effects = ledger.stream().filter(e -> missions.contains(e.missionId())).toList();
        Set<String> performed = effects.stream().map(e -> e.subtaskId() + "#" + e.attempt()).collect(Collectors.toSet());
        int withoutEffect = 0;
        for (ResultRow result : successes) {
            if (!performed.contains(result.subtaskId() + "#" + result.attempt())) {
                withoutEffect++;
                problems.add("subtask " + result.subtaskId() + " attempt " + result.attempt()
                        + " was applied but no droid recorded performing it");
            }
        }
        Map<String, Integer> runs = countBy(effects, Effect::subtaskId);
        int executedTwice = (int) runs.values().stream().filter(n -> n > 1).count();
        int extra = runs.values().stream().mapToInt(n -> n - 1).sum();
        int attemptsRepeated = (int) countBy(effects, e -> e.subtaskId() + "#" + e.attempt()).values().stream()
                .filter(n -> n > 1).count();
        int retried = (int) record.subtasks().stream().filter(s -> s.attempt() > 1).count();

        return new ChaosAudit(requested.size(), lost.size(), notSucceeded, subtasksLost, subtasksNotSucceeded, unexpected,
                successes.size(), appliedTwice.size(), withoutEffect, effects.size(), executedTwice, extra,
                attemptsRepeated, retried, problems);
    }

    private static <T> Map<String, Integer> countBy(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, Integer> counts = new HashMap<>();
        items.forEach(item -> counts.merge(key.apply(item), 1, Integer::sum));
        return counts;
    }

    /** Missions plus subtasks that vanished. */
    int lost() {
        return missionsLost + subtasksLost;
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("missions", missions);
        map.put("missions_lost", missionsLost);
        map.put("missions_not_succeeded", missionsNotSucceeded.size());
        map.put("subtasks_lost", subtasksLost);
        map.put("subtasks_not_succeeded", subtasksNotSucceeded);
        map.put("unexpected_subtasks", unexpectedSubtasks);
        map.put("results_applied", resultsApplied);
        map.put("applied_twice", appliedTwice);
        map.put("applied_without_effect", appliedWithoutEffect);
        map.put("effects", effects);
        map.put("executed_twice", executedTwice);
        map.put("extra_executions", extraExecutions);
        map.put("attempts_executed_twice", attemptsRepeated);
        map.put("subtasks_retried", subtasksRetried);
        map.put("problems", problems.stream().limit(50).toList());
        return map;
    }
}

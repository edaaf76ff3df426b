package dev.missions.coordinator.planning;

import dev.missions.events.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every plan is checked before it runs: known roles, unique keys, known dependencies, bounded size, no cycle. */
public final class PlanValidator {

    public static final int MAX_SUBTASKS = 40;
    private static final String KEY = "[a-z0-9][a-z0-9-]{0,62}";

    private PlanValidator() {
    }

    /** What is wrong with the plan; empty when it can run. */
    public static List<String> problems(Plan plan) {
        List<String> problems = new ArrayList<>();
        List<Plan.Step> steps = plan == null ? List.of() : plan.steps();
        if (steps.isEmpty()) {
            problems.add("the plan has no subtasks");
            return problems;
        }
        if (steps.size() > MAX_SUBTASKS) {
            problems.add("the plan has " + steps.size() + " subtasks; at most " + MAX_SUBTASKS + " are allowed");
        }
        Set<String> keys = new HashSet<>();
        for (Plan.Step step : steps) {
            if (step.key() == null || !step.key().matches(KEY)) {
                problems.add("subtask key '" + step.key() + "' must be lower-case letters, digits and dashes");
            } else if (!keys.add(step.key())) {
                problems.add("subtask key '" + step.key() + "' is used twice");
            }
            if (role(step.role()) == null) {
                problems.add("subtask '" + step.key() + "' has unknown role '" + step.role() + "'; roles are code, test, review, docs");
            }
            if (step.instructions() == null || step.instructions().isBlank()) {
                problems.add("subtask '" + step.key() + "' has no instructions");
            }
        }
        for (Plan.Step step : steps) {
            for (String dependency : dependencies(step)) {
                if (dependency.equals(step.key())) {
                    problems.add("subtask '" + step.key() + "' depends on itself");
                } else if (!keys.contains(dependency)) {
                    problems.add("subtask '" + step.key() + "' depends on unknown subtask '" + dependency + "'");
                }
            }
        }
        if (problems.isEmpty()) {
            List<String> unordered = unorderable(steps);
            if (!unordered.isEmpty()) {
                problems.add("the plan has a cycle through " + String.join(", ", unordered));
            }
        }
        return problems;
    }

    /**
     * What is wrong with a re-plan: the new subtasks are checked together with the kept ones, so they may
     * depend on kept keys but not reuse them, and the whole stays bounded and acyclic.
     */
    public static List<String> problems(List<Plan.Step> kept, Plan fresh) {
        if (fresh == null || fresh.steps().isEmpty()) {
            return List.of("the new plan has no subtasks");
        }
        List<Plan.Milestone> milestones = new ArrayList<>();
        milestones.add(new Plan.Milestone("kept", kept));
        milestones.addAll(fresh.milestones());
        return problems(new Plan(milestones));
    }

    public static Role role(String name) {
        if (name == null) {
            return null;
        }
        for (Role role : Role.values()) {
            if (role.name().equalsIgnoreCase(name.strip())) {
                return role;
            }
        }
        return null;
    }

    static List<String> dependencies(Plan.Step step) {
        return step.dependsOn() == null ? List.of() : step.dependsOn();
    }

    /** Kahn's algorithm: the keys that never become ready are on (or behind) a cycle. */
    private static List<String> unorderable(List<Plan.Step> steps) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (Plan.Step step : steps) {
            waiting.put(step.key(), new HashSet<>(dependencies(step)).size());
            for (String dependency : new HashSet<>(dependencies(step))) {
                dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(step.key());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        waiting.forEach((key, count) -> {
            if (count == 0) {
                ready.add(key);
            }
        });
        while (!ready.isEmpty()) {
            String done = ready.poll();
            waiting.remove(done);
            for (String dependent : dependents.getOrDefault(done, List.of())) {
                if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        return waiting.keySet().stream().sorted().toList();
    }
}

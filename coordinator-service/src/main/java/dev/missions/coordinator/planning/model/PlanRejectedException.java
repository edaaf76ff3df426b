package dev.missions.coordinator.planning.model;

import java.util.List;

/** The planner model answered twice with a plan that cannot run; the mission fails with this message. */
public class PlanRejectedException extends RuntimeException {

    private final List<String> problems;

    public PlanRejectedException(List<String> problems) {
        super("the planner model's plan cannot run, even after one repair: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

package dev.missions.coordinator.planning;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The planner when no model is cast for planning: the built-in template of the mission's kind. */
@ApplicationScoped
@DefaultBean
public class TemplatePlanner implements Planner {

    @Override
    public PlanDecision plan(PlanRequest request) {
        return new PlanDecision(PlanTemplates.forKind(request.kind(), request.goal()), "TEMPLATE",
                "built-in " + request.kind() + " template (no planner model cast)");
    }
}

package dev.missions.coordinator.planning.model;

import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanTemplates;
import dev.missions.coordinator.planning.Planner;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Plans with the model cast as {@code missions.casting.planner}: validated, repaired once, rejected if still wrong.
 * Without a usable model it falls back to the kind's built-in template, saying why; a provider that refuses our
 * credentials (401, 403) fails the mission instead ({@link PlannerRefusedException}).
 */
@ApplicationScoped
public class ModelPlanner implements Planner {

    private static final Set<String> NO_MODEL = Set.of("", "none", "replay");

    @ConfigProperty(name = "missions.casting.planner.provider", defaultValue = "none")
    String provider;

    @ConfigProperty(name = "missions.casting.planner.model", defaultValue = "none")
    String model;

    /** Looked up only when a model is cast. */
    @Inject
    Instance<PlannerAi> ai;

    @Override
    public PlanDecision plan(PlanRequest request) {
        if (NO_MODEL.contains(provider.strip().toLowerCase())) {
            return template(request, "no planner model cast (missions.casting.planner.provider=" + provider + ")");
        }
        String brief = PlannerPrompts.brief(request);
        String reply;
        try {
            reply = ai.get().plan(brief);
        } catch (RuntimeException e) {
            return unavailable(request, e);
        }
        PlannerPrompts.Reading first = PlannerPrompts.read(reply);
        if (first.problems().isEmpty()) {
            return new PlanDecision(first.plan(), "PLANNER", "planned by " + cast());
        }
        Log.infof("planner model's plan cannot run, asking once for a repair: %s", first.problems());
        try {
            reply = ai.get().plan(PlannerPrompts.repair(brief, reply, first.problems()));
        } catch (RuntimeException e) {
            return unavailable(request, e);
        }
        PlannerPrompts.Reading second = PlannerPrompts.read(reply);
        if (!second.problems().isEmpty()) {
            throw new PlanRejectedException(second.problems());
        }
        return new PlanDecision(second.plan(), "PLANNER",
                "planned by " + cast() + ", repaired once after: " + String.join("; ", first.problems()));
    }

    @Override
    public boolean canReplan() {
        return !NO_MODEL.contains(provider.strip().toLowerCase());
    }

    /** Without a model the plan is the kind's template, made in microseconds. */
    @Override
    public boolean mayBlock() {
        return canReplan();
    }

    /** No template fallback here: the template would only repeat the step that just failed. */
    @Override
    public PlanDecision replan(ReplanRequest request) {
        if (!canReplan()) {
            throw new IllegalStateException("no planner model cast (missions.casting.planner.provider=" + provider + ")");
        }
        List<Plan.Step> kept = request.keptSteps();
        String brief = PlannerPrompts.replanBrief(request);
        String reply = ask(brief);
        PlannerPrompts.Reading first = PlannerPrompts.read(reply, kept);
        if (first.problems().isEmpty()) {
            return new PlanDecision(first.plan(), "PLANNER", "re-planned by " + cast());
        }
        Log.infof("planner model's re-plan cannot run, asking once for a repair: %s", first.problems());
        PlannerPrompts.Reading second = PlannerPrompts.read(ask(PlannerPrompts.repair(brief, reply, first.problems())), kept);
        if (!second.problems().isEmpty()) {
            throw new PlanRejectedException(second.problems());
        }
        return new PlanDecision(second.plan(), "PLANNER",
                "re-planned by " + cast() + ", repaired once after: " + String.join("; ", first.problems()));
    }

    private String ask(String brief) {
        try {
            return ai.get().plan(brief);
        } catch (RuntimeException e) {
            throw PlannerRefusedException.in(e, cast()).map(RuntimeException.class::cast)
                    .orElseGet(() -> new IllegalStateException("planner model " + cast() + " unavailable: " + reason(e), e));
        }
    }

    private PlanDecision unavailable(PlanRequest request, RuntimeException e) {
        PlannerRefusedException.in(e, cast()).ifPresent(refused -> {
            Log.warn(refused.getMessage());
            throw refused;
        });
        String why = "planner model " + cast() + " unavailable: " + reason(e);
        Log.warnf("%s; using the built-in %s template", why, request.kind());
        Log.debug("planner model failure", e);
        return template(request, why);
    }

    private static PlanDecision template(PlanRequest request, String why) {
        return new PlanDecision(PlanTemplates.forKind(request.kind(), request.goal()), "TEMPLATE",
                why + "; used the built-in " + request.kind() + " template");
    }

    private String cast() {
        return provider + "/" + model;
    }

    /** The innermost cause usually names the real trouble (connection refused, read timed out, HTTP 503). */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? e.getMessage() : root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

package dev.missions.coordinator.admission;

import dev.missions.coordinator.budget.Budgets;
import dev.missions.coordinator.chaos.CrashPoints;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.engine.Charter;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanJson;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.coordinator.planning.Planner;
import dev.missions.events.MissionRequested;
import dev.missions.events.Source;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.UUID;

/**
 * Turns a request into a stored, planned mission and dispatches its first work, all in one write.
 */
@ApplicationScoped
public class MissionAdmission {

    @Inject
    MissionEngine engine;

    @Inject
    Planner planner;

    @Inject
    Budgets budgets;

    @Inject
    CrashPoints crashPoints;

    /** Sources whose missions wait for a person to approve the plan (missions.approval.plan-for=SLACK,LINEAR). */
    @ConfigProperty(name = "missions.approval.plan-for")
    Optional<List<Source>> approvalFor;

    /** The mission's id, whether it is stored now or was admitted for this request's eventId before. */
    public Uni<UUID> admit(MissionRequested request) {
        Uni<Decision> decision = Uni.createFrom().item(() -> decide(request));
        if (request.getPlan() == null && planner.mayBlock()) {
            // a model may take seconds: off the event loop, and back onto it for the write
            Context context = Vertx.currentContext();
            decision = decision.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return decision.flatMap(decided -> store(request, decided))
                .invoke(() -> crashPoints.reach(CrashPoints.DISPATCH_AFTER_COMMIT));
    }

    /** Plans outside the transaction: a model may take seconds. A plan that cannot run is a decision too. */
    private Decision decide(MissionRequested request) {
        try {
            if (request.getPlan() != null) {
                Plan plan = PlanJson.read(request.getPlan());
                List<String> problems = PlanValidator.problems(plan);
                return problems.isEmpty() ? new Decision(new Planner.PlanDecision(plan, "REQUESTER", "plan given with the request"), null)
                        : new Decision(null, "the requested plan cannot run: " + String.join("; ", problems));
            }
            return new Decision(planner.plan(new Planner.PlanRequest(request.getKind(), request.getGoal(), request.getTitle(),
                    request.getContext(), request.getRepository())), null);
        } catch (RuntimeException e) {
            return new Decision(null, "planning failed: " + e.getMessage());
        }
    }

    private record Decision(Planner.PlanDecision plan, String failure) {
    }

    /** The mission with its first decision, in one statement; a request delivered again writes nothing. */
    private Uni<UUID> store(MissionRequested request, Decision decision) {
        UUID missionId = UUID.fromString(request.getMeta().getMissionId());
        String planSource = decision.plan() == null ? "NONE" : decision.plan().source();
        Charter charter = new Charter(missionId, request.getGoal(), request.getTitle(), request.getContext(),
                request.getRepository(), request.getBaseBranch(), "missions/" + missionId.toString().substring(0, 8),
                request.getKind(), request.getOrigin() == null ? Source.API : request.getOrigin().getSource(),
                request.getOrigin() == null ? null : request.getOrigin().getReference(),
                request.getOrigin() == null ? null : request.getOrigin().getUrl(), request.getMeta().getCorrelationId(),
                planSource);
        Input.Admit admit = new Input.Admit(charter.goal(), decision.plan() == null ? null : decision.plan().plan(), planSource,
                decision.failure(), approvalFor.orElse(List.of()).contains(charter.source()));
        return engine.admit(charter, budgets.initial(request.getBudget()),
                        decision.plan() == null ? decision.failure() : decision.plan().note(), admit, request.getMeta().getEventId())
                .replaceWith(missionId);
    }
}

package dev.missions.coordinator.admission;

import dev.missions.coordinator.mission.Mission;

import dev.missions.coordinator.budget.Budgets;
import dev.missions.coordinator.chaos.CrashPoints;
import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.coordinator.inbox.Inbox;
import dev.missions.coordinator.planning.Plan;
import dev.missions.coordinator.planning.PlanJson;
import dev.missions.coordinator.planning.PlanValidator;
import dev.missions.coordinator.planning.Planner;
import dev.missions.events.MissionRequested;
import dev.missions.events.MissionStatus;
import dev.missions.events.Source;
import dev.missions.schemas.Topic;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.UUID;

/**
 * Turns a request into a stored, planned mission and dispatches its first work, all in one transaction.
 */
@ApplicationScoped
public class MissionAdmission {

    @Inject
    Inbox inbox;

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

    /** The stored mission, or the one already admitted for this request's eventId. */
    public Uni<Mission> admit(MissionRequested request) {
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(() -> decide(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .flatMap(decision -> Panache.withTransaction(() -> store(request, decision)))
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

    private Uni<Mission> store(MissionRequested request, Decision decision) {
        UUID missionId = UUID.fromString(request.getMeta().getMissionId());
        return inbox.firstDelivery(request.getMeta().getEventId(), Topic.MISSION_REQUESTS.topicName())
                .flatMap(first -> first ? create(missionId, request, decision) : Mission.findById(missionId));
    }

    private Uni<Mission> create(UUID missionId, MissionRequested request, Decision decision) {
        Instant now = Instant.now();
        Mission mission = new Mission();
        mission.id = missionId;
        mission.goal = request.getGoal();
        mission.title = request.getTitle();
        mission.context = request.getContext();
        mission.repository = request.getRepository();
        mission.baseBranch = request.getBaseBranch();
        mission.missionBranch = "missions/" + missionId.toString().substring(0, 8);
        mission.kind = request.getKind();
        mission.source = request.getOrigin() == null ? Source.API : request.getOrigin().getSource();
        mission.sourceReference = request.getOrigin() == null ? null : request.getOrigin().getReference();
        mission.sourceUrl = request.getOrigin() == null ? null : request.getOrigin().getUrl();
        mission.correlationId = request.getMeta().getCorrelationId();
        mission.status = MissionStatus.REQUESTED;
        mission.createdAt = now;
        mission.updatedAt = now;
        mission.limits = budgets.initial(request.getBudget());
        mission.planSource = decision.plan() == null ? "NONE" : decision.plan().source();
        mission.planNote = decision.plan() == null ? decision.failure() : decision.plan().note();
        Input.Admit admit = new Input.Admit(mission.goal, decision.plan() == null ? null : decision.plan().plan(), mission.planSource,
                decision.failure(), approvalFor.orElse(List.of()).contains(mission.source));
        return mission.persist()
                .chain(() -> engine.store(engine.decide(mission, List.of(), admit), mission, List.of(), request.getMeta().getEventId()))
                .replaceWith(mission);
    }
}

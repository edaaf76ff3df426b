package dev.missions.coordinator.replan;

import dev.missions.coordinator.core.Input;
import dev.missions.coordinator.core.Replanning;
import dev.missions.coordinator.engine.MissionEngine;
import dev.missions.outbox.OutboxRelay;
import dev.missions.coordinator.planning.Planner;
import dev.missions.coordinator.planning.Planner.ReplanRequest;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Works off due re-plans: the mission row says one is due (PLANNING with a reason), so a crash at any
 * point only means the next tick asks again. The model is asked outside any transaction (it may take
 * seconds); the answer is adopted only if the mission, as stored then, still wants it.
 */
@ApplicationScoped
public class Replanner {

    static final int BATCH = 20;

    @Inject
    Planner planner;

    @Inject
    MissionEngine engine;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool client;

    /** The planner's plan, or why there is none. */
    record Answer(Planner.PlanDecision decision, String failure) {
    }

    @Scheduled(every = "${missions.engine.timer-interval:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return client.preparedQuery("select id from mission where status = 'PLANNING' and replan_reason is not null limit $1")
                .execute(Tuple.of(BATCH))
                .map(rows -> {
                    List<UUID> missions = new ArrayList<>();
                    rows.forEach(row -> missions.add(row.getUUID(0)));
                    return missions;
                })
                .flatMap(this::replanEach);
    }

    private Uni<Void> replanEach(List<UUID> missionIds) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (UUID missionId : missionIds) {
            done = done.chain(() -> replan(missionId).onFailure().recoverWithUni(failure -> {
                Log.errorf(failure, "re-plan of mission %s failed; the next tick tries again", missionId);
                return Uni.createFrom().voidItem();
            }));
        }
        return done;
    }

    Uni<Void> replan(UUID missionId) {
        Context context = Vertx.currentContext();
        return engine.read(missionId)
                .map(record -> Replanning.request(new Planner.PlanRequest(record.charter().kind(), record.charter().goal(),
                        record.charter().title(), record.charter().context(), record.charter().repository()), record.state()))
                .flatMap(request -> Uni.createFrom().item(() -> ask(request))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .emitOn(task -> context.runOnContext(ignored -> task.run()))
                        .flatMap(answer -> adopt(missionId, request, answer)))
                .invoke(relay::wake);
    }

    private Answer ask(ReplanRequest request) {
        try {
            return new Answer(planner.replan(request), null);
        } catch (RuntimeException e) {
            return new Answer(null, e.getMessage());
        }
    }

    /** The core checks the mission as stored now still wants this plan (not cancelled, not adopted already). */
    private Uni<Void> adopt(UUID missionId, ReplanRequest request, Answer answer) {
        Input input = answer.decision() == null ? new Input.ReplanFailed(answer.failure())
                : new Input.Replanned(request, answer.decision().plan(), answer.decision().note());
        return engine.apply(missionId, input, null).replaceWithVoid();
    }
}

package dev.missions.coordinator.result;

import dev.missions.coordinator.chaos.CrashPoints;
import dev.missions.outbox.DatabaseRetry;
import dev.missions.outbox.OutboxRelay;
import dev.missions.events.SubtaskCompleted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Droid results from {@code droid.results}; the offset is committed only after the result's transaction. */
@ApplicationScoped
public class ResultConsumer {

    @Inject
    ResultApplier applier;

    @Inject
    OutboxRelay relay;

    @Inject
    CrashPoints crashPoints;

    /**
     * A result that cannot be applied goes to droid.results.dlq, and its mission is blocked saying so: never stuck
     * silently. One that failed because the database was away is applied once it is back.
     */
    @Incoming("results")
    public Uni<Void> onResult(SubtaskCompleted result) {
        if (crashPoints.frozen()) {
            return Uni.createFrom().nothing(); // dying at a crash point: take nothing more, commit no offset
        }
        String what = "result " + result.getMeta().getEventId();
        return DatabaseRetry.untilAvailable(what, () -> applier.apply(result))
                .invoke(applied -> {
                    if (applied) {
                        crashPoints.reach(CrashPoints.RESULT_AFTER_COMMIT);
                    }
                })
                .replaceWithVoid()
                .onFailure().call(failure -> DatabaseRetry.untilAvailable(what, () -> applier.flag(result, failure))
                        .onFailure().recoverWithNull())
                .invoke(relay::wake);
    }
}

package dev.missions.coordinator.result;

import dev.missions.coordinator.outbox.OutboxRelay;
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

    /** A result that cannot be applied goes to droid.results.dlq, and its mission is blocked saying so: never stuck silently. */
    @Incoming("results")
    public Uni<Void> onResult(SubtaskCompleted result) {
        return applier.apply(result)
                .onFailure().call(failure -> applier.flag(result, failure).onFailure().recoverWithNull())
                .invoke(relay::wake);
    }
}

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

    @Incoming("results")
    public Uni<Void> onResult(SubtaskCompleted result) {
        return applier.apply(result).invoke(relay::wake);
    }
}
